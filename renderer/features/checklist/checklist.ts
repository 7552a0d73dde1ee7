/** Pure shaping of completion results for the checklist: per-task counts and LAOs sorted by need. */
import type { Lao } from '../../../shared/domain/reference';
import { STATUS_RANK, tallyResults, type CalendarTask, type StatusTally, type TaskResult } from '../../../shared/calendar/index';
import type { LaoTaskResults } from '../../../shared/calendar/completionCache';

export interface LaoRow { lao: Lao; result: TaskResult }

export interface TaskSummary {
  task: CalendarTask;
  /** The LAOs by status; `due` is the denominator of percent complete. */
  tally: StatusTally;
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
  const rows: LaoRow[] = [];
  for (const lao of laos) {
    const result = results.get(lao.id)?.[task.id];
    if (result) rows.push({ lao, result });
  }
  rows.sort(compareByNeed);
  return { task, tally: tallyResults(results, laos.map((lao) => lao.id), [task]), rows };
}

/** Laos in the officer's scope: their assigned LAOs, or all when they have none assigned. */
export function laosInScope(laos: readonly Lao[], assigned: readonly string[] | undefined, mine: boolean): Lao[] {
  if (!mine || !assigned) return [...laos];
  const ids = new Set(assigned);
  return laos.filter((lao) => ids.has(lao.id));
}
