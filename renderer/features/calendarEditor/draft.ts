/**
 * The administrators' calendar draft (issue 17 item 2): a fiscal year's
 * template being edited, the version it started from (what a publication is
 * based on, so nobody's newer calendar is silently replaced) and the note.
 * Pure: the page keeps the draft in the local `drafts` table as it changes, so
 * a closed window loses nothing.
 */
import type { Table } from 'dexie';
import {
  copyTemplateToYear, fiscalYearTaskMonths, validateTemplate, type CalendarTask, type CalendarTemplate, type RuleKind, type RuleSpec, type TaskMonth,
} from '../../../shared/calendar/index';
import { DEFAULT_LAG_MONTHS, DEFAULT_RESULT_GRACE_DAYS, DEFAULT_STALE_AFTER_DAYS } from '../../../shared/calendar/rules/monthly';
import type { ValidationIssue } from '../../../shared/result';
import { now as clockNow } from '../../../shared/clock';
import type { EplanDb } from '../../data/db';

export interface CalendarDraft {
  fiscalYear: number;
  /** The published version the draft started from; null when the year had none (the seed calendar). */
  baseVersion: number | null;
  template: CalendarTemplate;
  note: string;
}

export const RULE_KINDS = [
  'previousYearDisbursed', 'planSubmitted', 'ordinancePassed', 'quarterProgress', 'quarterVerified', 'yearDisbursed',
  'grantsCurrent', 'fiscalStatsCurrent', 'antiDrugCurrent',
] as const satisfies readonly RuleKind[];

/** The threshold a rule takes, its default and bounds (template.ts ruleSpecSchema). */
export const RULE_THRESHOLDS: Partial<Record<RuleKind, { field: 'staleAfterDays' | 'lagMonths' | 'resultGraceDays'; default: number; max: number; unit: 'days' | 'months' }>> = {
  grantsCurrent: { field: 'staleAfterDays', default: DEFAULT_STALE_AFTER_DAYS, max: 366, unit: 'days' },
  fiscalStatsCurrent: { field: 'lagMonths', default: DEFAULT_LAG_MONTHS, max: 12, unit: 'months' },
  antiDrugCurrent: { field: 'resultGraceDays', default: DEFAULT_RESULT_GRACE_DAYS, max: 366, unit: 'days' },
};

/** A rule of a kind, keeping the quarter or threshold of `previous` where it fits. */
export function ruleOfKind(kind: RuleKind, previous?: RuleSpec): RuleSpec {
  const quarter = previous && 'quarter' in previous ? previous.quarter : 2;
  if (kind === 'quarterProgress' || kind === 'quarterVerified') return { kind, quarter };
  return { kind } as RuleSpec;
}

export function startDraft(template: CalendarTemplate, baseVersion: number | null): CalendarDraft {
  return { fiscalYear: template.fiscalYear, baseVersion, template, note: '' };
}

/** A draft of `fiscalYear` copied from another year's calendar (months and the years its texts name moved). */
export function draftFromYear(source: CalendarTemplate, fiscalYear: number, baseVersion: number | null): CalendarDraft {
  return startDraft(copyTemplateToYear(source, fiscalYear), baseVersion);
}

const withTasks = (draft: CalendarDraft, tasks: CalendarTask[]): CalendarDraft => ({ ...draft, template: { ...draft.template, tasks } });

export function moveTask(draft: CalendarDraft, index: number, by: -1 | 1): CalendarDraft {
  const target = index + by;
  const tasks = [...draft.template.tasks];
  if (target < 0 || target >= tasks.length) return draft;
  [tasks[index], tasks[target]] = [tasks[target]!, tasks[index]!];
  return withTasks(draft, tasks);
}

export const removeTask = (draft: CalendarDraft, index: number): CalendarDraft => withTasks(draft, draft.template.tasks.filter((_, i) => i !== index));

export const replaceTask = (draft: CalendarDraft, index: number, task: CalendarTask): CalendarDraft =>
  withTasks(draft, draft.template.tasks.map((existing, i) => (i === index ? task : existing)));

/** A new task at the end: an id no task has, the year's first month, empty texts to fill in. */
export function newTask(draft: CalendarDraft): CalendarTask {
  const ids = new Set(draft.template.tasks.map((task) => task.id));
  let n = draft.template.tasks.length + 1;
  while (ids.has(`task-${n}`)) n += 1;
  return {
    id: `task-${n}`,
    months: [fiscalYearTaskMonths(draft.fiscalYear)[0]!],
    everyMonth: false,
    label: { th: '', en: '' },
    guidance: { th: '', en: '' },
    rule: { kind: 'planSubmitted' },
  };
}

export const addTask = (draft: CalendarDraft, task: CalendarTask): CalendarDraft => withTasks(draft, [...draft.template.tasks, task]);

/** A task's months as chosen: ascending, every month for an every-month task. */
export function taskWithMonths(task: CalendarTask, months: readonly TaskMonth[], everyMonth: boolean, fiscalYear: number): CalendarTask {
  const all = fiscalYearTaskMonths(fiscalYear);
  const key = (m: TaskMonth) => m.year * 12 + m.month;
  const chosen = everyMonth ? all : all.filter((m) => months.some((c) => key(c) === key(m)));
  return { ...task, everyMonth, months: chosen };
}

