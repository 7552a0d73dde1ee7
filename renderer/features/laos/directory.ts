/** Pure helpers for the LAO directory: search and grouping. */
import { neediestStatus, type TaskStatus } from '../../../shared/calendar/index';
import { LAO_TYPE_CODES } from '../../../shared/domain/reference';

export { LAO_TYPE_CODES };

export interface DirectoryLao {
  id: string;
  code: string;
  type: string;
  nameTh: string;
  nameEn: string;
  districtCode: string;
}

export interface DirectoryDistrict {
  code: string;
  nameTh: string;
  nameEn: string;
}

const normalize = (text: string) => text.normalize('NFC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();

/** Matches Thai or English name, LAO code or district name; every word must match. */
export function matchesLaoSearch(lao: DirectoryLao, districts: DirectoryDistrict[], query: string): boolean {
  const words = normalize(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const district = districts.find((d) => d.code === lao.districtCode);
  const haystack = normalize([lao.nameTh, lao.nameEn, lao.code, district?.nameTh ?? '', district?.nameEn ?? ''].join(' '));
  return words.every((word) => haystack.includes(word));
}

const TYPE_ORDER = new Map<string, number>(LAO_TYPE_CODES.map((code, index) => [code, index]));

/** Groups LAOs by district (in district-code order), larger LAO types first, then by name. */
export function groupLaosByDistrict(laos: DirectoryLao[], districts: DirectoryDistrict[]) {
  const byDistrict = new Map<string, DirectoryLao[]>();
  for (const lao of laos) byDistrict.set(lao.districtCode, [...(byDistrict.get(lao.districtCode) ?? []), lao]);
  return [...districts]
    .sort((a, b) => a.code.localeCompare(b.code))
    .filter((district) => byDistrict.has(district.code))
    .map((district) => ({
      district,
      laos: byDistrict.get(district.code)!.sort(
        (a, b) => (TYPE_ORDER.get(a.type) ?? 99) - (TYPE_ORDER.get(b.type) ?? 99) || a.nameTh.localeCompare(b.nameTh, 'th'),
      ),
    }));
}

/**
 * An LAO's state for the month: the state of its neediest task (overdue before
 * not started before in progress before not yet due), complete only when every
 * task that applies is.
 */
export function monthStatusOf(results: Readonly<Record<string, { status: TaskStatus }>> | undefined, taskIds: readonly string[]): TaskStatus | undefined {
  if (!results) return undefined;
  return neediestStatus(taskIds.map((id) => results[id]?.status)) ?? 'not_applicable';
}
