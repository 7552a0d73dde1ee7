import { ITEM_OUTCOME_LABELS, ITEM_OUTCOMES } from '../../../../shared/domain/ordinance';
import type { TableDef } from '../types';
import { langLabel } from './common';

export const ordinanceDef: TableDef = {
  table: 'ordinances',
  fiscal: true,
  fields: [
    // Shown and chosen: one ordinance per year, and a second for the same year is refused here.
    { name: 'fiscalYear', kind: 'fiscalYear', required: true, width: 'third', initial: (ctx) => String(ctx.fiscalYear) },
    { name: 'councilPassedOn', kind: 'date', required: true, width: 'third' },
    { name: 'announcedOn', kind: 'date', nullable: true, width: 'third' },
    { name: 'total', kind: 'money', required: true, width: 'third' },
  ],
  columns: [
    { field: 'fiscalYear', kind: 'integer', width: 130 },
    { field: 'councilPassedOn', kind: 'date', flex: 1 },
    { field: 'announcedOn', kind: 'date', flex: 1 },
    { field: 'total', kind: 'money', flex: 1 },
  ],
  title: (row, ctx) => ctx.t('ordinances.title', { fy: Number(row.fiscalYear) }),
};

export const ordinanceItemDef: TableDef = {
  table: 'ordinanceItems',
  fiscal: true,
  fields: [
    {
      name: 'ordinanceId', kind: 'reference', required: true, width: 'half',
      reference: { table: 'ordinances', scope: 'fiscalYear', label: (row, ctx) => ctx.t('ordinances.title', { fy: Number(row.fiscalYear) }) },
    },
    {
      name: 'planProjectId', kind: 'reference', nullable: true, width: 'half',
      reference: { table: 'planProjects', scope: 'lao', label: (row) => `${String(row.strategyCode)} · ${String(row.name)}` },
    },
    { name: 'name', kind: 'text', required: true, width: 'twoThirds' },
    { name: 'allocated', kind: 'money', required: true, width: 'third' },
    { name: 'outcome', kind: 'select', required: true, width: 'third', options: ITEM_OUTCOMES, optionLabel: langLabel(ITEM_OUTCOME_LABELS), initial: () => 'open' },
    { name: 'cancelReason', kind: 'text', nullable: true, width: 'twoThirds', visibleWhen: (v) => v.outcome === 'cancelled' },
  ],
  columns: [
    { field: 'name', kind: 'text', flex: 3 },
    { field: 'allocated', kind: 'money', width: 180 },
    { field: 'outcome', kind: 'option', width: 150, optionLabel: langLabel(ITEM_OUTCOME_LABELS) },
    { field: 'cancelReason', kind: 'text', flex: 1 },
  ],
  title: (row) => String(row.name),
  sort: (a, b) => String(a.name).localeCompare(String(b.name), 'th'),
};
