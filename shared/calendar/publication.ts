/**
 * Calendars as server data (issue 17): administrators publish a template per
 * fiscal year; each publication is a numbered version with who, when, a note
 * and what changed. The seed calendar (seedTemplate.ts) stands for a year that
 * has none. Both the server (which stores them) and the laptop (which edits,
 * syncs and computes with them) read these definitions.
 */
import { z } from 'zod';
import { queryInt, validText } from '../text';
import { calendarTemplateSchema, type CalendarTask, type CalendarTemplate } from './template';
import { MAX_BE_YEAR, MIN_BE_YEAR } from './thaiDate';

/** What a version changed against the one before, by task id. */
export interface TemplateChanges {
  added: string[];
  removed: string[];
  changed: string[];
  /** True when the remaining tasks kept their content but not their order. */
  reordered: boolean;
}

export interface CalendarPublication {
  fiscalYear: number;
  /** 1 for the first publication of the year, then one more for each. */
  version: number;
  template: CalendarTemplate;
  publishedBy: string;
  /** Server time, ISO. */
  publishedAt: string;
  note: string;
  changes: TemplateChanges;
}

export const fiscalYearParam = z.object({ fiscalYear: queryInt(MIN_BE_YEAR, MAX_BE_YEAR) });

/** POST /v1/admin/calendars/:fiscalYear: the template and the version the editor started from (null: none was published). */
export const publishCalendarSchema = z.object({
  template: calendarTemplateSchema,
  baseVersion: z.number().int().min(1).max(1_000_000).nullable(),
  note: validText().trim().max(500),
});
export type PublishCalendarBody = z.infer<typeof publishCalendarSchema>;

/** JSON with sorted keys: equal tasks give equal text whatever the key order. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** One task as comparable text, so two versions can be told apart task by task. */
export const taskFingerprint = (task: CalendarTask): string => stable(task);

/** The tasks a new version adds, removes and changes; the order alone counts as reordered. */
export function templateChanges(before: CalendarTemplate, after: CalendarTemplate): TemplateChanges {
  const old = new Map(before.tasks.map((task) => [task.id, taskFingerprint(task)]));
  const now = new Map(after.tasks.map((task) => [task.id, taskFingerprint(task)]));
  const added = after.tasks.filter((task) => !old.has(task.id)).map((task) => task.id);
  const removed = before.tasks.filter((task) => !now.has(task.id)).map((task) => task.id);
  const changed = after.tasks.filter((task) => old.has(task.id) && old.get(task.id) !== now.get(task.id)).map((task) => task.id);
  const kept = (template: CalendarTemplate, other: Map<string, string>) => template.tasks.filter((task) => other.has(task.id)).map((task) => task.id).join('\n');
  return { added, removed, changed, reordered: kept(before, now) !== kept(after, old) };
}

export const noChanges = (changes: TemplateChanges): boolean =>
  changes.added.length === 0 && changes.removed.length === 0 && changes.changed.length === 0 && !changes.reordered;

/** B.E. years within this many years of a template's fiscal year, written in its texts, move with it ("ข้อมูลปี 2569", "(2566-2570)"). */
const YEAR_REACH = 10;

/**
 * A template carried to another fiscal year (the editor's "copy last year"):
 * every month moves by the years between them, and so do the B.E. years its
 * labels and guidance name; the rules and everything else stay.
 */
export function copyTemplateToYear(template: CalendarTemplate, fiscalYear: number): CalendarTemplate {
  const shift = fiscalYear - template.fiscalYear;
  const moveYears = (text: string) =>
    text.replace(/(?<!\d)(\d{4})(?!\d)/g, (year) => (Math.abs(Number(year) - template.fiscalYear) <= YEAR_REACH ? String(Number(year) + shift) : year));
  const localized = (text: { th: string; en: string }) => ({ th: moveYears(text.th), en: moveYears(text.en) });
  return {
    fiscalYear,
    tasks: template.tasks.map((task) => ({
      ...task,
      months: task.months.map((m) => ({ year: m.year + shift, month: m.month })),
      label: localized(task.label),
      guidance: localized(task.guidance),
    })),
  };
}

const changesSchema = z.object({
  added: z.array(z.string().max(64)).max(500),
  removed: z.array(z.string().max(64)).max(500),
  changed: z.array(z.string().max(64)).max(500),
  reordered: z.boolean(),
});

/** A publication as a laptop receives it: checked like any input before it is stored or computed with. */
export const calendarPublicationSchema: z.ZodType<CalendarPublication> = z.object({
  fiscalYear: z.number().int().min(MIN_BE_YEAR).max(MAX_BE_YEAR),
  version: z.number().int().min(1),
  template: calendarTemplateSchema,
  publishedBy: validText().max(100),
  publishedAt: validText().max(40),
  note: validText().max(500),
  changes: changesSchema,
}).refine((p) => p.template.fiscalYear === p.fiscalYear, { message: 'template.invalid' });
