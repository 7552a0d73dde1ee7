/** Pure figures of the supervisor dashboard, from the same cached results as the matrix. */
import { monthsOfFiscalYear } from '../../../shared/calendar/fiscal';
import { tasksForMonth, type CalendarTemplate } from '../../../shared/calendar/index';
import type { Lao } from '../../../shared/domain/reference';
import type { LaoTaskResults } from '../../data/completionCache';
import { buildMatrix, type Tally } from '../matrix/matrix';

export interface MonthProgress { year: number; month: number; tally: Tally }

/** Share of LAO × task pairs complete among the tasks due in each month so far (matrix model per month). */
export function monthlyProgress(template: CalendarTemplate, laos: readonly Lao[], results: ReadonlyMap<string, LaoTaskResults>, asOf: string): MonthProgress[] {
  const asOfMonth = asOf.slice(0, 7);
  return monthsOfFiscalYear(template.fiscalYear)
    .filter(({ year, month }) => `${year}-${String(month).padStart(2, '0')}` <= asOfMonth)
    .map(({ year, month }) => ({ year, month, tally: buildMatrix(laos, [], tasksForMonth(template, year, month), results, {}).overall }));
}

export interface LaoBehind { lao: Lao; overdue: number; complete: number; applicable: number }

/** LAOs with the most overdue tasks of the year, then the fewest complete. */
export function laosMostBehind(template: CalendarTemplate, laos: readonly Lao[], results: ReadonlyMap<string, LaoTaskResults>, limit = 10): LaoBehind[] {
  return laos
    .map((lao) => {
      const row = { lao, overdue: 0, complete: 0, applicable: 0 };
      for (const task of template.tasks) {
        const status = results.get(lao.id)?.[task.id]?.status;
        if (!status || status === 'not_applicable') continue;
        row.applicable += 1;
        if (status === 'complete') row.complete += 1;
        if (status === 'overdue') row.overdue += 1;
      }
      return row;
    })
    .filter((row) => row.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || a.complete / Math.max(1, a.applicable) - b.complete / Math.max(1, b.applicable) || a.lao.code.localeCompare(b.lao.code))
    .slice(0, limit);
}
