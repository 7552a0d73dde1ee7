/** Rows of the `records` table and the records the protocol sends. */
import { ENVELOPE_FIELDS } from '../../shared/domain/record';
import type { RecordTable } from '../../shared/domain/tables';
import type { WireRecord } from '../../shared/sync/protocol';

export interface RecordRow {
  id: string;
  table_name: RecordTable;
  lao_id: string;
  province_code: string;
  fiscal_year: number | null;
  data: Record<string, unknown>;
  deleted: boolean;
  version: number;
  updated_at: Date | string;
  updated_by: string;
  field_versions: FieldVersions;
}

/** Per field: the server version that last wrote it and the device that wrote it. */
export type FieldVersions = Record<string, [number, string]>;

export const RECORD_ROW_COLUMNS =
  'id::text AS id, table_name, lao_id, province_code, fiscal_year, data, deleted, version, updated_at, updated_by, field_versions';

/** In `data` though of the envelope: 'entered on behalf', and the creator (stamped once, so it syncs like any field). */
const ENVELOPE_IN_DATA = new Set<string>(['enteredOnBehalf', 'createdBy']);
/** Fields with a column of their own: the rest of the envelope, and the fiscal year; the rest lives in `data`. */
const COLUMN_FIELDS = new Set<string>([...ENVELOPE_FIELDS.filter((field) => !ENVELOPE_IN_DATA.has(field)), 'fiscalYear']);

export function toWireRecord(row: RecordRow): WireRecord {
  return {
    ...row.data,
    id: row.id,
    laoId: row.lao_id,
    provinceCode: row.province_code,
    ...(row.fiscal_year === null ? {} : { fiscalYear: row.fiscal_year }),
    deleted: row.deleted,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  };
}

/** The category's fields of a record, for the `data` column. */
export function dataOf(record: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (!COLUMN_FIELDS.has(field) && value !== undefined) data[field] = value;
  }
  return data;
}
