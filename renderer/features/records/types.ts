/**
 * A record category described as data: which table, which fields of which
 * kind, which columns. The generic RecordSection and RecordForm render it.
 */
import type { RecordTable } from '../../../shared/domain/tables';
import type { StoredRecord } from '../../data/db';
import type { LabelFormatters } from '../../app/formatters';

export type FieldKind =
  | 'text'
  | 'multiline'
  | 'date'
  | 'money'
  | 'integer'
  | 'select'
  | 'reference'
  | 'lines'
  | 'yearBudgets'
  | 'strategies'
  | 'fiscalMonth'
  /** A fiscal year near the workspace's (an ordinance's year). */
  | 'fiscalYear';

export interface StrategyDraft {
  code: string;
  name: string;
  /** One approach per line. */
  approaches: string;
}

/** What a form holds while the officer types: text as typed, converted on save. */
export type FormValue = string | boolean | Record<string, string> | StrategyDraft[];
export type FormValues = Record<string, FormValue>;

export interface LabelContext {
  lang: 'th' | 'en';
  format: LabelFormatters;
  /** Translates in the records namespace. */
  t: (key: string, params?: Record<string, unknown>) => string;
}

export interface ReferenceSpec {
  table: RecordTable;
  /** Only this fiscal year's records (items, contracts) or all of the LAO (plans, projects). */
  scope: 'fiscalYear' | 'lao';
  label: (record: StoredRecord, ctx: LabelContext) => string;
  /** Narrows the options by what the form already holds (a contract of the chosen item). */
  filter?: (record: StoredRecord, values: FormValues) => boolean;
}

export interface FieldDef {
  /** Path in the record; dots for nested objects ('revenue.localTaxes'). */
  name: string;
  kind: FieldKind;
  /** i18n key in the records namespace; defaults to `<table>.fields.<name>`. */
  label?: string;
  /** A label from reference data instead of i18n (fiscal-statistics categories). */
  labelOf?: (ctx: LabelContext) => string;
  required?: boolean;
  /** Optional fields store null when left blank. */
  nullable?: boolean;
  width?: 'full' | 'half' | 'third' | 'twoThirds';
  /** Blank money means zero (the many category totals of fiscal statistics). */
  blankIsZero?: boolean;
  options?: readonly string[];
  /** An option's label, from the shared label maps (PLAN_STATUS_LABELS, …). */
  optionLabel?: (value: string, ctx: LabelContext) => string;
  reference?: ReferenceSpec;
  /** For yearBudgets: the reference field naming the plan whose period gives the years. */
  planField?: string;
  /** Hidden unless this holds (the cancel reason of a cancelled item). */
  visibleWhen?: (values: FormValues) => boolean;
  /** A derived fact shown under the field (the quarter of a payment date). */
  hint?: (values: FormValues, ctx: LabelContext) => string | undefined;
  /** Other issue paths reported on this field ('year' for a fiscal month). */
  alsoPaths?: readonly string[];
  /** Starting value of a new record. */
  initial?: (ctx: NewRecordContext) => FormValue;
  /** Numbers are entered one group per heading ('revenue', 'expenditure'). */
  group?: string;
}

export interface NewRecordContext {
  fiscalYear: number;
  today: string;
}

export type ColumnKind = 'text' | 'date' | 'money' | 'integer' | 'option' | 'reference' | 'derived';

export interface ColumnDef {
  field: string;
  kind: ColumnKind;
  label?: string;
  flex?: number;
  width?: number;
  /** For derived columns: the value from the row and the looked-up references. */
  value?: (row: StoredRecord, ctx: ColumnContext) => string | number | null;
  optionLabel?: (value: string, ctx: LabelContext) => string;
  /** For reference columns: the referenced table and its label. */
  reference?: Pick<ReferenceSpec, 'table' | 'label'>;
}

export interface ColumnContext extends LabelContext {
  lookup: (table: RecordTable, id: unknown) => StoredRecord | undefined;
}

export interface TableDef {
  table: RecordTable;
  /** Records carry the workspace's fiscal year. */
  fiscal: boolean;
  fields: readonly FieldDef[];
  columns: readonly ColumnDef[];
  /** A short name of one record, for titles, undo and history. */
  title: (row: StoredRecord, ctx: LabelContext) => string;
  sort?: (a: StoredRecord, b: StoredRecord) => number;
}
