import type { TableDef } from '../types';

export const grantDef: TableDef = {
  table: 'grants',
  fiscal: true,
  fields: [
    { name: 'name', kind: 'text', required: true, width: 'twoThirds' },
    { name: 'updatedOn', kind: 'date', required: true, width: 'third' },
    { name: 'allocated', kind: 'money', required: true, width: 'third' },
    { name: 'committed', kind: 'money', required: true, width: 'third' },
    { name: 'disbursed', kind: 'money', required: true, width: 'third' },
  ],
  columns: [
    { field: 'name', kind: 'text', flex: 3 },
    { field: 'allocated', kind: 'money', width: 170 },
    { field: 'committed', kind: 'money', width: 170 },
    { field: 'disbursed', kind: 'money', width: 170 },
    { field: 'updatedOn', kind: 'date', width: 130 },
  ],
  title: (row) => String(row.name),
  sort: (a, b) => String(a.name).localeCompare(String(b.name), 'th'),
};
