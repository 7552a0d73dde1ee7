import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openLocalDb, type EplanDb } from './db';
import { adoptAsNew, discardDraft, draftKey, draftShown, draftsOf, draftsWithRecords, loadDraft, saveDraft } from './drafts';

let db: EplanDb;
const laoId = uuidv7();

beforeEach(() => {
  db = openLocalDb(`drafts-${uuidv7()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('drafts of half-typed records', () => {
  it('keeps one draft per table, LAO and record, replaced as the officer types', async () => {
    await saveDraft(db, { table: 'contracts', laoId, recordId: null, values: { number: '1' } }, new Date('2026-11-25T01:00:00Z'));
    const saved = await saveDraft(db, { table: 'contracts', laoId, recordId: null, values: { number: '12' } }, new Date('2026-11-25T01:00:05Z'));
    expect(saved.ok).toBe(true);
    const draft = await loadDraft(db, 'contracts', laoId, null);
    expect(draft).toMatchObject({ key: draftKey('contracts', laoId, null), values: { number: '12' }, updatedAt: '2026-11-25T01:00:05.000Z' });
    expect(await db.table('drafts').count()).toBe(1);
  });

  it('keeps drafts of new and existing records apart and lists an LAO table\'s newest first', async () => {
    const recordId = uuidv7();
    await saveDraft(db, { table: 'grants', laoId, recordId: null, values: { name: 'a' } }, new Date('2026-11-25T01:00:00Z'));
    await saveDraft(db, { table: 'grants', laoId, recordId, values: { name: 'b' } }, new Date('2026-11-25T02:00:00Z'));
    await saveDraft(db, { table: 'grants', laoId: uuidv7(), recordId: null, values: { name: 'other LAO' } });
    await saveDraft(db, { table: 'contracts', laoId, recordId: null, values: {} });
    const list = await draftsOf(db, 'grants', laoId);
    expect(list.map((d) => d.recordId)).toEqual([recordId, null]);
  });

  it('forgets a draft once discarded (saved or cancelled)', async () => {
    await saveDraft(db, { table: 'grants', laoId, recordId: null, values: { name: 'a' } });
    await discardDraft(db, 'grants', laoId, null);
    expect(await loadDraft(db, 'grants', laoId, null)).toBeUndefined();
  });

  it('reports a full disk as a value, not a throw', async () => {
    const table = db.table('drafts');
    const original = table.put.bind(table);
    table.put = (() => Promise.reject(Object.assign(new Error('full'), { name: 'QuotaExceededError' }))) as unknown as typeof table.put;
    const result = await saveDraft(db, { table: 'grants', laoId, recordId: null, values: {} });
    table.put = original;
    expect(result).toEqual({ ok: false, error: { code: 'QUOTA_EXCEEDED' } });
  });

  it('shows a draft whose record a sync deleted, or the laptop no longer holds; hides one only where its record lives in another year', async () => {
    const [live, deleted, otherYear, gone] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    const record = (id: string, fiscalYear: number, isDeleted: boolean) => ({ id, laoId, fiscalYear, deleted: isDeleted, version: 2, updatedAt: '2026-11-25T03:00:00.000Z' });
    await db.table('grants').bulkPut([record(live, 2570, false), record(deleted, 2570, true), record(otherYear, 2569, false)]);
    for (const recordId of [null, live, deleted, otherYear, gone]) await saveDraft(db, { table: 'grants', laoId, recordId, values: { name: String(recordId) } });
    const shown = new Map((await draftsWithRecords(db, 'grants', laoId)).map((entry) => [entry.draft.recordId, draftShown(entry, 2570)]));
    expect(Object.fromEntries(shown)).toEqual({ null: 'pending', [live]: 'pending', [deleted]: 'deleted', [otherYear]: null, [gone]: 'gone' });
    // A table without fiscal years shows every live record's draft.
    const all = (await draftsWithRecords(db, 'grants', laoId)).map((entry) => draftShown(entry, undefined));
    expect(all.filter((s) => s === null)).toHaveLength(0);
  });

  it('moves a draft whose record is gone to the new-record draft, never over another one', async () => {
    const gone = uuidv7();
    await saveDraft(db, { table: 'grants', laoId, recordId: gone, values: { name: 'typed' }, seen: { id: gone, version: 3 } });
    await saveDraft(db, { table: 'grants', laoId, recordId: null, values: { name: 'another new one' } });
    const orphan = (await loadDraft(db, 'grants', laoId, gone))!;
    expect(await adoptAsNew(db, orphan)).toBe(false);
    expect(await loadDraft(db, 'grants', laoId, gone)).toMatchObject({ values: { name: 'typed' } });
    expect(await loadDraft(db, 'grants', laoId, null)).toMatchObject({ values: { name: 'another new one' } });

    await discardDraft(db, 'grants', laoId, null);
    expect(await adoptAsNew(db, orphan)).toBe(true);
    expect(await loadDraft(db, 'grants', laoId, gone)).toBeUndefined();
    expect(await loadDraft(db, 'grants', laoId, null)).toMatchObject({ recordId: null, seen: null, values: { name: 'typed' } });
  });
});