/** The template's problems by task index ('' for the template as a whole), each with the field path inside the task. */
export function draftIssues(draft: CalendarDraft): Map<number | '', ValidationIssue[]> {
  const result = validateTemplate(draft.template);
  const issues = new Map<number | '', ValidationIssue[]>();
  if (result.ok) return issues;
  for (const problem of result.error) {
    const match = /^tasks\.(\d+)(?:\.(.*))?$/.exec(problem.path);
    const key = match ? Number(match[1]) : '';
    const local = { ...problem, path: match ? (match[2] ?? '') : problem.path };
    issues.set(key, [...(issues.get(key) ?? []), local]);
  }
  return issues;
}

/**
 * Reads a calendar file (the editor's export, or one an administrator wrote):
 * JSON of a template, checked with the shared rules. A template of another
 * year is carried to `fiscalYear`, and the caller says so.
 */
export function readCalendarFile(text: string, fiscalYear: number): { ok: true; template: CalendarTemplate; movedFrom: number | null } | { ok: false; issues: ValidationIssue[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, issues: [{ path: '', code: 'template.notJson' }] };
  }
  // An exported publication carries its template inside.
  const candidate = parsed && typeof parsed === 'object' && 'template' in parsed ? (parsed as { template: unknown }).template : parsed;
  const checked = validateTemplate(candidate);
  if (!checked.ok) return { ok: false, issues: checked.error };
  if (checked.value.fiscalYear === fiscalYear) return { ok: true, template: checked.value, movedFrom: null };
  return { ok: true, template: copyTemplateToYear(checked.value, fiscalYear), movedFrom: checked.value.fiscalYear };
}

/** The file an export writes: the template, as JSON a person can read. */
export const calendarFileText = (template: CalendarTemplate): string => `${JSON.stringify(template, null, 2)}\n`;

// ---- Kept in the local drafts table, beside the record forms' drafts (key `calendar:<year>`).

interface StoredCalendarDraft extends CalendarDraft {
  key: string;
  updatedAt: string;
}

const draftTable = (db: EplanDb) => db.table('drafts') as Table<StoredCalendarDraft, string>;
const keyOf = (fiscalYear: number) => `calendar:${fiscalYear}`;

export async function saveCalendarDraft(db: EplanDb, draft: CalendarDraft): Promise<void> {
  await draftTable(db).put({ ...draft, key: keyOf(draft.fiscalYear), updatedAt: clockNow().toISOString() });
}

/**
 * Changes the stored draft of a year in one transaction: `change` gets the
 * draft as stored now (null when there is none) and returns the next one, or
 * null to leave it. Two quick clicks, or two windows, each build on the
 * other's change instead of writing over it from the draft they last drew.
 */
export async function changeCalendarDraft(db: EplanDb, fiscalYear: number, change: (current: CalendarDraft | null) => CalendarDraft | null): Promise<void> {
  await db.transaction('rw', draftTable(db), async () => {
    const next = change(await loadCalendarDraft(db, fiscalYear));
    if (next) await saveCalendarDraft(db, next);
  });
}

/**
 * Keeps the note typed with the stored draft and gives what Publish sends:
 * the stored draft when it is the one `shown` (same template and base), or
 * 'changed' when another window changed it since it was drawn: publishing
 * the drawn one would undo that change, the stored one was never looked at.
 * Null when there is no draft any more.
 */
export async function draftToPublish(db: EplanDb, shown: CalendarDraft, note: string): Promise<CalendarDraft | 'changed' | null> {
  let answer: CalendarDraft | 'changed' | null = null;
  await changeCalendarDraft(db, shown.fiscalYear, (current) => {
    if (!current) return null;
    const next = { ...current, note };
    const same = current.baseVersion === shown.baseVersion && JSON.stringify(current.template) === JSON.stringify(shown.template);
    answer = same ? next : 'changed';
    return next;
  });
  return answer;
}

/** The task of this id, changed by `edit` with its place in the draft as stored now; the draft as it is when the task has gone. */
export function atTask(id: string, edit: (draft: CalendarDraft, index: number) => CalendarDraft): (current: CalendarDraft | null) => CalendarDraft | null {
  return (current) => {
    const index = current ? current.template.tasks.findIndex((task) => task.id === id) : -1;
    return current && index >= 0 ? edit(current, index) : current;
  };
}

export async function loadCalendarDraft(db: EplanDb, fiscalYear: number): Promise<CalendarDraft | null> {
  const stored = await draftTable(db).get(keyOf(fiscalYear));
  if (!stored) return null;
  const { fiscalYear: year, baseVersion, template, note } = stored;
  return { fiscalYear: year, baseVersion, template, note };
}

export async function discardCalendarDraft(db: EplanDb, fiscalYear: number): Promise<void> {
  await draftTable(db).delete(keyOf(fiscalYear));
}
