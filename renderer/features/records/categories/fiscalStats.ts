import { formatMonthYear } from '../../../../shared/calendar/thaiDate';
import { EXPENDITURE_CATEGORIES, EXPENDITURE_CATEGORY_LABELS, REVENUE_CATEGORIES, REVENUE_CATEGORY_LABELS } from '../../../../shared/domain/fiscalStats';
import type { StoredRecord } from '../../../data/db';
import type { FieldDef, TableDef } from '../types';

const sumOf = (group: unknown) => Object.values((group ?? {}) as Record<string, number>).reduce((sum, v) => sum + v, 0);

const moneyFields = (group: 'revenue' | 'expenditure', categories: readonly string[], labels: Record<string, { th: string; en: string }>): FieldDef[] =>
  categories.map((category) => ({
    name: `${group}.${category}`,
    kind: 'money',
    width: 'half',
    blankIsZero: true,
    group,
    labelOf: (ctx) => labels[category]![ctx.lang],
  }));

export const monthLabel = (row: StoredRecord, lang: 'th' | 'en') =>
  formatMonthYear(Number(row.year), Number(row.month), { locale: lang, style: 'long', era: 'BE' });

export const fiscalStatsDef: TableDef = {
  table: 'fiscalStats',
  fiscal: true,
  fields: [
    { name: 'month', kind: 'fiscalMonth', required: true, width: 'half', alsoPaths: ['year'] },
    ...moneyFields('revenue', REVENUE_CATEGORIES, REVENUE_CATEGORY_LABELS),
    ...moneyFields('expenditure', EXPENDITURE_CATEGORIES, EXPENDITURE_CATEGORY_LABELS),
  ],
  columns: [
    { field: 'month', kind: 'text', flex: 1, value: (row, ctx) => monthLabel(row, ctx.lang) },
    { field: 'revenueTotal', kind: 'money', flex: 1, value: (row) => sumOf(row.revenue) },
    { field: 'expenditureTotal', kind: 'money', flex: 1, value: (row) => sumOf(row.expenditure) },
  ],
  title: (row, ctx) => monthLabel(row, ctx.lang),
  sort: (a, b) => Number(a.year) * 100 + Number(a.month) - (Number(b.year) * 100 + Number(b.month)),
};
