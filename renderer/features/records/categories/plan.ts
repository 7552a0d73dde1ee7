import { AMENDMENT_KIND_LABELS, AMENDMENT_KINDS, PLAN_STATUS_LABELS, PLAN_STATUSES } from '../../../../shared/domain/plan';
import type { StoredRecord } from '../../../data/db';
import type { TableDef } from '../types';
import { langLabel, periodOf, planLabel, planReference } from './common';

export const planDef: TableDef = {
  table: 'plans',
  fiscal: false,
  fields: [
    { name: 'startYear', kind: 'integer', required: true, width: 'third' },
    { name: 'years', kind: 'integer', required: true, width: 'third', initial: () => '5' },
    { name: 'status', kind: 'select', required: true, width: 'third', options: PLAN_STATUSES, optionLabel: langLabel(PLAN_STATUS_LABELS), initial: () => 'draft' },
    { name: 'submittedOn', kind: 'date', nullable: true, width: 'half', visibleWhen: (v) => v.status !== 'draft' },
    { name: 'approvedOn', kind: 'date', nullable: true, width: 'half', visibleWhen: (v) => v.status === 'approved' },
  ],
  columns: [
    { field: 'period', kind: 'text', flex: 1, value: periodOf },
    { field: 'years', kind: 'integer', width: 110 },
    { field: 'status', kind: 'option', width: 170, optionLabel: langLabel(PLAN_STATUS_LABELS) },
    { field: 'submittedOn', kind: 'date', width: 150 },
    { field: 'approvedOn', kind: 'date', width: 150 },
  ],
  title: planLabel,
  sort: (a, b) => Number(b.startYear) - Number(a.startYear),
};

export const planAmendmentDef: TableDef = {
  table: 'planAmendments',
  fiscal: false,
  fields: [
    { name: 'planId', kind: 'reference', required: true, width: 'full', reference: planReference },
    { name: 'number', kind: 'integer', required: true, width: 'third' },
    { name: 'kind', kind: 'select', required: true, width: 'third', options: AMENDMENT_KINDS, optionLabel: langLabel(AMENDMENT_KIND_LABELS), initial: () => 'addition' },
    { name: 'approvedOn', kind: 'date', nullable: true, width: 'third' },
    { name: 'description', kind: 'multiline', nullable: true, width: 'full' },
  ],
  columns: [
    { field: 'planId', kind: 'reference', flex: 1, reference: planReference },
    { field: 'number', kind: 'integer', width: 100 },
    { field: 'kind', kind: 'option', width: 150, optionLabel: langLabel(AMENDMENT_KIND_LABELS) },
    { field: 'approvedOn', kind: 'date', width: 150 },
    { field: 'description', kind: 'text', flex: 2 },
  ],
  title: (row, ctx) => ctx.t('planAmendments.title', { number: Number(row.number), kind: langLabel(AMENDMENT_KIND_LABELS)(String(row.kind), ctx) }),
  sort: (a, b) => Number(b.number) - Number(a.number),
};

const budgetTotal = (row: StoredRecord) => ((row.budgets as { amount: number }[] | undefined) ?? []).reduce((sum, b) => sum + b.amount, 0);

export const planProjectDef: TableDef = {
  table: 'planProjects',
  fiscal: false,
  fields: [
    { name: 'planId', kind: 'reference', required: true, width: 'full', reference: planReference },
    { name: 'name', kind: 'text', required: true, width: 'full' },
    { name: 'strategyCode', kind: 'text', required: true, width: 'third' },
    { name: 'approach', kind: 'text', required: true, width: 'twoThirds' },
    { name: 'objective', kind: 'multiline', required: true, width: 'half' },
    { name: 'target', kind: 'multiline', required: true, width: 'half' },
    { name: 'budgets', kind: 'yearBudgets', width: 'full', planField: 'planId' },
    { name: 'kpi', kind: 'multiline', required: true, width: 'half' },
    { name: 'expectedResult', kind: 'multiline', required: true, width: 'half' },
    { name: 'responsibleUnit', kind: 'text', required: true, width: 'half' },
  ],
  columns: [
    { field: 'name', kind: 'text', flex: 3 },
    { field: 'strategyCode', kind: 'text', width: 110 },
    { field: 'responsibleUnit', kind: 'text', flex: 1 },
    { field: 'budgetTotal', kind: 'money', width: 180, value: budgetTotal },
  ],
  title: (row) => String(row.name),
  sort: (a, b) => String(a.strategyCode).localeCompare(String(b.strategyCode)) || String(a.name).localeCompare(String(b.name), 'th'),
};
