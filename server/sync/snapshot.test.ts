/**
 * The snapshot's keyset paging (server/sync/pull.ts snapshotPageJson): rank by
 * rank in id order, every row exactly once in any page size, the right next
 * token, and the database-built JSON equal to toWireRecord's record.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fiscalYearRank } from '../../shared/sync/cursor';
import type { SnapshotResponse } from '../../shared/sync/protocol';
import type { Database } from '../store/db';
import { seedRecords, seedReference, type SeedRecord } from '../store/seed';
import { openMigrated, testBackends } from '../store/test-backends';
import { LAO_IDS, PROVINCE_CODE, sampleReference } from '../store/test-fixtures';
import { snapshotPage, snapshotPageJson, type ScopeView } from './pull';
import { RECORD_ROW_COLUMNS, toWireRecord, type RecordRow } from './records';

const CURRENT = 2570;
// Current year, none, a future year, two older years with a gap: every kind of rank.
const YEARS = [CURRENT, null, CURRENT + 1, CURRENT - 1, CURRENT - 3];

function records(): SeedRecord[] {
  return Array.from({ length: 23 }, (_, i) => ({
    id: `00000000-0000-7000-8000-${String((i * 7919) % 1000).padStart(12, '0')}`,
    laoId: LAO_IDS[i % LAO_IDS.length]!,
    provinceCode: PROVINCE_CODE,
    fiscalYear: YEARS[i % YEARS.length]!,
    // One deleted row, which a snapshot leaves out.
    deleted: i === 5,
    version: i + 1,
    updatedAt: `2025-01-${String((i % 27) + 1).padStart(2, '0')}T03:04:05.678Z`,
    updatedBy: 'user-officer',
    amountSatang: 1000 + i,
    paidOn: '2025-01-10',
    note: i % 3 === 0 ? null : `บันทึก "${i}"`,
  }));
}

async function allPages(db: Database, view: ScopeView, limit: number, fiscalYear?: number): Promise<SnapshotResponse[]> {
  const pages: SnapshotResponse[] = [];
  let after: string | undefined;
  do {
    const page: SnapshotResponse = await snapshotPage(db, view, { limit, currentFiscalYear: CURRENT, ...(after ? { after } : {}), ...(fiscalYear === undefined ? {} : { fiscalYear }) });
    pages.push(page);
    after = page.next ?? undefined;
  } while (after !== undefined);
  return pages;
}

describe.each(testBackends)('snapshot paging on $kind', (backend) => {
  let db: Database;
  beforeEach(async () => {
    db = await openMigrated(backend);
    await seedReference(db, sampleReference());
    await seedRecords(db, { disbursements: records() });
  });
  afterEach(async () => db.close());

  it('sends every live row once, current year first then by rank and id, in any page size', async () => {
    const live = records().filter((r) => !r.deleted);
    const expected = [...live]
      .sort((a, b) => fiscalYearRank(a.fiscalYear, CURRENT) - fiscalYearRank(b.fiscalYear, CURRENT) || a.id.localeCompare(b.id))
      .map((r) => r.id);
    for (const limit of [1, 5, live.length, 1000]) {
      const pages = await allPages(db, { provinceCode: PROVINCE_CODE, laoIds: null }, limit);
      expect(pages.flatMap((p) => p.records.map((r) => r.id))).toEqual(expected);
      // No empty trailing page: a token is given only when rows follow.
      expect(pages.every((p) => p.records.length > 0)).toBe(true);
      expect(pages.length).toBe(Math.ceil(live.length / limit));
    }
  });

  it('builds the same wire records as toWireRecord, with the table', async () => {
    const [page] = await allPages(db, { provinceCode: PROVINCE_CODE, laoIds: null }, 1000);
    const { rows } = await db.query<RecordRow>(`SELECT ${RECORD_ROW_COLUMNS} FROM records WHERE NOT deleted`);
    const byId = new Map(rows.map((row) => [row.id, { ...toWireRecord(row), table: row.table_name }]));
    expect(page!.records).toHaveLength(rows.length);
    for (const record of page!.records) expect(record).toEqual(byId.get(record.id));
    expect(page!.records.find((r) => r.fiscalYear === undefined)).not.toHaveProperty('fiscalYear');
  });

  it('keeps to the LAOs of the view and to one fiscal year when asked', async () => {
    const lao = LAO_IDS[1];
    const pages = await allPages(db, { provinceCode: PROVINCE_CODE, laoIds: [lao] }, 2);
    const ids = pages.flatMap((p) => p.records.map((r) => r.id)).sort();
    expect(ids).toEqual(records().filter((r) => !r.deleted && r.laoId === lao).map((r) => r.id).sort());
    const older = await allPages(db, { provinceCode: PROVINCE_CODE, laoIds: null }, 2, CURRENT - 3);
    expect(older.flatMap((p) => p.records.map((r) => r.fiscalYear))).toEqual(records().filter((r) => !r.deleted && r.fiscalYear === CURRENT - 3).map(() => CURRENT - 3));
    const none = JSON.parse(await snapshotPageJson(db, { provinceCode: PROVINCE_CODE, laoIds: null }, { limit: 10, currentFiscalYear: CURRENT, fiscalYear: 1999 }));
    expect(none).toEqual({ scope: PROVINCE_CODE, records: [], next: null, cursor: 0, currentFiscalYear: CURRENT, total: 0 });
  });

  it('tells the scope\'s total on the first page only: the rows the whole snapshot sends, for a province, an officer\'s LAOs and one year', async () => {
    const lao = LAO_IDS[1]!;
    const cases: Array<[ScopeView, number | undefined]> = [
      [{ provinceCode: PROVINCE_CODE, laoIds: null }, undefined],
      [{ provinceCode: PROVINCE_CODE, laoIds: [lao] }, undefined],
      [{ provinceCode: PROVINCE_CODE, laoIds: null }, CURRENT - 1],
      [{ provinceCode: PROVINCE_CODE, laoIds: null }, 0],
    ];
    for (const [view, fiscalYear] of cases) {
      const pages = await allPages(db, view, 4, fiscalYear);
      const sent = pages.reduce((n, p) => n + p.records.length, 0);
      expect(pages[0]!.total).toBe(sent);
      expect(pages.slice(1).every((p) => p.total === null)).toBe(true);
    }
    // The deleted row is not counted: 22 of the 23 seeded rows.
    expect((await allPages(db, { provinceCode: PROVINCE_CODE, laoIds: null }, 1000))[0]!.total).toBe(22);
  });
});
