/**
 * The raw workbook's columns of one record table, in the order of the table's
 * form (features/records/categories: the one description of a table's fields,
 * labels, choices and references): the LAO first, the fiscal year, each field
 * as the form names it, then who entered and who last changed the record, and
 * its id. Choices are their labels (shared/domain *_LABELS), references their
 * names with the id beside, amounts baht; years and dates B.E. in both
 * languages ('30/08/2568'), as the app shows them. No ISO date column: nothing
 * imports this workbook back.
 */
import { formatBaht } from '../../shared/money';
import { bangkokDateOf, toThaiNumericDate } from '../../shared/calendar/fiscal';
import type { District, Lao, User } from '../../shared/domain/reference';
import type { RecordTable } from '../../shared/domain/tables';
import { makeFormatters, withTimes } from '../app/formatters';
import type { StoredRecord } from '../data/db';
import { TABLE_DEFS } from '../features/records/categories';
import { monthLabel } from '../features/records/categories/fiscalStats';
import type { FieldDef, LabelContext, TableDef } from '../features/records/types';
import recordsTh from '../i18n/records.th.json';
import recordsEn from '../i18n/records.en.json';
import { fill, Wording, type WorkbookLanguage } from './labels';
import type { CellFormat, CellValue } from './layout';

export interface RawColumn {
  header: string;
  format?: CellFormat;
  value: (row: StoredRecord) => CellValue;
}

/** What the columns look up: LAOs, referenced records, user names, first authors. */
export interface RawLookups {
  laos: readonly Lao[];
  districts: readonly District[];
  users: readonly User[];
  records: Partial<Record<RecordTable, readonly StoredRecord[]>>;
  /** Record id → the user who created it, where this laptop's history knows. */
  creators: Readonly<Record<string, string>>;
}

const RECORDS: Record<WorkbookLanguage, unknown> = { th: recordsTh, en: recordsEn };

/** Labels as the forms give them, in the workbook's language, with no i18next (the export runs in a worker). */
export function workbookLabelContext(language: WorkbookLanguage): LabelContext {
  const t = (key: string, params: Record<string, unknown> = {}) => {
    const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], RECORDS[language]);
    return typeof text === 'string' ? fill(text, params as Record<string, string | number>) : key;
  };
  return { lang: language, format: withTimes(makeFormatters(language)), t };
}

const isBlank = (v: unknown) => v === null || v === undefined || v === '';
const pathValue = (row: StoredRecord, path: string): unknown =>
  path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | null | undefined)?.[part], row);

/** Years (B.E. already) stay plain numbers: 2569, never 2,569. */
const YEAR_FIELDS = new Set(['startYear', 'endYear', 'years', 'number', 'quarter']);

type Strategy = { code: string; name: string; approaches: string[] };

function fieldLabel(def: TableDef, field: FieldDef, ctx: LabelContext): string {
  const label = field.labelOf?.(ctx) ?? ctx.t(field.label ?? `${def.table}.fields.${field.name}`);
  return field.group ? `${ctx.t(`${def.table}.groups.${field.group}`)}: ${label}` : label;
}

/** One field's columns: most give one, a reference gives its name and its id. */
function fieldColumns(def: TableDef, field: FieldDef, ctx: LabelContext, w: Wording, find: (table: RecordTable, id: unknown) => StoredRecord | undefined): RawColumn[] {
  const header = fieldLabel(def, field, ctx);
  const raw = (row: StoredRecord) => pathValue(row, field.name);
  const text = (value: (v: unknown, row: StoredRecord) => CellValue) => (row: StoredRecord) => (isBlank(raw(row)) ? null : value(raw(row), row));
  switch (field.kind) {
    case 'date':
      return [{ header, value: text((v) => toThaiNumericDate(String(v))) }];
    case 'money':
      return [{ header, format: 'baht', value: text((v) => Number(v) / 100) }];
    case 'integer':
      return [{ header, format: YEAR_FIELDS.has(field.name) ? undefined : 'count', value: text((v) => Number(v)) }];
    case 'select':
      return [{ header, value: text((v) => field.optionLabel?.(String(v), ctx) ?? String(v)) }];
    case 'reference': {
      const spec = field.reference!;
      return [
        { header, value: text((v) => { const target = find(spec.table, v); return target ? spec.label(target, ctx) : w.labels.raw.unknown; }) },
        { header: fill(w.labels.raw.idOf, { label: header }), value: text((v) => String(v)) },
      ];
    }
    case 'fiscalMonth':
      return [{ header, value: (row) => monthLabel(row, ctx.lang) }];
    case 'lines':
      return [{ header, value: text((v) => (v as string[]).join('; ')) }];
    case 'strategies':
      return [{ header, value: text((v) => (v as Strategy[]).map((s) => `${s.code} ${s.name}${s.approaches.length ? `: ${s.approaches.join(', ')}` : ''}`).join('; ')) }];
    case 'yearBudgets':
      return [{ header, value: text((v) => (v as Array<{ year: number; amount: number }>).map((b) => `${b.year}: ${formatBaht(b.amount)}`).join('; ')) }];
    default:
      return [{ header, value: text((v) => String(v)) }];
  }
}

