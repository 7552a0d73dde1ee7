import { quarterOf } from '../../../../shared/calendar/fiscal';
import type { TableDef } from '../types';
import { ITEM_OUTCOME_LABELS } from '../../../../shared/domain/ordinance';
import { contractLabel, langLabel, ordinanceItemReference, typedDate } from './common';

export const disbursementDef: TableDef = {
  table: 'disbursements',
  fiscal: true,
  fields: [
    { name: 'ordinanceItemId', kind: 'reference', required: true, width: 'full', reference: ordinanceItemReference },
    {
      name: 'contractId', kind: 'reference', nullable: true, width: 'full',
      reference: { table: 'contracts', scope: 'fiscalYear', label: contractLabel, filter: (row, values) => row.ordinanceItemId === values.ordinanceItemId },
    },
    {
      name: 'paidOn', kind: 'date', required: true, width: 'half',
      hint: (values, ctx) => {
        const date = typedDate(values, 'paidOn');
        if (!date) return undefined;
        const q = quarterOf(date);
        return ctx.t('disbursements.quarterHint', { quarter: q.quarter, fy: q.fiscalYear });
      },
    },
    { name: 'amount', kind: 'money', required: true, width: 'half' },
    { name: 'overrideReason', kind: 'multiline', nullable: true, width: 'full' },
  ],
  columns: [
    { field: 'paidOn', kind: 'date', width: 130 },
    { field: 'quarter', kind: 'text', width: 90, value: (row, ctx) => ctx.t('disbursements.quarterShort', { quarter: quarterOf(String(row.paidOn)).quarter }) },
    { field: 'ordinanceItemId', kind: 'reference', flex: 2, reference: { table: 'ordinanceItems', label: (row) => String(row.name) } },
    { field: 'contractId', kind: 'reference', width: 150, reference: { table: 'contracts', label: (row) => String(row.number) } },
    { field: 'amount', kind: 'money', width: 170 },
    {
      field: 'itemOutcome', kind: 'text', width: 140,
      value: (row, ctx) => {
        const item = ctx.lookup('ordinanceItems', row.ordinanceItemId);
        return item ? langLabel(ITEM_OUTCOME_LABELS)(String(item.outcome), ctx) : null;
      },
    },
  ],
  title: (row, ctx) => ctx.t('disbursements.title', { date: ctx.format.date(String(row.paidOn)), amount: ctx.format.baht(Number(row.amount)) }),
  sort: (a, b) => String(b.paidOn).localeCompare(String(a.paidOn)),
};

/** A quarter marked as reported: the calendar's quarter tasks need it (docs/completion-rules.md). */
export const quarterReportDef: TableDef = {
  table: 'quarterReports',
  fiscal: true,
  fields: [
    { name: 'quarter', kind: 'integer', required: true, width: 'third' },
    { name: 'reportedOn', kind: 'date', required: true, width: 'third' },
  ],
  columns: [
    { field: 'quarter', kind: 'text', width: 160, value: (row, ctx) => ctx.t('disbursements.quarterShort', { quarter: Number(row.quarter) }) },
    { field: 'reportedOn', kind: 'date', flex: 1 },
  ],
  title: (row, ctx) => ctx.t('quarterReports.title', { quarter: Number(row.quarter), fy: Number(row.fiscalYear) }),
  sort: (a, b) => Number(a.quarter) - Number(b.quarter),
};
