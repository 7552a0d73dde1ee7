/** Pure shaping of the province matrix: filter LAOs, group by district, percentages per task and district. */
import { LAO_TYPE_CODES, type District, type Lao } from '../../../shared/domain/reference';
import { addStatus, emptyTally, type CalendarTask, type StatusTally, type TaskStatus } from '../../../shared/calendar/index';
import type { LaoTaskResults } from '../../data/completionCache';

export interface MatrixFilters { district?: string; type?: string; status?: TaskStatus }

export interface MatrixRow { lao: Lao; results: LaoTaskResults | undefined }

export interface MatrixGroup { district: District; rows: MatrixRow[]; perTask: StatusTally[]; overall: StatusTally }

export interface MatrixModel { groups: MatrixGroup[]; perTask: StatusTally[]; overall: StatusTally; shown: number; total: number }

const TYPE_ORDER = new Map<string, number>(LAO_TYPE_CODES.map((code, i) => [code, i]));

function tally(rows: readonly MatrixRow[], tasks: readonly CalendarTask[]): { perTask: StatusTally[]; overall: StatusTally } {
  const perTask = tasks.map(() => emptyTally());
  const overall = emptyTally();
  for (const row of rows) {
    tasks.forEach((task, i) => {
      const status = row.results?.[task.id]?.status;
      if (!status) return;
      addStatus(perTask[i]!, status);
      addStatus(overall, status);
    });
  }
  return { perTask, overall };
}

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
    groups.push({ district, rows, ...tally(rows, tasks) });
  }
  return { groups, ...tally(kept.map((lao) => ({ lao, results: results.get(lao.id) })), tasks), shown: kept.length, total: laos.length };
}
