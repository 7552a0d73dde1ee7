import { PROCUREMENT_METHOD_LABELS, PROCUREMENT_METHODS } from '../../../../shared/domain/contract';
import type { TableDef } from '../types';
import { langLabel, ordinanceItemReference } from './common';

export const contractDef: TableDef = {
  table: 'contracts',
  fiscal: true,
  fields: [
    { name: 'ordinanceItemId', kind: 'reference', required: true, width: 'full', reference: ordinanceItemReference },
    { name: 'number', kind: 'text', required: true, width: 'third' },
    { name: 'signedOn', kind: 'date', required: true, width: 'third' },
    { name: 'amount', kind: 'money', required: true, width: 'third' },
    { name: 'contractor', kind: 'text', required: true, width: 'twoThirds' },
    { name: 'procurementMethod', kind: 'select', required: true, width: 'third', options: PROCUREMENT_METHODS, optionLabel: langLabel(PROCUREMENT_METHOD_LABELS), initial: () => 'e_bidding' },
  ],
  columns: [
    { field: 'number', kind: 'text', width: 140 },
    { field: 'ordinanceItemId', kind: 'reference', flex: 2, reference: { table: 'ordinanceItems', label: (row) => String(row.name) } },
    { field: 'contractor', kind: 'text', flex: 1 },
    { field: 'signedOn', kind: 'date', width: 130 },
    { field: 'amount', kind: 'money', width: 170 },
    { field: 'procurementMethod', kind: 'option', width: 150, optionLabel: langLabel(PROCUREMENT_METHOD_LABELS) },
  ],
  title: (row, ctx) => ctx.t('contracts.numberShort', { number: String(row.number) }),
  sort: (a, b) => String(b.signedOn).localeCompare(String(a.signedOn)),
};
