/**
 * Completion results as the checklist shows them, for tests and the
 * benchmark: a result read back from the store has its missing items apart
 * (completionStore.ts), and a panel reads them through the engine.
 */
import type { LaoTaskResults } from '../../shared/calendar/completionCache';
import type { TaskResult } from '../../shared/calendar/index';

type MissingItemsOf = (laoId: string, taskId: string) => Promise<TaskResult['missing']>;

/** Every result with its missing items, those kept apart read as a panel reads them. */
export async function withMissingItems(results: ReadonlyMap<string, LaoTaskResults>, missingItems: MissingItemsOf): Promise<Map<string, LaoTaskResults>> {
  const shown = new Map<string, LaoTaskResults>();
  for (const [laoId, tasks] of results) {
    const full: Record<string, TaskResult> = {};
    for (const [taskId, { missingApart, ...result }] of Object.entries(tasks)) {
      full[taskId] = missingApart ? { ...result, missing: await missingItems(laoId, taskId) } : result;
    }
    shown.set(laoId, full);
  }
  return shown;
}

/** The statuses and counts alone: what a start shows before any panel opens. */
export function statusesAlone(results: ReadonlyMap<string, LaoTaskResults>): Map<string, Record<string, Omit<TaskResult, 'missing' | 'missingApart'>>> {
  return new Map([...results].map(([laoId, tasks]) => [laoId, Object.fromEntries(Object.entries(tasks).map(([taskId, { status, done, total }]) => [taskId, { status, done, total }]))]));
}
