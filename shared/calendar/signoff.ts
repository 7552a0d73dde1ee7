/**
 * Sign-off of periods (issue 17 item 3): a supervisor verifies an LAO's task
 * for its period and signs it off; the records the task judged are locked
 * until someone reopens it with a reason. The rule the task had when it was
 * signed is kept with the sign-off, so a later calendar does not move a lock.
 * Which records a task judged is decided here, once, for the server (which
 * refuses a push) and the laptop (which refuses the edit offline).
 * docs/calendar.md says it in words.
 */
import { z } from 'zod';
import { provinceCode, uuid } from '../domain/common';
import type { RecordTable } from '../domain/tables';
import { validText } from '../text';
import { daysInMonth, toIsoDate } from './isoDate';
import { fiscalYearOfMonth, quarterRange, type Quarter } from './fiscal';
import { ruleSpecSchema, type RuleSpec, type TaskMonth } from './template';
import { MAX_BE_YEAR, MIN_BE_YEAR } from './thaiDate';

export interface SignOff {
  id: string;
  provinceCode: string;
  laoId: string;
  fiscalYear: number;
  taskId: string;
  /** The task's rule when it was signed off: what it judged. */
  rule: RuleSpec;
  /** The month signed off, for an every-month task; null for a task's whole period. */
  month: TaskMonth | null;
  signedBy: string;
  signedAt: string;
  note: string;
  reopenedBy: string | null;
  reopenedAt: string | null;
  reopenReason: string | null;
}

export const isActive = (signOff: Pick<SignOff, 'reopenedAt'>): boolean => signOff.reopenedAt === null;

/**
 * The sign-offs in force of a fiscal year as a view of `month` sees them, by
 * `laoId|taskId`: each task's whole period, and every-month tasks' sign-off of
 * that month (none of them when the view is the whole year, `month` undefined).
 */
export function signOffsInForce(list: readonly SignOff[], fiscalYear: number, month?: TaskMonth): Map<string, SignOff> {
  const byCell = new Map<string, SignOff>();
  for (const s of list) {
    if (!isActive(s) || s.fiscalYear !== fiscalYear) continue;
    if (s.month !== null && (month === undefined || !samePeriod(s.month, month))) continue;
    byCell.set(`${s.laoId}|${s.taskId}`, s);
  }
  return byCell;
}

/** Whether two sign-offs are for the same period: both a task's whole period, or the same month. */
export const samePeriod = (a: TaskMonth | null, b: TaskMonth | null): boolean => (a === null ? b === null : b !== null && a.year === b.year && a.month === b.month);

const taskId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const fiscalYear = z.number().int().min(MIN_BE_YEAR).max(MAX_BE_YEAR);

/** LAOs × tasks of one request: the app sends one task for at most a province's LAOs (the largest has a few hundred). */
export const MAX_SIGNOFF_CELLS = 5_000;

/** POST /v1/signoffs: tasks of a fiscal year (or a month's tasks) signed off for chosen LAOs. */
export const signOffRequestSchema = z.object({
  fiscalYear,
  laoIds: z.array(uuid()).min(1).max(5000),
  taskIds: z.array(taskId).min(1).max(100),
  /** For every-month tasks: the month signed off (Gregorian year and month). */
  month: z.object({ year: z.number().int().min(1857).max(2157), month: z.number().int().min(1).max(12) }).nullable(),
  note: validText().trim().max(500),
  /**
   * The base of the judgement: for each province, the change-log position the
   * laptop had pulled when the supervisor judged. An LAO whose judged records
   * changed after it is not signed off (`stale` in the answer): the laptop
   * syncs, and the supervisor looks again at what they would lock.
   */
  seen: z.record(provinceCode(), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER))
    .refine((seen) => Object.keys(seen).length <= 100, { message: 'At most 100 provinces' }),
}).refine((request) => request.month === null || fiscalYearOfMonth(request.month.year, request.month.month) === request.fiscalYear, {
  path: ['month'],
  message: 'The month signed off lies in the fiscal year named',
}).refine((request) => new Set(request.laoIds).size * new Set(request.taskIds).size <= MAX_SIGNOFF_CELLS, {
  path: ['laoIds'],
  message: `At most ${MAX_SIGNOFF_CELLS} LAO-task cells are signed off in one request`,
});
export type SignOffRequest = z.infer<typeof signOffRequestSchema>;

/** The answer to a sign-off request: the sign-offs made, and the LAOs left out because what they would lock changed since `seen`. */
export interface SignOffAnswer {
  signOffs: SignOff[];
  stale: string[];
}

/** POST /v1/signoffs/:id/reopen: a reason is required. */
export const reopenRequestSchema = z.object({ reason: validText().trim().min(1).max(500) });

