import { isRecordTable, type RecordTable } from '../../shared/domain/tables';
import type { Database, Queryable } from './db';

// Local shapes until shared/domain publishes its schemas; they mirror what
// shared/demo/generate.ts will produce.
export interface SeedProvince {
  code: string;
  nameTh: string;
  nameEn: string;
  demo?: boolean;
}

export interface SeedDistrict {
  code: string;
  provinceCode: string;
  nameTh: string;
  nameEn: string;
}

export interface SeedLao {
  id: string;
  code: string;
  type: string;
  nameTh: string;
  nameEn: string;
  provinceCode: string;
  districtCode?: string | null;
}

export interface SeedUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  provinceCodes: string[];
  laoIds?: string[] | null;
  /** ISO date, YYYY-MM-DD. */
  contractSignedOn?: string | null;
  hiringDocsSentOn?: string | null;
}

export interface ReferenceSeed {
  /** One province, as the demo generator makes; an array for several. */
  province: SeedProvince | SeedProvince[];
  districts: SeedDistrict[];
  laos: SeedLao[];
  users: SeedUser[];
}

/** A synced record: the envelope columns plus the category's own fields. */
export interface SeedRecord {
  id: string;
  laoId: string;
  provinceCode: string;
  fiscalYear?: number | null;
  deleted: boolean;
  version: number;
  updatedAt: string | Date;
  updatedBy: string;
  [field: string]: unknown;
}

export type RecordSeed = Record<string, SeedRecord[]>;

/** Rows per INSERT statement: large enough to be fast, far below PostgreSQL's 65535 parameters. */
export const SEED_BATCH_SIZE = 500;

/** Inserts reference data; rows that already exist are left as they are. */
export async function seedReference(db: Database, data: ReferenceSeed): Promise<void> {
  const provinces = Array.isArray(data.province) ? data.province : [data.province];
  await db.transaction(async (tx) => {
    await insertRows(tx, 'provinces', ['code', 'name_th', 'name_en', 'demo'], provinces, (p) => [
      p.code,
      p.nameTh,
      p.nameEn,
      p.demo ?? false,
    ]);
    await insertRows(
      tx,
      'districts',
      ['code', 'province_code', 'name_th', 'name_en'],
      data.districts,
      (d) => [d.code, d.provinceCode, d.nameTh, d.nameEn],
    );
    await insertRows(
      tx,
      'laos',
      ['id', 'code', 'type', 'name_th', 'name_en', 'province_code', 'district_code'],
      data.laos,
      (l) => [l.id, l.code, l.type, l.nameTh, l.nameEn, l.provinceCode, l.districtCode ?? null],
    );
    await insertRows(tx, 'users', USER_COLUMNS, data.users, userValues);
  });
}

const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'role',
  'province_codes',
  'lao_ids',
  'contract_signed_on',
  'hiring_docs_sent_on',
];

function userValues(user: SeedUser): unknown[] {
  return [
    user.id,
    user.username,
    user.displayName,
    user.role,
    user.provinceCodes,
    user.laoIds ?? null,
    user.contractSignedOn ?? null,
    user.hiringDocsSentOn ?? null,
  ];
}

export interface RecordSeedReport {
  /** Rows inserted per table; rows already present are not counted. */
  inserted: Partial<Record<RecordTable, number>>;
}

/**
 * Inserts synced records, one transaction per table; records that already
 * exist (same id) are left as they are, so a seed can be re-run after an
 * interruption.
 */
export async function seedRecords(db: Database, records: RecordSeed): Promise<RecordSeedReport> {
  const unknown = Object.keys(records).filter((table) => !isRecordTable(table));
  if (unknown.length > 0) throw new Error(`Unknown record tables: ${unknown.join(', ')}`);
  const report: RecordSeedReport = { inserted: {} };
  for (const [table, rows] of Object.entries(records) as Array<[RecordTable, SeedRecord[]]>) {
    report.inserted[table] = await db.transaction((tx) =>
      insertRows(tx, 'records', RECORD_COLUMNS, rows, (row) => recordValues(table, row)),
    );
  }
  return report;
}

const RECORD_COLUMNS = [
  'id',
  'table_name',
  'lao_id',
  'province_code',
  'fiscal_year',
  'data',
  'deleted',
  'version',
  'updated_at',
  'updated_by',
];

/** Column values of one record; the category's fields go to `data`. */
function recordValues(table: RecordTable, record: SeedRecord): unknown[] {
  const { id, laoId, provinceCode, fiscalYear, deleted, version, updatedAt, updatedBy, ...fields } =
    record;
  return [
    id,
    table,
    laoId,
    provinceCode,
    fiscalYear ?? null,
    // Always a JSON string: pg would turn a top-level JS array into a PostgreSQL array.
    JSON.stringify(fields),
    deleted,
    // Stored on the server, a row is at least version 1: the checksum counts every row (shared/sync/checksum.ts).
    Math.max(1, version),
    updatedAt,
    updatedBy,
  ];
}


/** True before any reference data or record has been stored. */
export async function isEmpty(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ empty: boolean }>(
    'SELECT NOT EXISTS (SELECT 1 FROM provinces) AND NOT EXISTS (SELECT 1 FROM records) AS empty',
  );
  return rows[0]?.empty ?? true;
}

/** Multi-row INSERT … ON CONFLICT DO NOTHING in batches; returns the rows inserted. */
async function insertRows<T>(
  tx: Queryable,
  table: string,
  columns: string[],
  rows: T[],
  values: (row: T) => unknown[],
): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < rows.length; start += SEED_BATCH_SIZE) {
    const batch = rows.slice(start, start + SEED_BATCH_SIZE);
    const params = batch.flatMap(values);
    const tuples = batch.map((_, rowIndex) => {
      const placeholders = columns.map((column, columnIndex) => {
        const n = rowIndex * columns.length + columnIndex + 1;
        return column === 'data' ? `$${n}::jsonb` : `$${n}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`;
    inserted += (await tx.query(sql, params)).rowCount;
  }
  return inserted;
}
