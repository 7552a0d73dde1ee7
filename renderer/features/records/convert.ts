/**
 * Between what the officer types and what the record stores: B.E. dates,
 * baht text, numbers with separators, one-per-line lists. Text that cannot be
 * read becomes a field issue and is never saved.
 */
import { parseThaiDate, toThaiNumericDate } from '../../../shared/calendar/thaiDate';
import { formatBaht, parseBaht } from '../../../shared/money';
import type { ValidationIssue } from '../../../shared/result';
import type { FieldDef, FormValue, FormValues, NewRecordContext, StrategyDraft, TableDef } from './types';

export const ON_BEHALF = 'enteredOnBehalf';

export function getPath(record: Record<string, unknown> | undefined, path: string): unknown {
  let value: unknown = record;
  for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] = typeof node[key] === 'object' && node[key] !== null ? node[key] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A stored value as the text the form shows. */
export function toFormValue(field: FieldDef, record: Record<string, unknown>): FormValue {
  const value = getPath(record, field.name);
  switch (field.kind) {
    case 'date':
      return typeof value === 'string' && value ? toThaiNumericDate(value) : '';
    case 'money':
      return typeof value === 'number' ? formatBaht(value) : '';
    case 'integer':
    case 'fiscalYear':
      return typeof value === 'number' ? String(value) : '';
    case 'lines':
      return Array.isArray(value) ? value.join('\n') : '';
    case 'yearBudgets':
      return Object.fromEntries(((value as { year: number; amount: number }[] | undefined) ?? []).map((b) => [String(b.year), formatBaht(b.amount)]));
    case 'strategies':
      return ((value as { code: string; name: string; approaches: string[] }[] | undefined) ?? []).map((s) => ({
        code: s.code, name: s.name, approaches: s.approaches.join('\n'),
      }));
    case 'fiscalMonth':
      return typeof record.year === 'number' && typeof value === 'number' ? `${record.year}-${pad2(value)}` : '';
    default:
      return value === null || value === undefined ? '' : String(value);
  }
}

export function emptyFormValue(field: FieldDef): FormValue {
  if (field.kind === 'yearBudgets') return {};
  if (field.kind === 'strategies') return [{ code: '', name: '', approaches: '' }];
  return '';
}

/** The form of an existing record, or of a new one with its initial values. */
export function toFormValues(def: TableDef, record: Record<string, unknown> | undefined, ctx: NewRecordContext, onBehalfDefault: boolean): FormValues {
  const values: FormValues = {};
  for (const field of def.fields) {
    values[field.name] = record ? toFormValue(field, record) : (field.initial?.(ctx) ?? emptyFormValue(field));
  }
  values[ON_BEHALF] = record ? Boolean(record.enteredOnBehalf) : onBehalfDefault;
  return values;
}

const asText = (value: FormValue | undefined): string => (typeof value === 'string' ? value : '');
const splitLines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

type Read = { value: unknown } | { issue: Omit<ValidationIssue, 'path'> };

function readValue(field: FieldDef, raw: FormValue | undefined): Read {
  const text = asText(raw).trim();
  const blank = field.nullable ? null : undefined;
  switch (field.kind) {
    case 'date': {
      if (!text) return { value: blank };
      const parsed = parseThaiDate(text);
      return parsed.ok ? { value: parsed.value } : { issue: parsed.error };
    }
    case 'money': {
      if (!text) return { value: field.blankIsZero ? 0 : blank };
      const parsed = parseBaht(text);
      return parsed.ok ? { value: parsed.value } : { issue: parsed.error };
    }
    case 'fiscalYear':
    case 'integer': {
      if (!text) return { value: blank };
      const n = Number(text.replace(/,/g, ''));
      return Number.isInteger(n) ? { value: n } : { issue: { code: 'number.notInteger' } };
    }
    case 'select':
    case 'reference':
      return { value: text || blank };
    case 'lines':
      return { value: splitLines(asText(raw)) };
    case 'multiline':
    case 'text':
      return { value: field.nullable && !text ? null : asText(raw) };
    default:
      return { value: raw };
  }
}

