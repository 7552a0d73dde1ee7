import { describe, expect, it } from 'vitest';
import { tasksForMonth } from '../../../shared/calendar/index';
import { demoFixture, FIXTURE_AS_OF } from '../../export/demoFixture';
import { buildMatrix } from '../matrix/matrix';
import { laosMostBehind, monthlyProgress } from './dashboard';

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
    for (let i = 1; i < behind.length; i += 1) expect(behind[i - 1]!.overdue).toBeGreaterThanOrEqual(behind[i]!.overdue);
  });
});
