/** Pure figures of the supervisor dashboard, from the same cached results as the matrix. */
import { monthsOfFiscalYear } from '../../../shared/calendar/fiscal';
import { completeShare, emptyTally, tallyGroups, tallyResults, tasksForMonth, type CalendarTemplate, type StatusTally } from '../../../shared/calendar/index';
import type { District, Lao } from '../../../shared/domain/reference';
import type { LaoTaskResults } from '../../../shared/calendar/completionCache';

export interface MonthProgress { year: number; month: number; tally: StatusTally }

const monthKeyOf = (m: { year: number; month: number }) => `${m.year}-${String(m.month).padStart(2, '0')}`;

/** Share of LAO × task pairs complete among the tasks due in each month so far: the year's months up to today's. */
export function monthlyProgress(template: CalendarTemplate, laos: readonly Lao[], results: ReadonlyMap<string, LaoTaskResults>, asOf: string): MonthProgress[] {
  return yearOfMonths(template, laos, results, asOf).filter((m) => monthKeyOf(m) <= asOf.slice(0, 7));
}

/** Every LAO × task of the year by status: what is done, what is late, what has not begun. */
export function yearStatusTally(template: CalendarTemplate, laos: readonly Lao[], results: ReadonlyMap<string, LaoTaskResults>): StatusTally {
  return tallyResults(results, laos.map((lao) => lao.id), template.tasks);
}

export interface LaoBehind { lao: Lao; tally: StatusTally }

/** LAOs with the most overdue tasks of the year, then the smallest share complete. */
export function laosMostBehind(template: CalendarTemplate, laos: readonly Lao[], results: ReadonlyMap<string, LaoTaskResults>, limit = 10): LaoBehind[] {
  return laos
    .map((lao) => ({ lao, tally: tallyResults(results, [lao.id], template.tasks) }))
    .filter((row) => row.tally.overdue > 0)
    .sort((a, b) => b.tally.overdue - a.tally.overdue || (completeShare(a.tally) ?? 1) - (completeShare(b.tally) ?? 1) || a.lao.code.localeCompare(b.lao.code))
    .slice(0, limit);
}

/**
 * Every month of the fiscal year with its tasks' statuses: the month chart. In a
 * month still ahead nothing is due yet, every-month tasks included (their status
 * today says nothing of a month to come), so its tasks count as not yet due.
 */
export function yearOfMonths(template: CalendarTemplate, laos: readonly Lao[], results: ReadonlyMap<string, LaoTaskResults>, asOf: string): MonthProgress[] {
  const laoIds = laos.map((lao) => lao.id);
  const asOfMonth = asOf.slice(0, 7);
  return monthsOfFiscalYear(template.fiscalYear).map(({ year, month }) => {
    const tally = tallyResults(results, laoIds, tasksForMonth(template, year, month));
    if (monthKeyOf({ year, month }) <= asOfMonth) return { year, month, tally };
    const ahead = { ...emptyTally(), not_yet_due: tally.total - tally.not_applicable, not_applicable: tally.not_applicable, total: tally.total };
    return { year, month, tally: ahead };
  });
}

export interface DistrictProgress { district: District; tally: StatusTally }

/** Each district's LAOs × the year's tasks: the district chart. */
export function districtProgress(template: CalendarTemplate, laos: readonly Lao[], districts: readonly District[], results: ReadonlyMap<string, LaoTaskResults>): DistrictProgress[] {
  const sorted = [...districts].sort((a, b) => a.code.localeCompare(b.code));
  const tallies = tallyGroups(results, sorted.map((d) => [d.code, laos.filter((lao) => lao.districtCode === d.code).map((lao) => lao.id)] as const), template.tasks);
  return sorted.filter((d) => laos.some((lao) => lao.districtCode === d.code)).map((district) => ({ district, tally: tallies.get(district.code)! }));
}
