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
  provinceCode: string;
}

export interface DirectoryDistrict {
  code: string;
  nameTh: string;
  nameEn: string;
}

const normalize = (text: string) => text.normalize('NFC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();

/** Matches Thai or English name, LAO code or district name; every word must match. */
export function matchesLaoSearch(lao: DirectoryLao, districts: DirectoryDistrict[] | ReadonlyMap<string, DirectoryDistrict>, query: string): boolean {
  const words = normalize(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  // A map for the whole country's 7,850 LAOs and 900 districts; a list will do for a few.
  const district = Array.isArray(districts) ? districts.find((d) => d.code === lao.districtCode) : (districts as ReadonlyMap<string, DirectoryDistrict>).get(lao.districtCode);
  const haystack = normalize([lao.nameTh, lao.nameEn, lao.code, district?.nameTh ?? '', district?.nameEn ?? ''].join(' '));
  return words.every((word) => haystack.includes(word));
}

const TYPE_ORDER = new Map<string, number>(LAO_TYPE_CODES.map((code, index) => [code, index]));

/** Groups LAOs by district (in district-code order), larger LAO types first, then by name. */
export function groupLaosByDistrict(laos: DirectoryLao[], districts: DirectoryDistrict[]) {
  const byDistrict = new Map<string, DirectoryLao[]>();
  for (const lao of laos) {
    const list = byDistrict.get(lao.districtCode);
    if (list) list.push(lao);
    else byDistrict.set(lao.districtCode, [lao]);
  }
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

export type DirectoryRow =
  | { kind: 'district'; district: DirectoryDistrict; count: number }
  | { kind: 'cards'; laos: DirectoryLao[] };

/**
 * The directory as the rows a virtualized list renders: each district's
 * heading, then its LAOs `columns` to a row, so only the rows on screen
 * become elements even with the whole country on the device.
 */
export function directoryRows(groups: readonly { district: DirectoryDistrict; laos: DirectoryLao[] }[], columns: number): DirectoryRow[] {
  const per = Math.max(1, Math.floor(columns));
  const rows: DirectoryRow[] = [];
  for (const { district, laos } of groups) {
    rows.push({ kind: 'district', district, count: laos.length });
    for (let start = 0; start < laos.length; start += per) rows.push({ kind: 'cards', laos: laos.slice(start, start + per) });
  }
  return rows;
}
