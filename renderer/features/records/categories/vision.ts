import type { TableDef } from '../types';
import { periodOf } from './common';

export const visionDef: TableDef = {
  table: 'visions',
  fiscal: false,
  fields: [
    { name: 'startYear', kind: 'integer', required: true, width: 'third' },
    { name: 'endYear', kind: 'integer', required: true, width: 'third' },
    { name: 'vision', kind: 'multiline', required: true, width: 'full' },
    { name: 'missions', kind: 'lines', width: 'full' },
    { name: 'strategies', kind: 'strategies', width: 'full' },
  ],
  columns: [
    { field: 'period', kind: 'text', width: 130, value: periodOf },
    { field: 'vision', kind: 'text', flex: 3 },
    { field: 'missionCount', kind: 'integer', width: 120, value: (row) => (row.missions as unknown[]).length },
    { field: 'strategyCount', kind: 'integer', width: 120, value: (row) => (row.strategies as unknown[]).length },
  ],
  title: (row, ctx) => ctx.t('visions.title', { period: periodOf(row) }),
  sort: (a, b) => Number(b.startYear) - Number(a.startYear),
};
