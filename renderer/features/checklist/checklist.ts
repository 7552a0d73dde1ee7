/** Pure shaping of completion results for the checklist: per-task counts and LAOs sorted by need. */
import type { Lao } from '../../../shared/domain/reference';
import type { CalendarTask, TaskResult } from '../../../shared/calendar/index';
import type { LaoTaskResults } from '../../data/completionCache';
import { STATUS_RANK } from './status';

export interface LaoRow { lao: Lao; result: TaskResult }

export interface TaskSummary {
  task: CalendarTask;
  counts: { complete: number; in_progress: number; not_started: number; overdue: number; not_applicable: number };
  applicable: number;
  /** Sorted: overdue first, then least done, then by name. */
  rows: LaoRow[];
}

const ratio = (r: TaskResult) => (r.total === 0 ? 1 : r.done / r.total);

export function compareByNeed(a: LaoRow, b: LaoRow): number {
  return STATUS_RANK[a.result.status] - STATUS_RANK[b.result.status]
    || ratio(a.result) - ratio(b.result)
    || (b.result.total - b.result.done) - (a.result.total - a.result.done)
    || a.lao.code.localeCompare(b.lao.code);
}

export function summarizeTask(task: CalendarTask, laos: readonly Lao[], results: ReadonlyMap<string, LaoTaskResults>): TaskSummary {
  const counts = { complete: 0, in_progress: 0, not_started: 0, overdue: 0, not_applicable: 0 };
  const rows: LaoRow[] = [];
  for (const lao of laos) {
    const result = results.get(lao.id)?.[task.id];
    if (!result) continue;
    counts[result.status] += 1;
    rows.push({ lao, result });
  }
  rows.sort(compareByNeed);
  return { task, counts, applicable: rows.length - counts.not_applicable, rows };
}

/** Laos in the officer's scope: their assigned LAOs, or all when they have none assigned. */
export function laosInScope(laos: readonly Lao[], assigned: readonly string[] | undefined, mine: boolean): Lao[] {
  if (!mine || !assigned) return [...laos];
  const ids = new Set(assigned);
  return laos.filter((lao) => ids.has(lao.id));
}
