/**
 * The officers' work calendar as data: a template of tasks per fiscal year,
 * each with its months, bilingual texts and the completion rule that judges it
 * (mission.md "The officers' work calendar"; design.md "Completion rules").
 * Administrators edit templates, so everything about a task lives in its entry.
 */
import { z } from 'zod';
import { fiscalYearOfMonth, monthsOfFiscalYear, toBE, type Quarter } from './fiscal';
import { daysInMonth, toIsoDate } from './isoDate';
import { MAX_BE_YEAR, MIN_BE_YEAR, monthName } from './thaiDate';
import { err, issue, ok, type Result, type ValidationIssue } from '../result';
import { validText } from '../text';

/** Codes of template validation problems; translated in renderer/i18n/completion.*.json. */
export const TEMPLATE_CODES = [
  'template.duplicateTaskId',
  'template.monthOutsideFiscalYear',
  'template.monthsNotAscending',
  'template.everyMonthNeedsAllMonths',
  'template.invalid',
] as const;
export type TemplateCode = (typeof TEMPLATE_CODES)[number];

const quarter = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const positiveInt = (max: number) => z.number().int().min(1).max(max);

/**
 * The rule of a task: which records must be complete and how. Thresholds are
 * optional data so an administrator can tune them without a code change.
 */
export const ruleSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('previousYearDisbursed') }),
  z.object({ kind: z.literal('planSubmitted') }),
  z.object({ kind: z.literal('ordinancePassed') }),
  z.object({ kind: z.literal('quarterProgress'), quarter }),
  z.object({ kind: z.literal('quarterVerified'), quarter }),
  z.object({ kind: z.literal('yearDisbursed') }),
  /** staleAfterDays: a grant not fully disbursed must have been updated this recently (default 45). */
  z.object({ kind: z.literal('grantsCurrent'), staleAfterDays: positiveInt(366).optional() }),
  /** lagMonths: statistics are due for every month ending at least this many months ago (default 1). */
  z.object({ kind: z.literal('fiscalStatsCurrent'), lagMonths: positiveInt(12).optional() }),
  /** resultGraceDays: an activity must have its result this many days after it was held (default 7). */
  z.object({ kind: z.literal('antiDrugCurrent'), resultGraceDays: positiveInt(366).optional() }),
]);

export type RuleSpec =
  | { kind: 'previousYearDisbursed' }
  | { kind: 'planSubmitted' }
  | { kind: 'ordinancePassed' }
  | { kind: 'quarterProgress'; quarter: Quarter }
  | { kind: 'quarterVerified'; quarter: Quarter }
  | { kind: 'yearDisbursed' }
  | { kind: 'grantsCurrent'; staleAfterDays?: number }
  | { kind: 'fiscalStatsCurrent'; lagMonths?: number }
  | { kind: 'antiDrugCurrent'; resultGraceDays?: number };
export type RuleKind = RuleSpec['kind'];

export interface TaskMonth {
  year: number; // Gregorian
  month: number; // 1..12
}

export interface LocalizedText {
  th: string;
  en: string;
}

export interface CalendarTask {
  /** Stable across years, e.g. 'q2-progress'; results are keyed by it. */
  id: string;
  /** Row of the seed table (1..6), kept for the FY 2554 comparison and exports. */
  seedRow?: number;
  /** The months the task is due in, ascending; every month of the year for note-1 tasks. */
  months: TaskMonth[];
  everyMonth: boolean;
  label: LocalizedText;
  guidance: LocalizedText;
  rule: RuleSpec;
}

export interface CalendarTemplate {
  /** B.E. fiscal year the template is for. */
  fiscalYear: number;
  tasks: CalendarTask[];
}

const nonEmpty = (max: number) => validText().trim().min(1).max(max);
const localized = (max: number) => z.object({ th: nonEmpty(max), en: nonEmpty(max) });
const monthKey = (m: TaskMonth) => m.year * 12 + m.month;

const taskSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  seedRow: positiveInt(99).optional(),
  months: z.array(z.object({ year: z.number().int().min(1857).max(2157), month: positiveInt(12) })).min(1),
  everyMonth: z.boolean(),
  label: localized(300),
  guidance: localized(4000),
  rule: ruleSpecSchema,
});

