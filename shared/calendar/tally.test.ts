import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDue, TASK_STATUSES, tallyStatuses, sumTallies, type TaskStatus } from './status';
import { tallyGroups, tallyPerTask, tallyResults } from './tally';

const TASKS = ['a', 'b', 'c', 'd'];
const LAOS = ['l1', 'l2', 'l3', 'l4', 'l5'];

/** Any results: some LAOs missing, some tasks not computed yet. */
const resultsArb = fc.dictionary(
  fc.constantFrom(...LAOS),
  fc.dictionary(fc.constantFrom(...TASKS), fc.record({ status: fc.constantFrom<TaskStatus>(...TASK_STATUSES) })),
).map((byLao) => new Map(Object.entries(byLao)));

describe('the one status tally', () => {
  it('counts every computed result once: statuses sum to the total, due is the total less the not due', () => {
    fc.assert(fc.property(resultsArb, fc.subarray(LAOS), fc.subarray(TASKS), (results, laos, tasks) => {
      const tally = tallyResults(results, laos, tasks);
      expect(TASK_STATUSES.reduce((sum, s) => sum + tally[s], 0)).toBe(tally.total);
      expect(tally.due).toBe(TASK_STATUSES.filter(isDue).reduce((sum, s) => sum + tally[s], 0));
      expect(tally.due).toBe(tally.total - tally.not_yet_due - tally.not_applicable);
      // The same as counting the list of statuses by hand.
      expect(tally).toEqual(tallyStatuses(laos.flatMap((lao) => tasks.map((task) => results.get(lao)?.[task]?.status))));
    }));
  });

  it('per task sums to the whole, and so do disjoint groups of LAOs', () => {
    fc.assert(fc.property(resultsArb, fc.subarray(TASKS), fc.integer({ min: 1, max: 3 }), (results, tasks, groupCount) => {
      const { perTask, overall } = tallyPerTask(results, LAOS, tasks);
      expect(sumTallies(perTask)).toEqual(overall);
      expect(overall).toEqual(tallyResults(results, LAOS, tasks));
      tasks.forEach((task, i) => expect(perTask[i]).toEqual(tallyResults(results, LAOS, [task])));
      const groups = Array.from({ length: groupCount }, (_, g) => [g, LAOS.filter((_l, i) => i % groupCount === g)] as const);
      expect(sumTallies(tallyGroups(results, groups, tasks).values())).toEqual(overall);
    }));
  });

  it('takes tasks by id or as tasks, and leaves out LAOs and tasks without a result', () => {
    const results = new Map([['l1', { a: { status: 'complete' as const } }]]);
    expect(tallyResults(results, ['l1', 'l2'], [{ id: 'a' }, 'b'])).toMatchObject({ complete: 1, total: 1, due: 1 });
  });
});
