/** Pure shaping of the province matrix: filter LAOs, group by district, percentages per task and district. */
import { LAO_TYPE_CODES, type District, type Lao } from '../../../shared/domain/reference';
import { tallyPerTask, type CalendarTask, type StatusTally, type TaskStatus } from '../../../shared/calendar/index';
import type { LaoTaskResults } from '../../../shared/calendar/completionCache';

export interface MatrixFilters { district?: string; type?: string; status?: TaskStatus }

export interface MatrixRow { lao: Lao; results: LaoTaskResults | undefined }

export interface MatrixGroup { district: District; rows: MatrixRow[]; perTask: StatusTally[]; overall: StatusTally }

export interface MatrixModel { groups: MatrixGroup[]; perTask: StatusTally[]; overall: StatusTally; shown: number; total: number }

const TYPE_ORDER = new Map<string, number>(LAO_TYPE_CODES.map((code, i) => [code, i]));

/** Filtering only reads cached results; nothing is recomputed. */
export function buildMatrix(
  laos: readonly Lao[],
  districts: readonly District[],
  tasks: readonly CalendarTask[],
  results: ReadonlyMap<string, LaoTaskResults>,
  filters: MatrixFilters,
): MatrixModel {
  const kept = laos.filter((lao) =>
    (!filters.district || lao.districtCode === filters.district)
    && (!filters.type || lao.type === filters.type)
    && (!filters.status || tasks.some((task) => results.get(lao.id)?.[task.id]?.status === filters.status)));
  const byDistrict = new Map<string, MatrixRow[]>();
  for (const lao of kept) {
    const rows = byDistrict.get(lao.districtCode) ?? [];
    rows.push({ lao, results: results.get(lao.id) });
    byDistrict.set(lao.districtCode, rows);
  }
  const groups: MatrixGroup[] = [];
  for (const district of [...districts].sort((a, b) => a.code.localeCompare(b.code))) {
    const rows = byDistrict.get(district.code);
    if (!rows) continue;
    rows.sort((a, b) => (TYPE_ORDER.get(a.lao.type) ?? 99) - (TYPE_ORDER.get(b.lao.type) ?? 99) || a.lao.code.localeCompare(b.lao.code));
    groups.push({ district, rows, ...tallyPerTask(results, rows.map((row) => row.lao.id), tasks) });
  }
  return { groups, ...tallyPerTask(results, kept.map((lao) => lao.id), tasks), shown: kept.length, total: laos.length };
}

/**
 * One province at a time on a device that holds several (an administrator's,
 * after the national registry): the requested one if the device has it, else
 * the first by code. With a single province, `province` is undefined (no picker).
 */
export function provinceView<L extends { provinceCode: string }, D extends { provinceCode: string }>(laos: readonly L[], districts: readonly D[], requested: string | null) {
  const provinces = [...new Set(laos.map((lao) => lao.provinceCode))].sort();
  const province = provinces.length > 1 ? (requested !== null && provinces.includes(requested) ? requested : provinces[0]) : undefined;
  return {
    provinces,
    province,
    laos: province === undefined ? [...laos] : laos.filter((lao) => lao.provinceCode === province),
    districts: province === undefined ? [...districts] : districts.filter((d) => d.provinceCode === province),
  };
}
