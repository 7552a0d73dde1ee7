/**
 * The completion statuses of a calendar task, written once: their order, the
 * rank "needs attention first", which of them count toward percent complete,
 * and tallies. Screens, workbooks and stored results take them from here; the
 * UI adds only a colour and an icon per status (docs/completion-rules.md).
 */

/** In display order, which is also the order of need: what asks for the officer first. */
export const TASK_STATUSES = ['overdue', 'not_started', 'in_progress', 'not_yet_due', 'complete', 'not_applicable'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Lower needs attention sooner. */
export const STATUS_RANK = Object.fromEntries(TASK_STATUSES.map((status, rank) => [status, rank])) as Readonly<Record<TaskStatus, number>>;

const KNOWN = new Set<unknown>(TASK_STATUSES);
export const isTaskStatus = (value: unknown): value is TaskStatus => KNOWN.has(value);

/**
 * Whether a result counts toward percent complete. Nothing to judge
 * (not_applicable) and not begun (not_yet_due) do not; work done early is
 * complete and counts.
 */
export const isDue = (status: TaskStatus): boolean => status !== 'not_applicable' && status !== 'not_yet_due';

/** Due and not complete: the officer has to follow the LAO up now. */
export const needsFollowUp = (status: TaskStatus): boolean => isDue(status) && status !== 'complete';

/** How many results have each status; `due` those that count toward percent complete. */
export type StatusTally = Record<TaskStatus, number> & { total: number; due: number };

export function emptyTally(): StatusTally {
  return { overdue: 0, not_started: 0, in_progress: 0, not_yet_due: 0, complete: 0, not_applicable: 0, total: 0, due: 0 };
}

/** Counts one more result into the tally. */
export function addStatus(tally: StatusTally, status: TaskStatus): void {
  tally[status] += 1;
  tally.total += 1;
  if (isDue(status)) tally.due += 1;
}

/** Counts the statuses; an unknown (not yet computed) result is left out. */
export function tallyStatuses(statuses: Iterable<TaskStatus | undefined>): StatusTally {
  const tally = emptyTally();
  for (const status of statuses) if (status) addStatus(tally, status);
  return tally;
}

/** The sum of several tallies (the tasks of a month, the months of a year). */
export function sumTallies(tallies: Iterable<StatusTally>): StatusTally {
  const sum = emptyTally();
  for (const tally of tallies) {
    for (const status of TASK_STATUSES) sum[status] += tally[status];
    sum.total += tally.total;
    sum.due += tally.due;
  }
  return sum;
}

/** Complete among the due, 0..1; null when nothing is due. */
export const completeShare = (tally: StatusTally): number | null => (tally.due === 0 ? null : tally.complete / tally.due);

/** The status that needs attention first; undefined when there is none. */
export function neediestStatus(statuses: Iterable<TaskStatus | undefined>): TaskStatus | undefined {
  let neediest: TaskStatus | undefined;
  for (const status of statuses) {
    if (status && (neediest === undefined || STATUS_RANK[status] < STATUS_RANK[neediest])) neediest = status;
  }
  return neediest;
}