/**
 * Who entered a record: its createdBy (stamped by the server on the first
 * write, synced with the record); for a record older than that stamp, this
 * laptop's history of its creation, or the one writer of a version-1 record.
 */
const creatorOf = (row: StoredRecord, creators: RawLookups['creators']): string | undefined =>
  (typeof row.createdBy === 'string' ? row.createdBy : undefined) ?? creators[row.id] ?? (row.version === 1 ? row.updatedBy : undefined);

/** The columns of a table's sheet, first to last. */
export function rawColumns(table: RecordTable, w: Wording, lookups: RawLookups): RawColumn[] {
  const def = TABLE_DEFS[table]!;
  const ctx = workbookLabelContext(w.language);
  const l = w.labels;
  const laos = new Map(lookups.laos.map((lao) => [lao.id, lao]));
  const districts = new Map(lookups.districts.map((d) => [d.code, d]));
  const users = new Map(lookups.users.map((u) => [u.id, u.displayName]));
  const indexes = new Map<RecordTable, Map<string, StoredRecord>>();
  const find = (target: RecordTable, id: unknown) => {
    if (!indexes.has(target)) indexes.set(target, new Map((lookups.records[target] ?? []).map((r) => [r.id, r])));
    return indexes.get(target)!.get(String(id));
  };
  const laoOf = (row: StoredRecord) => laos.get(row.laoId);
  const userName = (id: string | undefined) => (id ? users.get(id) : undefined) ?? l.raw.unknown;
  return [
    { header: l.district, value: (row) => { const d = districts.get(laoOf(row)?.districtCode ?? ''); return d ? w.name(d) : ''; } },
    { header: l.laoCode, value: (row) => laoOf(row)?.code ?? '' },
    { header: l.lao, value: (row) => { const lao = laoOf(row); return lao ? w.name(lao) : ''; } },
    ...(def.fiscal && !def.fields.some((f) => f.name === 'fiscalYear') ? [{ header: l.raw.fiscalYear, value: (row: StoredRecord) => Number(row.fiscalYear) }] : []),
    ...def.fields.flatMap((field) => fieldColumns(def, field, ctx, w, find)),
    { header: l.raw.enteredOnBehalf, value: (row) => (row.enteredOnBehalf ? l.raw.yes : l.raw.no) },
    { header: l.raw.enteredBy, value: (row) => userName(creatorOf(row, lookups.creators)) },
    { header: l.raw.updatedBy, value: (row) => userName(row.updatedBy) },
    { header: l.raw.updatedAt, value: (row) => (row.updatedAt ? `${toThaiNumericDate(bangkokDateOf(new Date(row.updatedAt)))} ${ctx.format.time(row.updatedAt)}` : null) },
    { header: l.raw.id, value: (row) => row.id },
  ];
}

/** The rows in the order a supervisor reads them: by LAO as listed, then as the form's list sorts them. */
export function sortRows(table: RecordTable, rows: readonly StoredRecord[], laos: readonly Lao[]): StoredRecord[] {
  const position = new Map(laos.map((lao, i) => [lao.id, i]));
  const sort = TABLE_DEFS[table]?.sort;
  return [...rows].sort((a, b) => (position.get(a.laoId) ?? 0) - (position.get(b.laoId) ?? 0) || (sort ? sort(a, b) : 0));
}