function readYearBudgets(raw: FormValue | undefined): { value: unknown; issues: Omit<ValidationIssue, 'path'>[] } {
  const entries = Object.entries((raw ?? {}) as Record<string, string>).filter(([, text]) => text.trim() !== '');
  const issues: Omit<ValidationIssue, 'path'>[] = [];
  const budgets = entries
    .map(([year, text]) => {
      const parsed = parseBaht(text);
      if (!parsed.ok) issues.push({ ...parsed.error, params: { ...parsed.error.params, year } });
      return { year: Number(year), amount: parsed.ok ? parsed.value : 0 };
    })
    .sort((a, b) => a.year - b.year);
  return { value: budgets, issues };
}

function readStrategies(raw: FormValue | undefined) {
  return ((raw ?? []) as StrategyDraft[])
    .filter((s) => s.code.trim() || s.name.trim() || s.approaches.trim())
    .map((s) => ({ code: s.code, name: s.name, approaches: splitLines(s.approaches) }));
}

/** The record input a form's text stands for, and the issues of text that could not be read. */
export function fromFormValues(def: TableDef, values: FormValues): { input: Record<string, unknown>; issues: ValidationIssue[] } {
  const input: Record<string, unknown> = { [ON_BEHALF]: values[ON_BEHALF] === true };
  const issues: ValidationIssue[] = [];
  for (const field of def.fields) {
    const raw = values[field.name];
    if (field.visibleWhen && !field.visibleWhen(values)) {
      setPath(input, field.name, field.nullable ? null : undefined);
      continue;
    }
    if (field.kind === 'yearBudgets') {
      const read = readYearBudgets(raw);
      setPath(input, field.name, read.value);
      issues.push(...read.issues.map((i) => ({ ...i, path: field.name })));
    } else if (field.kind === 'strategies') {
      setPath(input, field.name, readStrategies(raw));
    } else if (field.kind === 'fiscalMonth') {
      const m = /^(\d{4})-(\d{2})$/.exec(asText(raw));
      input.year = m ? Number(m[1]) : undefined;
      setPath(input, field.name, m ? Number(m[2]) : undefined);
    } else {
      const read = readValue(field, raw);
      if ('issue' in read) issues.push({ ...read.issue, path: field.name });
      else setPath(input, field.name, read.value);
    }
  }
  return { input, issues };
}

/** The field an issue belongs to: its own path, a path below it, or one of its aliases. */
export function fieldOfIssue(def: TableDef, path: string): FieldDef | undefined {
  return def.fields.find(
    (field) => path === field.name || path.startsWith(`${field.name}.`) || field.alsoPaths?.includes(path),
  );
}

/**
 * The year box an issue of a yearly-budget field belongs to: its own year
 * when reading the text failed, else the year of the budget it points at
 * (`budgets.2.amount` is the third year that holds an amount).
 */
export function yearOfBudgetIssue(field: FieldDef, issue: ValidationIssue, values: FormValues): string | undefined {
  if (issue.params?.year !== undefined && issue.path === field.name) return String(issue.params.year);
  const m = new RegExp(`^${field.name.replace(/\./g, '\\.')}\\.(\\d+)(\\.|$)`).exec(issue.path);
  if (!m) return undefined;
  const years = Object.entries((values[field.name] ?? {}) as Record<string, string>)
    .filter(([, text]) => text.trim() !== '')
    .map(([year]) => Number(year))
    .sort((a, b) => a - b);
  const year = years[Number(m[1])];
  return year === undefined ? undefined : String(year);
}

/** Issues from reading text win over the schema's for the same field. */
export function mergeIssues(readIssues: ValidationIssue[], schemaIssues: ValidationIssue[]): ValidationIssue[] {
  const read = new Set(readIssues.map((i) => i.path));
  return [...readIssues, ...schemaIssues.filter((i) => !read.has(i.path))];
}