type Ctx = z.core.$RefinementCtx;
const problem = (ctx: Ctx, path: (string | number)[], code: TemplateCode) =>
  ctx.addIssue({ code: 'custom', message: code, path });

function checkTaskMonths(task: CalendarTask, index: number, fiscalYear: number, ctx: Ctx): void {
  task.months.forEach((m, j) => {
    if (fiscalYearOfMonth(m.year, m.month) !== fiscalYear) {
      problem(ctx, ['tasks', index, 'months', j], 'template.monthOutsideFiscalYear');
    }
    const previous = task.months[j - 1];
    if (previous && monthKey(previous) >= monthKey(m)) problem(ctx, ['tasks', index, 'months', j], 'template.monthsNotAscending');
  });
  if (task.everyMonth && task.months.length !== 12) problem(ctx, ['tasks', index, 'months'], 'template.everyMonthNeedsAllMonths');
}

/** Validates an administrator-edited template: shape, unique ids, months inside the fiscal year. */
export const calendarTemplateSchema: z.ZodType<CalendarTemplate> = z
  .object({
    fiscalYear: z.number().int().min(MIN_BE_YEAR).max(MAX_BE_YEAR),
    tasks: z.array(taskSchema),
  })
  .superRefine((template, ctx) => {
    const seen = new Set<string>();
    template.tasks.forEach((task, i) => {
      if (seen.has(task.id)) problem(ctx, ['tasks', i, 'id'], 'template.duplicateTaskId');
      seen.add(task.id);
      checkTaskMonths(task, i, template.fiscalYear, ctx);
    });
  });

/** The tasks due in a Gregorian month, in template order. */
export function tasksForMonth(template: CalendarTemplate, year: number, month: number): CalendarTask[] {
  return template.tasks.filter((task) => task.months.some((m) => m.year === year && m.month === month));
}

/** ISO date of the last day of the task's last month: after it, an incomplete task is overdue. */
export function taskPeriodEnd(task: CalendarTask): string {
  const last = task.months.reduce((a, b) => (monthKey(b) > monthKey(a) ? b : a));
  return toIsoDate({ year: last.year, month: last.month, day: daysInMonth(last.year, last.month) });
}

/** ISO date of the first day of the task's first month. */
export function taskPeriodStart(task: CalendarTask): string {
  const first = task.months.reduce((a, b) => (monthKey(b) < monthKey(a) ? b : a));
  return toIsoDate({ year: first.year, month: first.month, day: 1 });
}

/**
 * The months as the seed writes them: 'ตุลาคม 2553', 'พฤศจิกายน 2553 - กุมภาพันธ์ 2554',
 * 'มีนาคม - เมษายน 2554'; 'ทุกเดือน' / 'Every month' for note-1 tasks. B.E. years in both languages.
 */
export function taskMonthsLabel(task: CalendarTask, locale: 'th' | 'en' = 'th'): string {
  if (task.everyMonth) return locale === 'th' ? 'ทุกเดือน' : 'Every month';
  const first = task.months[0];
  const last = task.months[task.months.length - 1];
  if (!first || !last) return '';
  const name = (m: TaskMonth) => monthName(m.month, { locale, style: 'long' });
  if (first === last) return `${name(first)} ${toBE(first.year)}`;
  const from = first.year === last.year ? name(first) : `${name(first)} ${toBE(first.year)}`;
  return `${from} - ${name(last)} ${toBE(last.year)}`;
}

/** The months of a fiscal year as task months, October first. */
export function fiscalYearTaskMonths(fiscalYear: number): TaskMonth[] {
  return monthsOfFiscalYear(fiscalYear).map(({ year, month }) => ({ year, month }));
}

const isTemplateCode = (code: string): code is TemplateCode => (TEMPLATE_CODES as readonly string[]).includes(code);

/** Parses a template; problems come back as coded issues (template.* codes, or 'template.invalid' for shape errors). */
export function validateTemplate(input: unknown): Result<CalendarTemplate, ValidationIssue[]> {
  const parsed = calendarTemplateSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return err(
    parsed.error.issues.map((i) => issue(i.path.map(String).join('.'), isTemplateCode(i.message) ? i.message : 'template.invalid')),
  );
}