export const signOffSchema: z.ZodType<SignOff> = z.object({
  id: uuid(),
  provinceCode: validText().max(10),
  laoId: uuid(),
  fiscalYear,
  taskId,
  rule: ruleSpecSchema,
  month: z.object({ year: z.number().int(), month: z.number().int().min(1).max(12) }).nullable(),
  signedBy: validText().max(100),
  signedAt: validText().max(40),
  note: validText().max(500),
  reopenedBy: validText().max(100).nullable(),
  reopenedAt: validText().max(40).nullable(),
  reopenReason: validText().max(500).nullable(),
}) as z.ZodType<SignOff>;

type Row = Readonly<Record<string, unknown>>;

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Dates of a fiscal year's quarters up to `quarter` (or only that one). */
function inQuarters(date: string, fy: number, quarter: Quarter, upTo: boolean): boolean {
  const from = quarterRange(fy, upTo ? 1 : quarter).start;
  const to = quarterRange(fy, quarter).end;
  return date >= from && date <= to;
}

const BUDGET_TABLES = new Set<RecordTable>(['ordinances', 'ordinanceItems', 'contracts', 'disbursements', 'quarterReports']);

/**
 * Whether a task's rule, signed off for fiscal year `fy` (and `month` for an
 * every-month task), judged this record. What each rule reads (rules/*.ts):
 * - a closed year (previous year, whole year): every budget record of that year;
 * - the ordinance: the year's ordinances and their items' amounts (not the
 *   items' outcome, recorded later in the year);
 * - a quarter's progress: the quarter's report and the disbursements paid in
 *   it; verified: also the ordinances and the quarters before;
 * - the plan: the visions and plans covering the year (not plan projects or
 *   amendments: amending is how a submitted plan lawfully changes);
 * - fiscal statistics and anti-drug operations: the months up to the one
 *   signed off; grants: nothing (a grant is a living record, updated as money
 *   moves; its sign-off records the check).
 */
export function judgesRecord(rule: RuleSpec, fy: number, month: TaskMonth | null, table: RecordTable, record: Row): boolean {
  const recordFy = num(record.fiscalYear);
  switch (rule.kind) {
    case 'previousYearDisbursed':
      return BUDGET_TABLES.has(table) && recordFy === fy - 1;
    case 'yearDisbursed':
      return BUDGET_TABLES.has(table) && recordFy === fy;
    case 'ordinancePassed':
      return (table === 'ordinances' || table === 'ordinanceItems') && recordFy === fy;
    case 'quarterProgress':
    case 'quarterVerified': {
      if (recordFy !== fy) return false;
      const upTo = rule.kind === 'quarterVerified';
      if (table === 'quarterReports') return upTo ? (num(record.quarter) ?? 5) <= rule.quarter : record.quarter === rule.quarter;
      if (table === 'disbursements') return inQuarters(str(record.paidOn), fy, rule.quarter, upTo);
      return upTo && (table === 'ordinances' || table === 'ordinanceItems');
    }
    case 'planSubmitted': {
      const start = num(record.startYear);
      if (start === undefined) return false;
      if (table === 'visions') return start <= fy && fy <= (num(record.endYear) ?? start);
      if (table === 'plans') return start <= fy && fy < start + (num(record.years) ?? 1);
      return false;
    }
    case 'fiscalStatsCurrent':
      if (table !== 'fiscalStats' || recordFy !== fy) return false;
      return month === null || (num(record.year) ?? 0) * 12 + (num(record.month) ?? 0) <= month.year * 12 + month.month;
    case 'antiDrugCurrent':
      if (table !== 'antiDrugActivities' || recordFy !== fy) return false;
      return month === null || str(record.heldOn) <= toIsoDate({ year: month.year, month: month.month, day: daysInMonth(month.year, month.month) });
    case 'grantsCurrent':
      return false;
  }
}

/** Fields of an item the ordinance and verification rules judged; the outcome and its reason stay open all year. */
const ITEM_FIELDS_LEFT_OPEN = new Set(['outcome', 'cancelReason']);

/**
 * The active sign-off that locks a write, if any: one whose task judged the
 * record as it stands or as it would be (so nothing moves into or out of a
 * signed-off period), unless the write touches only fields the task did not judge.
 */
export function lockingSignOff(
  signOffs: readonly SignOff[],
  table: RecordTable,
  before: Row | undefined,
  after: Row,
  changedFields: readonly string[],
): SignOff | undefined {
  const laoId = str(after.laoId) || str(before?.laoId);
  for (const signOff of signOffs) {
    if (!isActive(signOff) || signOff.laoId !== laoId) continue;
    const judges = (record: Row | undefined) => record !== undefined && judgesRecord(signOff.rule, signOff.fiscalYear, signOff.month, table, record);
    if (!judges(before) && !judges(after)) continue;
    const onlyOpenFields = before !== undefined && table === 'ordinanceItems' && signOff.rule.kind !== 'yearDisbursed' && signOff.rule.kind !== 'previousYearDisbursed'
      && changedFields.every((field) => ITEM_FIELDS_LEFT_OPEN.has(field));
    if (!onlyOpenFields) return signOff;
  }
  return undefined;
}
