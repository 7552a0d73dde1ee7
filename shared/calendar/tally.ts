/**
 * The one status tally (issue 15 item 10): how many LAO × task results have
 * each status, for any set of LAOs and tasks, whole or grouped (per task, per
 * district, per officer, per LAO). The checklist, the matrix, the officers
 * page, the dashboard and every workbook count through here, so a figure on a
 * screen and the same figure in a workbook cannot disagree.
 */
import { addStatus, emptyTally, type StatusTally, type TaskStatus } from './status';

/** Results per LAO id, per task id: the completion engine's output, or any part of it. */
export type ResultsByLao = ReadonlyMap<string, Readonly<Record<string, { readonly status: TaskStatus } | undefined>> | undefined>;

type TaskRef = string | { readonly id: string };
const idOf = (task: TaskRef): string => (typeof task === 'string' ? task : task.id);

/** Every result of the LAOs × tasks, counted once; a result not computed yet is left out. */
export function tallyResults(results: ResultsByLao, laoIds: Iterable<string>, tasks: readonly TaskRef[]): StatusTally {
  const tally = emptyTally();
  const ids = tasks.map(idOf);
  for (const laoId of laoIds) {
    const row = results.get(laoId);
    if (!row) continue;
    for (const id of ids) {
      const status = row[id]?.status;
      if (status) addStatus(tally, status);
    }
  }
  return tally;
}

/** Per task (in the tasks' order) and over all of them: the columns and the total of a matrix. */
export function tallyPerTask(results: ResultsByLao, laoIds: Iterable<string>, tasks: readonly TaskRef[]): { perTask: StatusTally[]; overall: StatusTally } {
  const ids = tasks.map(idOf);
  const perTask = ids.map(() => emptyTally());
  const overall = emptyTally();
  for (const laoId of laoIds) {
    const row = results.get(laoId);
    if (!row) continue;
    ids.forEach((id, i) => {
      const status = row[id]?.status;
      if (!status) return;
      addStatus(perTask[i]!, status);
      addStatus(overall, status);
    });
  }
  return { perTask, overall };
}

/**
 * One tally per group of LAOs (a district, an officer's LAOs, one LAO), in the
 * order the groups are given; an LAO may belong to several groups.
 */
export function tallyGroups<K>(results: ResultsByLao, groups: Iterable<readonly [K, Iterable<string>]>, tasks: readonly TaskRef[]): Map<K, StatusTally> {
  const tallies = new Map<K, StatusTally>();
  for (const [key, laoIds] of groups) tallies.set(key, tallyResults(results, laoIds, tasks));
  return tallies;
}
