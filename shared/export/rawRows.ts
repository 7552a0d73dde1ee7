/**
 * Raw data rows of one record table, flattened for a spreadsheet: nested
 * objects become 'revenue.localTaxes' columns, lists become text. Pure.
 */
import { ENVELOPE_FIELDS } from '../domain/record';
import type { RecordTable } from '../domain/tables';

/** 'year' is a number read as a label (2569, quarter 3), never with a thousands separator; 'timestamp' an ISO instant. */
export type RawKind = 'text' | 'money' | 'date' | 'timestamp' | 'year' | 'number' | 'boolean';
export interface RawColumn { key: string; kind: RawKind }
export type RawValue = string | number | boolean | null;

/** Of the envelope, the id leads, these two trail, and the rest is not shown. */
const TRAILING: readonly string[] = ['enteredOnBehalf', 'updatedAt'] satisfies (typeof ENVELOPE_FIELDS)[number][];
const HIDDEN = new Set<string>(ENVELOPE_FIELDS.filter((field) => field !== 'id' && !TRAILING.includes(field)));
const MONEY = /^(total|allocated|amount|committed|disbursed|budget)$|^(revenue|expenditure)\./;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const YEAR_LIKE = /^(fiscalYear|year|quarter|month)$|\.(year|quarter|month)$/;

function flatten(value: unknown, prefix: string, out: Record<string, unknown>): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out[prefix] = value;
  }
}

export function flattenRecord(row: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  flatten(row, '', out);
  return out;
}

function kindOf(key: string, sample: unknown): RawKind {
  if (MONEY.test(key)) return 'money';
  if (typeof sample === 'boolean') return 'boolean';
  if (typeof sample === 'number') return YEAR_LIKE.test(key) ? 'year' : 'number';
  if (typeof sample === 'string' && ISO_DATE.test(sample)) return 'date';
  if (typeof sample === 'string' && ISO_INSTANT.test(sample)) return 'timestamp';
  return 'text';
}

/** Columns in first-seen order, bookkeeping last; kinds from the first non-empty value. */
export function rawColumns(rows: readonly object[]): RawColumn[] {
  const samples = new Map<string, unknown>();
  for (const row of rows.slice(0, 500)) {
    for (const [key, value] of Object.entries(flattenRecord(row))) {
      if (HIDDEN.has(key)) continue;
      if (!samples.has(key) || (samples.get(key) == null && value != null)) samples.set(key, value);
    }
  }
  const keys = [...samples.keys()].filter((key) => !TRAILING.includes(key));
  return [...keys, ...TRAILING].map((key) => ({ key, kind: kindOf(key, samples.get(key)) }));
}

/** A list as text: strategies by name, yearly budgets as 'year: amount'. */
function listText(list: unknown[]): string {
  return list.map((v) => {
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('year' in o && 'amount' in o) return `${String(o.year)}: ${(Number(o.amount) / 100).toFixed(2)}`;
      return String(o.name ?? o.code ?? JSON.stringify(o));
    }
    return String(v);
  }).join('; ');
}

export function rawValue(flat: Record<string, unknown>, column: RawColumn): RawValue {
  const v = flat[column.key];
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return listText(v);
  if (column.kind === 'money') return Number(v) / 100;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

/** Live rows of the selected LAOs and fiscal year (tables without a fiscal year keep every row). */
export function selectRows<T extends { laoId: string; deleted: boolean; fiscalYear?: number }>(
  rows: readonly T[], laoIds: ReadonlySet<string>, fiscalYear: number,
): T[] {
  return rows.filter((r) => !r.deleted && laoIds.has(r.laoId) && (r.fiscalYear === undefined || r.fiscalYear === fiscalYear));
}

export type RawTable = Exclude<RecordTable, 'fieldVisits'>;
