import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './db';
import { isEmpty, seedRecords, seedReference, SEED_BATCH_SIZE } from './seed';
import { openMigrated, testBackends } from './test-backends';
import { LAO_IDS, PROVINCE_CODE, sampleRecords, sampleReference } from './test-fixtures';

async function countRows(db: Database, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? 0;
}

describe.each(testBackends)('seed on $kind', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(backend);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('reports an empty database before seeding', async () => {
    expect(await isEmpty(db)).toBe(true);
  });

  it('stores reference data with arrays and dates intact', async () => {
    await seedReference(db, sampleReference());
    expect(await isEmpty(db)).toBe(false);
    expect(await countRows(db, 'laos')).toBe(2);
    const { rows } = await db.query(
      `SELECT role, province_codes, lao_ids, contract_signed_on, hiring_docs_sent_on
       FROM users WHERE username = 'officer'`,
    );
    expect(rows[0]).toEqual({
      role: 'officer',
      province_codes: [PROVINCE_CODE],
      lao_ids: [LAO_IDS[1]],
      contract_signed_on: '2024-10-01',
      hiring_docs_sent_on: null,
    });
  });

  it('seeds reference data idempotently', async () => {
    await seedReference(db, sampleReference());
    expect(await countRows(db, 'provinces')).toBe(1);
    expect(await countRows(db, 'users')).toBe(2);
  });

  it('inserts records in batches and keeps the category fields in data', async () => {
    const count = SEED_BATCH_SIZE * 2 + 37;
    const report = await seedRecords(db, sampleRecords(count));
    expect(report.inserted).toEqual({ disbursements: count });
    expect(await countRows(db, 'records')).toBe(count);
    const { rows } = await db.query(
      `SELECT table_name, lao_id, fiscal_year, deleted, version, updated_at, updated_by, data
       FROM records ORDER BY id LIMIT 1`,
    );
    expect(rows[0]).toEqual({
      table_name: 'disbursements',
      lao_id: LAO_IDS[0],
      fiscal_year: 2568,
      deleted: false,
      version: 1,
      updated_at: new Date('2025-01-15T03:00:00.000Z'),
      updated_by: 'user-officer',
      data: { amountSatang: 150_000, paidOn: '2025-01-10', enteredOnBehalf: true },
    });
  });

  it('seeds records idempotently', async () => {
    const report = await seedRecords(db, sampleRecords(SEED_BATCH_SIZE * 2 + 37));
    expect(report.inserted).toEqual({ disbursements: 0 });
    expect(await countRows(db, 'records')).toBe(SEED_BATCH_SIZE * 2 + 37);
  });

  it('stores a record made at version 0 (as the demo generator makes them) at version 1, so the checksum counts it', async () => {
    const record = { ...sampleRecords(1).disbursements![0]!, id: '00000000-0000-7000-8000-0000000000f0', version: 0 };
    await seedRecords(db, { disbursements: [record] });
    const { rows } = await db.query<{ version: number }>('SELECT version FROM records WHERE id = $1', [record.id]);
    expect(rows[0]?.version).toBe(1);
  });

  it('refuses unknown record tables before writing anything', async () => {
    const before = await countRows(db, 'records');
    const records = { ...sampleRecords(1), secrets: sampleRecords(1).disbursements ?? [] };
    await expect(seedRecords(db, records)).rejects.toThrow(/secrets/);
    expect(await countRows(db, 'records')).toBe(before);
  });
});
