import { ANTI_DRUG_KINDS, ANTI_DRUG_KIND_LABELS } from '../../../../shared/domain/antiDrug';
import type { TableDef } from '../types';
import { langLabel } from './common';

export const antiDrugDef: TableDef = {
  table: 'antiDrugActivities',
  fiscal: true,
  fields: [
    { name: 'name', kind: 'text', required: true, width: 'twoThirds' },
    { name: 'heldOn', kind: 'date', required: true, width: 'third' },
    { name: 'kind', kind: 'select', required: true, width: 'third', options: ANTI_DRUG_KINDS, optionLabel: langLabel(ANTI_DRUG_KIND_LABELS), initial: () => 'campaign' },
    { name: 'budget', kind: 'money', required: true, width: 'third' },
    { name: 'participants', kind: 'integer', required: true, width: 'third' },
    { name: 'result', kind: 'multiline', nullable: true, width: 'full' },
  ],
  columns: [
    { field: 'heldOn', kind: 'date', width: 130 },
    { field: 'name', kind: 'text', flex: 3 },
    { field: 'kind', kind: 'option', width: 190, optionLabel: langLabel(ANTI_DRUG_KIND_LABELS) },
    { field: 'budget', kind: 'money', width: 160 },
    { field: 'participants', kind: 'integer', width: 120 },
  ],
  title: (row) => String(row.name),
  sort: (a, b) => String(b.heldOn).localeCompare(String(a.heldOn)),
};
