import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { everydayDemoOptions, generateDemoProvince } from '../../shared/demo/generate';
import { RECORD_TABLES } from '../../shared/domain/tables';
import { RESOLUTION_QUEUE_KEY } from '../sync/conflictQueue';
import { META } from '../sync/meta';
import { openLocalDb, type EplanDb, type StoredRecord } from './db';
import { LoadRunningError, loadDemoDataset, undoInterruptedLoad } from './demo';
import { clearDeviceData, DeviceNotEmptyError, deviceHoldings, holdsNothing, TABLE_ROLES, unsyncedExport, unsyncedFileName } from './device';
import { saveDraft } from './drafts';
import { LEGACY_LOAD_MARK_KEY, LOAD_MARK_KEY } from './loadMark';
import { saveRecord } from './records';

const small = generateDemoProvince({ seed: 11, laoCount: 6, fiscalYears: [2570], asOf: '2026-11-25', recordScale: 0.1 });
const recordCount = RECORD_TABLES.reduce((sum, table) => sum + (small.records[table]?.length ?? 0), 0);
const officer = { userId: small.users.find((u) => u.role === 'officer')!.id, now: () => new Date('2026-11-25T03:00:00Z') };
let db: EplanDb;

beforeEach(async () => {
  db = openLocalDb(`device-${uuidv7()}`);
  await db.meta.put({ key: META.deviceId, value: 'laptop-0001' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** Makes the nth row written into `table` fail as a full disk does. */
function failOnWrite(table: string, nth: number): void {
  let calls = 0;
  db.table(table).hook('creating', () => {
    calls += 1;
    if (calls === nth) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  });
}

/** What a load cut off by a closed window leaves: its mark and its first rows, no LAOs. */
async function cutOffLoad(mark: { key: string; value: unknown }, rows: readonly unknown[]): Promise<void> {
  await db.meta.put(mark);
  await db.table('disbursements').bulkPut(rows as StoredRecord[]);
}

/** Work made in another window after the load was cut off: a sign-in (its session and LAOs) and an unsynced field visit. */
async function workMadeSince(): Promise<string> {
  await db.meta.put({ key: META.user, value: { id: officer.userId } });
  await db.laos.bulkPut(small.laos.map((lao) => ({ ...lao })));
  const visit = { ...small.records.fieldVisits![0]!, id: uuidv7(), notes: 'ทำหลังโหลดค้าง' };
  expect(await saveRecord(db, 'fieldVisits', visit, officer)).toMatchObject({ ok: true });
  return visit.id;
}

describe('what a laptop holds', () => {
  it('gives every local table a role, so no table is left out of the judgement', () => {
    expect(db.tables.map((table) => table.name).sort()).toEqual(Object.keys(TABLE_ROLES).sort());
  });

  it('is judged from every table, not only the LAOs', async () => {
    expect(holdsNothing(await deviceHoldings(db))).toBe(true);
    await db.table('disbursements').put({ ...small.records.disbursements![0]! } as unknown as StoredRecord);
    expect(await deviceHoldings(db)).toMatchObject({ records: 1, laos: 0 });
    expect(holdsNothing(await deviceHoldings(db))).toBe(false);
  });

  it.each([
    ['a draft', () => saveDraft(db, { table: 'fieldVisits', laoId: 'l', recordId: null, values: { notes: 'x' }, seen: null })],
    ['a user of the reference data', () => db.users.put({ ...small.users[0]! })],
    ['a conflict decision waiting to be sent', () => db.meta.put({ key: RESOLUTION_QUEUE_KEY, value: [{ conflictId: 'c1', at: '2026-11-25T03:00:00Z', by: 'u' }] })],
    ['a signed-in session', () => db.meta.put({ key: META.user, value: { id: 'u' } })],
    ["a load's mark", () => db.meta.put({ key: LOAD_MARK_KEY, value: { kind: 'demo', startedAt: '2026-11-25T03:00:00Z', options: small.options } })],
  ])('is not empty while it holds %s', async (_what, write) => {
    await write();
    expect(holdsNothing(await deviceHoldings(db))).toBe(false);
  });

  it('is empty with only the completion cache, which is rebuilt from records', async () => {
    await db.completionResults.put({ fiscalYear: 2570, laoId: 'l', stamp: 's', results: {} });
    expect(holdsNothing(await deviceHoldings(db))).toBe(true);
  });
});

describe('loading the demo', () => {
  it('loads whole into an empty laptop, and leaves no mark', async () => {
    await loadDemoDataset(db, small);
    expect(await deviceHoldings(db)).toMatchObject({ records: recordCount, laos: small.laos.length, loading: false });
    expect(await db.meta.get(LOAD_MARK_KEY)).toBeUndefined();
  });

  it('removes what it wrote when a write fails halfway (a full disk), and only that', async () => {
    await db.completionResults.put({ fiscalYear: 2570, laoId: 'l', stamp: 's', results: {} });
    await db.meta.put({ key: 'eplan.somePreference', value: 1 });
    const before = { meta: await db.meta.toArray(), cache: await db.completionResults.count() };
    failOnWrite('disbursements', 5);
    await expect(loadDemoDataset(db, small)).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(holdsNothing(await deviceHoldings(db))).toBe(true);
    expect(await db.meta.toArray()).toEqual(before.meta);
    expect(await db.completionResults.count()).toBe(before.cache);
  });

  it('finds a load a closed window cut off, and removes its rows at the next start', async () => {
    await cutOffLoad({ key: LOAD_MARK_KEY, value: { kind: 'demo', startedAt: '2026-11-25T03:00:00.000Z', options: small.options } }, small.records.disbursements!.slice(0, 50));
    expect(await deviceHoldings(db)).toMatchObject({ records: 50, laos: 0, loading: true });
    expect(await undoInterruptedLoad(db)).toBe('removed');
    expect(holdsNothing(await deviceHoldings(db))).toBe(true);
    expect(await undoInterruptedLoad(db)).toBe('none');
    await loadDemoDataset(db, small);
    expect(await deviceHoldings(db)).toMatchObject({ records: recordCount });
  });

  it('keeps the work made since a cut-off load when it removes that load (another window signed in and saved a visit)', async () => {
    await cutOffLoad({ key: LOAD_MARK_KEY, value: { kind: 'demo', startedAt: '2026-11-25T03:00:00.000Z', options: small.options } }, small.records.disbursements!.slice(0, 50));
    const visitId = await workMadeSince();
    expect(await undoInterruptedLoad(db)).toBe('removed');
    expect(await deviceHoldings(db)).toMatchObject({ records: 1, laos: small.laos.length, unsynced: 1, signedIn: true, loading: false });
    expect(await db.table('fieldVisits').get(visitId)).toMatchObject({ notes: 'ทำหลังโหลดค้าง' });
    expect(await db.table('disbursements').count()).toBe(0);
  });

  it('removes a load cut off under the first version of the mark (its start time only), from the everyday demo of that day', async () => {
    const everyday = generateDemoProvince(everydayDemoOptions('2026-11-25'));
    await cutOffLoad({ key: LEGACY_LOAD_MARK_KEY, value: '2026-11-24T18:30:00.000Z' }, everyday.records.disbursements!.slice(0, 50));
    expect(await undoInterruptedLoad(db)).toBe('removed');
    expect(holdsNothing(await deviceHoldings(db))).toBe(true);
  });

  it('leaves a load that is still running alone, and refuses a second one meanwhile', async () => {
    let checked: Promise<unknown[]> | null = null;
    await loadDemoDataset(db, small, () => {
      checked ??= Promise.all([undoInterruptedLoad(db), loadDemoDataset(db, small).catch((error: unknown) => error)]);
    });
    const [undone, second] = await checked!;
    expect(undone).toBe('busy');
    expect(second).toBeInstanceOf(LoadRunningError);
    expect(await deviceHoldings(db)).toMatchObject({ records: recordCount, laos: small.laos.length });
  });

  it('refuses to load over data already on the laptop (a second demo on another date would orphan the first)', async () => {
    await loadDemoDataset(db, small);
    const other = generateDemoProvince({ seed: 12, laoCount: 6, fiscalYears: [2570], asOf: '2026-12-04', recordScale: 0.1 });
    await expect(loadDemoDataset(db, other)).rejects.toBeInstanceOf(DeviceNotEmptyError);
    expect(await deviceHoldings(db)).toMatchObject({ records: recordCount, laos: small.laos.length });
  });

  it('refuses to load while someone is signed in, even with no rows yet', async () => {
    await db.meta.put({ key: META.user, value: { id: 'u' } });
    await expect(loadDemoDataset(db, small)).rejects.toBeInstanceOf(DeviceNotEmptyError);
    expect(await deviceHoldings(db)).toMatchObject({ records: 0, laos: 0 });
  });
});

describe("clearing this laptop's data", () => {
  it('refuses while unsynced work exists that was not saved to a file, then clears once it was, keeping only the device id', async () => {
    await loadDemoDataset(db, small);
    const visit = small.records.fieldVisits![0]!;
    expect(await saveRecord(db, 'fieldVisits', { ...visit, notes: 'ยังไม่ได้ซิงก์' }, officer)).toMatchObject({ ok: true });
    await saveDraft(db, { table: 'fieldVisits', laoId: String(visit.laoId), recordId: null, values: { notes: 'ร่าง' }, seen: null });

    expect(await clearDeviceData(db, { exported: null })).toEqual({ ok: false, code: 'UNSYNCED_NOT_EXPORTED' });
    const file = await unsyncedExport(db, '2026-11-25T04:00:00.000Z');
    expect(file).toMatchObject({ kind: 'eplan-unsynced-work', deviceId: 'laptop-0001', drafts: [expect.objectContaining({ values: { notes: 'ร่าง' } })] });
    expect(file.entries).toHaveLength(1);
    expect(file.authors).toEqual([expect.objectContaining({ id: officer.userId, username: expect.any(String) })]);
    expect(file.records).toEqual([{ table: 'fieldVisits', record: expect.objectContaining({ id: visit.id, notes: 'ยังไม่ได้ซิงก์' }) }]);

    // Work made after the file was saved refuses the clear again.
    await saveRecord(db, 'fieldVisits', { ...visit, notes: 'แก้อีกครั้งหลังบันทึกไฟล์' }, officer);
    expect(await clearDeviceData(db, { exported: file })).toEqual({ ok: false, code: 'UNSYNCED_NOT_EXPORTED' });
    expect(await deviceHoldings(db)).toMatchObject({ unsynced: 2, laos: small.laos.length });

    const again = await unsyncedExport(db, '2026-11-25T04:05:00.000Z');
    expect(await clearDeviceData(db, { exported: again })).toEqual({ ok: true });
    expect(holdsNothing(await deviceHoldings(db))).toBe(true);
    expect(await db.meta.toArray()).toEqual([{ key: META.deviceId, value: 'laptop-0001' }]);
  });

  it('refuses while a conflict decision waits to be sent, until a file holds it', async () => {
    const decision = { conflictId: uuidv7(), at: '2026-11-25T03:00:00.000Z', by: officer.userId };
    await db.meta.put({ key: RESOLUTION_QUEUE_KEY, value: [decision] });
    expect(await clearDeviceData(db, { exported: null })).toEqual({ ok: false, code: 'UNSYNCED_NOT_EXPORTED' });
    const file = await unsyncedExport(db, '2026-11-25T04:00:00.000Z');
    expect(file.resolutionQueue).toEqual([decision]);
    expect(await clearDeviceData(db, { exported: file })).toEqual({ ok: true });
  });

  it('numbers the next unsynced entry after the ones cleared, since the server refuses a seq it has answered', async () => {
    await loadDemoDataset(db, small);
    const visit = small.records.fieldVisits![0]!;
    await saveRecord(db, 'fieldVisits', { ...visit, notes: 'ก่อนล้าง' }, officer);
    const file = await unsyncedExport(db, '2026-11-25T04:00:00.000Z');
    expect(await clearDeviceData(db, { exported: file })).toEqual({ ok: true });
    await db.laos.bulkPut(small.laos.map((lao) => ({ ...lao })));
    expect(await saveRecord(db, 'fieldVisits', { ...visit, id: uuidv7(), notes: 'หลังล้าง' }, officer)).toMatchObject({ ok: true });
    expect((await db.outbox.toArray()).map((entry) => entry.seq)).toEqual([file.throughSeq + 1]);
  });

  it('waits for a load running meanwhile instead of clearing under it', async () => {
    let during: Promise<unknown> | null = null;
    await loadDemoDataset(db, small, () => {
      during ??= clearDeviceData(db, { exported: null });
    });
    expect(await during).toEqual({ ok: false, code: 'LOAD_RUNNING' });
    expect(await deviceHoldings(db)).toMatchObject({ records: recordCount, laos: small.laos.length });
  });

  it("names the file by the Bangkok day and time it was saved", () => {
    expect(unsyncedFileName(new Date('2026-11-24T18:05:00Z'))).toBe('eplan-unsynced-work-2026-11-25-0105.json');
  });

  it('clears a laptop with nothing unsynced at once', async () => {
    await loadDemoDataset(db, small);
    expect(await clearDeviceData(db, { exported: null })).toEqual({ ok: true });
    expect(holdsNothing(await deviceHoldings(db))).toBe(true);
  });
});
