/**
 * Completion status of calendar tasks, computed from one LAO's records
 * (design.md "Completion rules"). Pure: the renderer's checklist, the server's
 * reports and the exports all call these, so their numbers agree.
 */
import { toBangkokDate } from './isoDate';
import type { MissingItem } from './completionCodes';
import { recordIndexOf, type LaoRecords, type RecordIndex } from './recordIndex';
import { ordinancePassed, quarterProgress, quarterVerified, yearDisbursed } from './rules/budget';
import { antiDrugCurrent, fiscalStatsCurrent, grantsCurrent } from './rules/monthly';
import { planSubmitted } from './rules/planning';
import type { RuleContext, RuleOutcome } from './rules/tally';
import type { RecordTable } from '../domain/tables';
import { tallyStatuses, type StatusTally, type TaskStatus } from './status';
import { taskPeriodEnd, taskPeriodStart, type CalendarTask, type CalendarTemplate, type RuleKind, type RuleSpec } from './template';

export type { LaoRecords } from './recordIndex';
export type { MissingItem } from './completionCodes';

/**
 * Version of what the rules return for the same records and day. Bump it when
 * a rule or the status rule changes: results stored by another version are
 * computed again before anyone sees them. 2: the status not_yet_due.
 */
export const COMPLETION_RULES_VERSION = 2;

export interface TaskResult {
  status: TaskStatus;
  done: number;
  total: number;
  missing: MissingItem[];
  /**
   * Set on a result read back from the laptop's store, whose missing items are
   * stored apart and read only when shown (a start reads the statuses alone):
   * `missing` is then empty, not "nothing missing".
   */
  missingApart?: true;
}

export interface EvaluationContext {
  /** Today as an ISO date (Asia/Bangkok day); a datetime is taken as an instant and converted to its Bangkok day. */
  asOf: string;
  /** B.E. fiscal year the tasks are for. */
  fiscalYear: number;
  /**
   * First fiscal year this LAO has data for (it was established, or joined
   * e-plan, that year). Rules about earlier years are not applicable. Records
   * cannot tell "did not exist" from "did not enter", so absent means judge all.
   */
  firstFiscalYear?: number;
}

const SPENDING: readonly RecordTable[] = ['ordinances', 'ordinanceItems', 'disbursements'];

/**
 * The tables each rule reads: a change anywhere else cannot change its result,
 * so an incremental view may skip re-evaluating it (a property test holds us to this).
 */
export const RULE_TABLES: Record<RuleKind, readonly RecordTable[]> = {
  previousYearDisbursed: SPENDING,
  yearDisbursed: SPENDING,
  planSubmitted: ['visions', 'plans', 'planProjects'],
  ordinancePassed: ['ordinances', 'ordinanceItems'],
  quarterProgress: [...SPENDING, 'quarterReports'],
  quarterVerified: [...SPENDING, 'quarterReports'],
  grantsCurrent: ['grants'],
  fiscalStatsCurrent: ['fiscalStats'],
  antiDrugCurrent: ['antiDrugActivities'],
};

/** The fiscal year a rule judges: the previous one for seed row 1, else the template's. */
export function judgedFiscalYear(rule: RuleSpec, fiscalYear: number): number {
  return rule.kind === 'previousYearDisbursed' ? fiscalYear - 1 : fiscalYear;
}

function runRule(rule: RuleSpec, index: RecordIndex, ctx: RuleContext): RuleOutcome {
  const fy = ctx.fiscalYear;
  switch (rule.kind) {
    case 'previousYearDisbursed':
    case 'yearDisbursed':
      return yearDisbursed(index, fy);
    case 'planSubmitted':
      return planSubmitted(index, fy);
    case 'ordinancePassed':
      return ordinancePassed(index, fy);
    case 'quarterProgress':
      return quarterProgress(index, fy, rule.quarter);
    case 'quarterVerified':
      return quarterVerified(index, fy, rule.quarter);
    case 'grantsCurrent':
      return grantsCurrent(index, ctx, rule.staleAfterDays);
    case 'fiscalStatsCurrent':
      return fiscalStatsCurrent(index, ctx, rule.lagMonths);
    case 'antiDrugCurrent':
      return antiDrugCurrent(index, ctx, rule.resultGraceDays);
  }
}

/** The days a task is due: from the first day of its first month to the last day of its last month. */
export interface TaskPeriod {
  start: string;
  end: string;
}

export const taskPeriod = (task: CalendarTask): TaskPeriod => ({ start: taskPeriodStart(task), end: taskPeriodEnd(task) });

/**
 * not_applicable when there is nothing to judge; complete when every check
 * passes (work done early counts); not_yet_due before the task's first month;
 * overdue once its last month has ended; otherwise not_started (no check
 * passes) or in_progress.
 */
export function taskStatus(outcome: { done: number; total: number }, asOf: string, period: TaskPeriod): TaskStatus {
  if (outcome.total === 0) return 'not_applicable';
  if (outcome.done >= outcome.total) return 'complete';
  if (asOf < period.start) return 'not_yet_due';
  if (asOf > period.end) return 'overdue';
  return outcome.done === 0 ? 'not_started' : 'in_progress';
}

function evaluate(task: CalendarTask, index: RecordIndex, asOf: string, ctx: EvaluationContext): TaskResult {
  const fiscalYear = judgedFiscalYear(task.rule, ctx.fiscalYear);
  if (ctx.firstFiscalYear !== undefined && fiscalYear < ctx.firstFiscalYear) {
    return { status: 'not_applicable', done: 0, total: 0, missing: [] };
  }
  const outcome = runRule(task.rule, index, { asOf, fiscalYear });
  return { status: taskStatus(outcome, asOf, taskPeriod(task)), ...outcome };
}

/** One task for one LAO; records are indexed once per records object and reused. */
export function evaluateTask(task: CalendarTask, records: LaoRecords, ctx: EvaluationContext): TaskResult {
  return evaluate(task, recordIndexOf(records), toBangkokDate(ctx.asOf), ctx);
}

/** Every task of a template for one LAO, keyed by task id; judges the template's fiscal year. */
export function evaluateLao(template: CalendarTemplate, records: LaoRecords, ctx: EvaluationContext): Record<string, TaskResult> {
  const index = recordIndexOf(records);
  const asOf = toBangkokDate(ctx.asOf);
  const yearCtx = { ...ctx, fiscalYear: template.fiscalYear };
  const results: Record<string, TaskResult> = {};
  for (const task of template.tasks) results[task.id] = evaluate(task, index, asOf, yearCtx);
  return results;
}

/** Counts of results by status (e.g. the LAOs of one task, or the tasks of one LAO). */
export function summarize(results: readonly TaskResult[]): StatusTally {
  return tallyStatuses(results.map((result) => result.status));
}
