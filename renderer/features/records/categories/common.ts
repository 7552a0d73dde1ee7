/** Labels shared by several categories' fields and columns. */
import { parseThaiDate } from '../../../../shared/calendar/thaiDate';
import type { StoredRecord } from '../../../data/db';
import type { FormValues, LabelContext, ReferenceSpec } from '../types';

export const periodOf = (row: StoredRecord) => {
  const start = Number(row.startYear);
  const end = row.endYear !== undefined ? Number(row.endYear) : start + Number(row.years) - 1;
  return `${start}–${end}`;
};

export const planLabel = (row: StoredRecord, ctx: LabelContext) => ctx.t('plans.title', { period: periodOf(row) });

export const planReference: ReferenceSpec = { table: 'plans', scope: 'lao', label: planLabel };

export const itemLabel = (row: StoredRecord, ctx: LabelContext) => `${String(row.name)} (${ctx.format.baht(Number(row.allocated))})`;

export const ordinanceItemReference: ReferenceSpec = { table: 'ordinanceItems', scope: 'fiscalYear', label: itemLabel };

export const contractLabel = (row: StoredRecord, ctx: LabelContext) =>
  `${ctx.t('contracts.numberShort', { number: String(row.number) })} · ${String(row.contractor)} (${ctx.format.baht(Number(row.amount))})`;

/** The ISO date a typed B.E. date stands for, if it can be read. */
export function typedDate(values: FormValues, field: string): string | undefined {
  const text = values[field];
  if (typeof text !== 'string') return undefined;
  const parsed = parseThaiDate(text);
  return parsed.ok ? parsed.value : undefined;
}

export const langLabel = (labels: Record<string, { th: string; en: string }>) => (value: string, ctx: LabelContext) =>
  labels[value]?.[ctx.lang] ?? value;
