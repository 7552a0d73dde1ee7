/**
 * Officer performance against the calendar (seed note 3): per officer and
 * month, for each task due, the assigned LAOs by status; visits made and
 * records entered on LAOs' behalf that month; and the whole year so far. Pure.
 */
import { monthsOfFiscalYear } from '../calendar/fiscal';
import {
  contractDocsStatus, sumTallies, tallyResults, tasksForMonth,
  type CalendarTask, type CalendarTemplate, type ContractDocsStatus, type StatusTally, type TaskResult,
} from '../calendar/index';
import type { Lao, User } from '../domain/reference';
import { assignedLaoIds } from '../domain/assignments';

/** The officer's LAOs by status for one task. */
export interface OfficerTaskLine { task: CalendarTask; assigned: number; tally: StatusTally }
export interface OfficerMonth {
  year: number;
  month: number;
  tasks: OfficerTaskLine[];
  /** The month's task lines added up. */
  tally: StatusTally;
  visits: number;
  onBehalf: number;
}
export interface OfficerPerformance {
  user: User;
  laoCount: number;
  docs: ContractDocsStatus;
  months: OfficerMonth[];
  /** Every task of the year × the officer's LAOs, as of the day: tasks not yet begun show as not yet due. */
  year: StatusTally;
}

type Results = ReadonlyMap<string, Readonly<Record<string, TaskResult>>>;

export interface ActivityRow { laoId: string; updatedBy?: string; updatedAt?: string; enteredOnBehalf?: boolean; deleted?: boolean }
export interface VisitRow { officerId: string; visitedOn: string; deleted?: boolean }

const monthOf = (iso: string) => iso.slice(0, 7);
const key = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

function count<T>(rows: readonly T[], keyOf: (row: T) => string | undefined): Map<string, number> {
  const map = new Map<string, number>();
  for (const row of rows) {
    const k = keyOf(row);
    if (k) map.set(k, (map.get(k) ?? 0) + 1);
  }
  return map;
}

function taskLine(task: CalendarTask, laoIds: readonly string[], results: Results): OfficerTaskLine {
  return { task, assigned: laoIds.length, tally: tallyResults(results, laoIds, [task]) };
}

/** Months of the fiscal year up to the as-of month. */
export function officerPerformance(
  users: readonly User[], laos: readonly Lao[], template: CalendarTemplate,
  results: Results, asOf: string,
  activity: { records: readonly ActivityRow[]; visits: readonly VisitRow[] },
): OfficerPerformance[] {
  const months = monthsOfFiscalYear(template.fiscalYear).filter((m) => key(m.year, m.month) <= monthOf(asOf));
  const visits = count(activity.visits.filter((v) => !v.deleted), (v) => `${v.officerId}|${monthOf(v.visitedOn)}`);
  const onBehalf = count(activity.records.filter((r) => !r.deleted && r.enteredOnBehalf), (r) => (r.updatedBy && r.updatedAt ? `${r.updatedBy}|${monthOf(r.updatedAt)}` : undefined));
  return users
    .filter((user) => user.role === 'officer')
    .sort((a, b) => a.username.localeCompare(b.username, 'en', { numeric: true }))
    .map((user) => {
      const laoIds = assignedLaoIds(user, laos);
      return {
        user,
        laoCount: laoIds.length,
        docs: contractDocsStatus(user, asOf),
        months: months.map(({ year, month }) => {
          const tasks = tasksForMonth(template, year, month).map((task) => taskLine(task, laoIds, results));
          return {
            year, month, tasks,
            tally: sumTallies(tasks.map((line) => line.tally)),
            visits: visits.get(`${user.id}|${key(year, month)}`) ?? 0,
            onBehalf: onBehalf.get(`${user.id}|${key(year, month)}`) ?? 0,
          };
        }),
        year: sumTallies(template.tasks.map((task) => taskLine(task, laoIds, results).tally)),
      };
    });
}
