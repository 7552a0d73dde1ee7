/**
 * How a conflict reads on screen: field labels from the records category
 * definitions, values as the officer knows them (baht, B.E. dates, option
 * labels), titles of the record.
 */
import { VISIT_PURPOSES, VISIT_PURPOSE_LABELS } from '../../../shared/domain/visit';
import type { SyncConflict } from '../../../shared/sync/protocol';
import type { StoredRecord } from '../../data/db';
import i18n from '../../i18n';
import { TABLE_DEFS } from '../records/categories';
import { langLabel } from '../records/categories/common';
import { getPath } from '../records/convert';
import { fieldLabel } from '../records/FieldInput';
import { formatFieldValue } from '../records/RecordHistory';
import type { ColumnContext, FieldDef, FieldKind, LabelContext, TableDef } from '../records/types';

/** Field visits have their own page, not a category form; this describes their fields for the conflict screen. */
const visitDef: TableDef = {
  table: 'fieldVisits',
  fiscal: true,
  fields: [
    { name: 'visitedOn', kind: 'date', required: true, labelOf: () => i18n.t('calendar:visits.visitedOn') },
    { name: 'purpose', kind: 'select', required: true, options: VISIT_PURPOSES, optionLabel: langLabel(VISIT_PURPOSE_LABELS), labelOf: () => i18n.t('calendar:visits.purpose') },
    { name: 'notes', kind: 'multiline', nullable: true, labelOf: () => i18n.t('calendar:visits.notes') },
    { name: 'categoriesEntered', kind: 'lines', labelOf: () => i18n.t('calendar:visits.categoriesShort') },
  ],
  columns: [],
  title: (row, ctx) => `${i18n.t('calendar:visits.title')} ${ctx.format.date(String(row.visitedOn))}`,
};

/** A clash of values is a warning; a record deleted, or created twice, is an error to look at first. */
export function conflictKindColor(kind: SyncConflict['kind']): 'warning' | 'error' {
  return kind === 'fields' ? 'warning' : 'error';
}

export function tableDefOf(table: string): TableDef | undefined {
  return TABLE_DEFS[table] ?? (table === 'fieldVisits' ? visitDef : undefined);
}

export function tableLabel(table: string, ctx: LabelContext): string {
  return table === 'fieldVisits' ? i18n.t('calendar:visits.title') : ctx.t(`${table}.section`, { defaultValue: table });
}

/** The field definition a conflict field stands for, when it is one field of the form. */
export function fieldDefOf(def: TableDef | undefined, name: string): FieldDef | undefined {
  return def?.fields.find((field) => field.name === name);
}

/** Nested fields (fiscal statistics' 'revenue.localTaxes') of a top-level conflict field ('revenue'). */
function nestedDefs(def: TableDef | undefined, name: string): FieldDef[] {
  return def?.fields.filter((field) => field.name.startsWith(`${name}.`)) ?? [];
}

export function conflictFieldLabel(def: TableDef | undefined, name: string, ctx: LabelContext): string {
  const field = fieldDefOf(def, name);
  if (field && def) return fieldLabel(def, field, ctx);
  if (name === 'enteredOnBehalf') return ctx.t('form.onBehalfShort');
  if (def && nestedDefs(def, name).length > 0) return ctx.t(`${def.table}.groups.${name}`, { defaultValue: name });
  // The year of a monthly record travels with its month.
  if (name === 'year' && fieldDefOf(def, 'month')) return fieldLabel(def!, fieldDefOf(def, 'month')!, ctx);
  return name;
}

/**
 * A value as text. For a nested group only the parts that differ from the
 * other side are shown ('ภาษีอากร: 12,000.00 บาท'), since a group has dozens.
 */
export function formatConflictValue(def: TableDef | undefined, name: string, value: unknown, other: unknown, ctx: ColumnContext): string {
  const nested = nestedDefs(def, name);
  if (nested.length === 0 || typeof value !== 'object' || value === null) {
    return formatFieldValue(fieldDefOf(def, name), value, ctx);
  }
  const parts = nested
    .filter((field) => {
      const path = field.name.slice(name.length + 1);
      return JSON.stringify(getPath(value as Record<string, unknown>, path) ?? null) !== JSON.stringify(getPath(other as Record<string, unknown>, path) ?? null);
    })
    .map((field) => `${fieldLabel(def!, field, ctx)}: ${formatFieldValue(field, getPath(value as Record<string, unknown>, field.name.slice(name.length + 1)), ctx)}`);
  return parts.length > 0 ? parts.join('\n') : '—';
}

/** Kinds a person can type a new value for through the ordinary form input. */
const EDITABLE_KINDS = new Set<FieldKind>(['text', 'multiline', 'date', 'money', 'integer', 'select', 'reference', 'lines']);

export function canTypeValue(def: TableDef | undefined, name: string): boolean {
  const field = fieldDefOf(def, name);
  return field !== undefined && EDITABLE_KINDS.has(field.kind);
}

export function recordTitle(def: TableDef | undefined, record: StoredRecord | undefined, ctx: LabelContext): string | null {
  if (!def || !record) return null;
  try {
    return def.title(record, ctx);
  } catch {
    // A title that needs data this device does not hold: the table label says enough.
    return null;
  }
}
