import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { generateDemoProvince } from '../../shared/demo/generate';
import { RECORD_TABLES } from '../../shared/domain/tables';
import { META } from '../sync/meta';
import { openLocalDb, type EplanDb, type StoredRecord } from './db';
import { loadDemoDataset } from './demo';
import { clearDeviceData, DeviceNotEmptyError, deviceHoldings, holdsNothing, LOADING_KEY, undoInterruptedLoad, unsyncedExport } from './device';
import { saveDraft } from './drafts';
import { saveRecord } from './records';

const small = generateDemoProvince({ seed: 11, laoCount: 6, fiscalYears: [2570], asOf: '2026-11-25', recordScale: 0.1 });
const recordCount = RECORD_TABLES.reduce((sum, table) => sum + (small.records[table]?.length ?? 0), 0);
let db: EplanDb;

beforeEach(async () => {
  db = openLocalDb(`device-${uuidv7()}`);
  await db.meta.put({ key: META.deviceId, value: 'laptop-0001' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** Makes the nth bulkPut into `table` fail as a full disk does. */
function failOnWrite(table: string, nth: number): void {
  let calls = 0;
  db.table(table).hook('creating', () => {
    calls += 1;
    if (calls === nth) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  });
}

describe('what a laptop holds', () => {
  it('is judged from every table, not only the LAOs', async () => {
    expect(holdsNothing(await deviceHoldings(db))).toBe(true);
    await db.table('disbursements').put({ ...small.records.disbursements![0]! } as unknown as StoredRecord);
    const holdings = await deviceHoldings(db);
    expect(holdings).toMatchObject({ records: 1, laos: 0 });
    expect(holdsNothing(holdings)).toBe(false);
  });
});

describe('loading the demo', () => {
  it('loads whole into an empty laptop, and leaves no mark', async () => {
    await loadDemoDataset(db, small);
    expect(await deviceHoldings(db)).toMatchObject({ records: recordCount, laos: small.laos.length });
    expect(await db.meta.get(LOADING_KEY)).toBeUndefined();
  });

  it('removes what it wrote when a write fails halfway (a full disk), leaving the laptop as it was', async () => {
    failOnWrite('disbursements', 5);
    await expect(loadDemoDataset(db, small)).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(holdsNothing(await deviceHoldings(db))).toBe(true);
    expect(await db.meta.get(LOADING_KEY)).toBeUndefined();
    expect(await db.meta.get(META.deviceId)).toMatchObject({ value: 'laptop-0001' });
  });

  it('finds a load a closed window cut off, and removes it at the next start', async () => {
    // What a cut-off load leaves: its mark and some of its rows, no LAOs.
    await db.meta.put({ key: LOADING_KEY, value: '2026-11-25T03:00:00.000Z' });
    await db.table('disbursements').bulkPut(small.records.disbursements!.slice(0, 50) as unknown as StoredRecord[]);
    expect(await deviceHoldings(db)).toMatchObject({ records: 50, laos: 0 });
    expect(await undoInterruptedLoad(db)).toBe(true);
    expect(holdsNothing(await deviceHoldings(db))).toBe(true);
    expect(await undoInterruptedLoad(db)).toBe(false);
    await loadDemoDataset(db, small);
    expect(await deviceHoldings(db)).toMatchObject({ records: recordCount });
  });

  it('refuses to load over data already on the laptop (a second demo on another date would orphan the first)', async () => {
    await loadDemoDataset(db, small);
    const other = generateDemoProvince({ seed: 12, laoCount: 6, fiscalYears: [2570], asOf: '2026-12-04', recordScale: 0.1 });
    await expect(loadDemoDataset(db, other)).rejects.toBeInstanceOf(DeviceNotEmptyError);
    expect(await deviceHoldings(db)).toMatchObject({ records: recordCount, laos: small.laos.length });
  });
});

describe("clearing this laptop's data", () => {
  const officer = { userId: small.users.find((u) => u.role === 'officer')!.id, now: () => new Date('2026-11-25T03:00:00Z') };

  it('refuses while unsynced work exists that was not saved to a file, then clears once it was, keeping only the device id', async () => {
    await loadDemoDataset(db, small);
    const visit = small.records.fieldVisits![0]!;
    const saved = await saveRecord(db, 'fieldVisits', { ...visit, notes: 'ยังไม่ได้ซิงก์' }, officer);
    expect(saved).toMatchObject({ ok: true });
    await saveDraft(db, { table: 'fieldVisits', laoId: String(visit.laoId), recordId: null, values: { notes: 'ร่าง' }, seen: null });

    expect(await clearDeviceData(db, { exportedThroughSeq: null })).toEqual({ ok: false, code: 'UNSYNCED_NOT_EXPORTED' });
    const file = await unsyncedExport(db, '2026-11-25T04:00:00.000Z');
    expect(file).toMatchObject({ kind: 'eplan-unsynced-work', deviceId: 'laptop-0001', drafts: [expect.objectContaining({ values: { notes: 'ร่าง' } })] });
    expect(file.entries).toHaveLength(1);
    expect(file.records).toEqual([{ table: 'fieldVisits', record: expect.objectContaining({ id: visit.id, notes: 'ยังไม่ได้ซิงก์' }) }]);

    // Work made after the file was saved refuses the clear again.
    await saveRecord(db, 'fieldVisits', { ...visit, notes: 'แก้อีกครั้งหลังบันทึกไฟล์' }, officer);
    expect(await clearDeviceData(db, { exportedThroughSeq: file.throughSeq })).toEqual({ ok: false, code: 'UNSYNCED_NOT_EXPORTED' });
    expect(await deviceHoldings(db)).toMatchObject({ unsynced: 2, laos: small.laos.length });

    const again = await unsyncedExport(db, '2026-11-25T04:05:00.000Z');
    expect(await clearDeviceData(db, { exportedThroughSeq: again.throughSeq })).toEqual({ ok: true });
    expect(holdsNothing(await deviceHoldings(db))).toBe(true);
    expect(await db.meta.toArray()).toEqual([{ key: META.deviceId, value: 'laptop-0001' }]);
  });

  it('clears a laptop with nothing unsynced at once', async () => {
    await loadDemoDataset(db, small);
    expect(await clearDeviceData(db, { exportedThroughSeq: null })).toEqual({ ok: true });
    expect(holdsNothing(await deviceHoldings(db))).toBe(true);
  });
});
