import { describe, expect, it } from 'vitest';
import { tallyResults, tasksForMonth } from '../../../shared/calendar/index';
import { demoFixture, FIXTURE_AS_OF } from '../../export/demoFixture';
import { buildMatrix } from '../matrix/matrix';
import { laosMostBehind, monthlyProgress, yearOfMonths, yearStatusTally } from './dashboard';

describe('the supervisor dashboard figures', () => {
  it('gives each month so far the matrix overall tally of its tasks', () => {
    const { dataset, results, template } = demoFixture();
    const months = monthlyProgress(template, dataset.laos, results, FIXTURE_AS_OF);
    expect(months.map((m) => m.month)).toEqual([10, 11, 12, 1, 2, 3]);
    const march = months.at(-1)!;
    expect(march.tally).toEqual(buildMatrix(dataset.laos, dataset.districts, tasksForMonth(template, 2026, 3), results, {}).overall);
  });

  it('ranks LAOs by overdue tasks', () => {
    const { dataset, results, template } = demoFixture();
    const behind = laosMostBehind(template, dataset.laos, results, 5);
    expect(behind.length).toBeGreaterThan(0);
    for (let i = 1; i < behind.length; i += 1) expect(behind[i - 1]!.tally.overdue).toBeGreaterThanOrEqual(behind[i]!.tally.overdue);
  });

  it('counts the year’s tasks by status: in March the tasks of May to September are not yet due', () => {
    const { dataset, results, template } = demoFixture();
    const tally = yearStatusTally(template, dataset.laos, results);
    const later = template.tasks.filter((task) => task.months[0]!.year === 2026 && task.months[0]!.month > 3);
    expect(later.map((task) => task.id)).toEqual(['q2-verified', 'q3-progress', 'year-disbursement']);
    const laterCells = dataset.laos.flatMap((lao) => later.map((task) => results.get(lao.id)![task.id]!.status));
    expect(laterCells.every((status) => status === 'not_yet_due' || status === 'complete' || status === 'not_applicable')).toBe(true);
    expect(tally.not_yet_due).toBe(laterCells.filter((status) => status === 'not_yet_due').length);
    expect(tally.not_yet_due).toBeGreaterThan(0);
    expect(tally.total).toBe(dataset.laos.length * template.tasks.length);
    expect(tally.due).toBe(tally.total - tally.not_yet_due - tally.not_applicable);
  });
});

describe('the month chart', () => {
  it('counts a month ahead as not yet due, every-month tasks too, and a month so far as the checklist does', () => {
    const { dataset, results, template } = demoFixture();
    const months = yearOfMonths(template, dataset.laos, results, FIXTURE_AS_OF);
    expect(months).toHaveLength(12);
    const march = months.find((m) => m.year === 2026 && m.month === 3)!;
    expect(march.tally).toEqual(tallyResults(results, dataset.laos.map((l) => l.id), tasksForMonth(template, 2026, 3)));
    const june = months.find((m) => m.year === 2026 && m.month === 6)!;
    expect(june.tally).toMatchObject({ complete: 0, overdue: 0, in_progress: 0, not_started: 0, due: 0 });
    expect(june.tally.not_yet_due + june.tally.not_applicable).toBe(june.tally.total);
    expect(june.tally.total).toBeGreaterThan(0);
  });
});
