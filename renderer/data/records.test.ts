import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openLocalDb, type EplanDb } from './db';
import Dexie from 'dexie';
import { LOCAL_SCHEMA, LOCAL_SCHEMA_VERSION } from './schema';
import i18next from 'i18next';
import { checkRecord, classifyWriteError, deleteRecord, restoreRecord, saveRecord } from './records';
import validationTh from '../i18n/validation.th.json';
import validationEn from '../i18n/validation.en.json';
import { RECORD_TABLES } from '../../shared/domain/tables';
import { fixtureRecord } from '../../shared/domain/fixtures';

const officer = { userId: uuidv7(), now: () => new Date('2025-03-10T03:00:00Z') };
const laoId = uuidv7();
let db: EplanDb;

const activity = (overrides: Record<string, unknown> = {}) => ({
  laoId,
  provinceCode: '99',
  fiscalYear: 2568,
  heldOn: '2025-03-01',
  kind: 'campaign',
  name: 'เดินรณรงค์ต้านยาเสพติด',
  budget: 1_500_000,
  participants: 120,
  result: null,
  enteredOnBehalf: true,
  ...overrides,
});

async function counts() {
  return { records: await db.antiDrugActivities.count(), outbox: await db.outbox.count(), history: await db.history.count() };
}

beforeEach(async () => {
  db = openLocalDb(`test-${uuidv7()}`);
  await db.laos.put({ id: laoId, code: '6999001', type: 'SAO', nameTh: 'อบต.ทดสอบ', nameEn: 'Test SAO', provinceCode: '99', districtCode: '9901' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('local database schema', () => {
  it('opens at the latest version with every record table, the outbox and history', async () => {
    await db.open();
    expect(db.verno).toBe(LOCAL_SCHEMA_VERSION);
    const names = db.tables.map((table) => table.name);
    for (const table of [...RECORD_TABLES, 'provinces', 'districts', 'laos', 'users', 'outbox', 'history', 'meta', 'drafts']) expect(names).toContain(table);
  });
});

describe('local database upgrades', () => {
  it('keeps every row when a version-1 database is opened by this version', async () => {
    const name = `upgrade-${uuidv7()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(LOCAL_SCHEMA[0]!.stores);
    await v1.open();
    await v1.table('antiDrugActivities').put({ id: 'a1', laoId, budget: 100 });
    await v1.table('outbox').add({ mutationId: 'm1', table: 'antiDrugActivities', recordId: 'a1' });
    v1.close();
    const upgraded = openLocalDb(name);
    await upgraded.open();
    expect(upgraded.verno).toBe(LOCAL_SCHEMA_VERSION);
    expect(await upgraded.antiDrugActivities.get('a1')).toMatchObject({ budget: 100 });
    expect(await upgraded.outbox.count()).toBe(1);
    expect(await upgraded.fieldVisits.count()).toBe(0);
    upgraded.close();
    await Dexie.delete(name);
  });
});

describe('saveRecord', () => {
  it('writes the record, one outbox entry and one history line together', async () => {
    const saved = await saveRecord(db, 'antiDrugActivities', activity(), officer);
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(await counts()).toEqual({ records: 1, outbox: 1, history: 1 });
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ table: 'antiDrugActivities', recordId: saved.value.id, baseVersion: 0, op: 'upsert', author: officer.userId });
    expect(entry!.changes.budget).toEqual({ old: null, new: 1_500_000 });
    expect(saved.value).toMatchObject({ version: 0, deleted: false, updatedBy: officer.userId, updatedAt: '2025-03-10T03:00:00.000Z', enteredOnBehalf: true });
  });

  it.each([
    ['a negative amount', { budget: -100 }, 'budget', 'amount.negative'],
    ['a date outside the fiscal year', { heldOn: '2025-10-01' }, 'heldOn', 'date.outsideFiscalYear'],
    ['a wrong type', { participants: 'many' }, 'participants', 'field.invalidType'],
    ['a missing name', { name: '' }, 'name', 'field.required'],
  ])('refuses %s with a field-level code and stores nothing', async (_label, overrides, path, code) => {
    const result = await saveRecord(db, 'antiDrugActivities', activity(overrides), officer);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect(result.error.code === 'VALIDATION_FAILED' && result.error.issues).toContainEqual(expect.objectContaining({ path, code }));
    expect(await counts()).toEqual({ records: 0, outbox: 0, history: 0 });
  });

  it("refuses a field visit credited to another officer, and a colleague's edit of one, offline with the server's code", async () => {
    const visit = (officerId: string) => ({
      laoId, provinceCode: '99', fiscalYear: 2568, visitedOn: '2025-03-05', officerId, purpose: 'follow_up', notes: null, categoriesEntered: [], enteredOnBehalf: false,
    });
    const forged = await saveRecord(db, 'fieldVisits', visit(uuidv7()), officer);
    expect(!forged.ok && forged.error.code === 'VALIDATION_FAILED' && forged.error.issues).toEqual([{ path: 'officerId', code: 'visit.notYours' }]);
    expect(await db.outbox.count()).toBe(0);
    const own = await saveRecord(db, 'fieldVisits', visit(officer.userId), officer);
    expect(own.ok).toBe(true);
    if (!own.ok) return;
    const colleague = { ...officer, userId: uuidv7(), role: 'officer' as const };
    const removed = await deleteRecord(db, 'fieldVisits', own.value.id, colleague);
    expect(!removed.ok && removed.error.code === 'VALIDATION_FAILED' && removed.error.issues).toEqual([{ path: 'officerId', code: 'visit.notYours' }]);
    const admin = { ...officer, userId: uuidv7(), role: 'admin' as const };
    expect((await saveRecord(db, 'fieldVisits', { ...own.value, notes: 'แก้ไขโดยผู้ดูแลระบบ' }, admin)).ok).toBe(true);
    expect(await db.outbox.count()).toBe(2);
  });

  it('refuses a record for an LAO that is not on this device', async () => {
    const result = await saveRecord(db, 'antiDrugActivities', activity({ laoId: uuidv7() }), officer);
    expect(!result.ok && result.error.code === 'VALIDATION_FAILED' && result.error.issues.map((issue) => issue.code)).toContain('lao.unknown');
    expect(await counts()).toEqual({ records: 0, outbox: 0, history: 0 });
  });

  it('refuses text with a NUL or a broken character on its field, in the officer\'s language, and queues nothing', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { th: { validation: validationTh }, en: { validation: validationEn } }, lng: 'th', ns: ['validation'], defaultNS: 'validation' });
    for (const [field, value] of [['name', 'เดินรณรงค์\u0000'], ['result', 'ผลดี \ud83d']] as const) {
      const result = await saveRecord(db, 'antiDrugActivities', activity({ [field]: value }), officer);
      const issues = !result.ok && result.error.code === 'VALIDATION_FAILED' ? result.error.issues : [];
      expect(issues).toEqual([{ path: field, code: 'text.invalid' }]);
      expect(await checkRecord(db, 'antiDrugActivities', activity({ [field]: value }))).toEqual(issues);
      expect(i18n.t(issues[0]!.code)).toBe(validationTh['text.invalid']);
      expect(i18n.t(issues[0]!.code, { lng: 'en' })).toBe(validationEn['text.invalid']);
    }
    expect(await counts()).toEqual({ records: 0, outbox: 0, history: 0 });
  });

  it('records only changed fields on edit, and nothing when nothing changed', async () => {
    const first = await saveRecord(db, 'antiDrugActivities', activity(), officer);
    if (!first.ok) throw new Error('setup failed');
    await saveRecord(db, 'antiDrugActivities', { ...first.value, participants: 150 }, officer);
    const entries = await db.outbox.toArray();
    expect(entries).toHaveLength(2);
    expect(Object.keys(entries[1]!.changes)).toEqual(['participants']);
    await saveRecord(db, 'antiDrugActivities', { ...first.value, participants: 150 }, officer);
    expect(await db.outbox.count()).toBe(2);
  });

  it('keeps the stored record when an edit is invalid', async () => {
    const first = await saveRecord(db, 'antiDrugActivities', activity(), officer);
    if (!first.ok) throw new Error('setup failed');
    const bad = await saveRecord(db, 'antiDrugActivities', { ...first.value, budget: -1 }, officer);
    expect(bad.ok).toBe(false);
    expect((await db.antiDrugActivities.get(first.value.id))?.budget).toBe(1_500_000);
    expect(await db.outbox.count()).toBe(1);
  });

  it('soft-deletes and restores through the same outbox', async () => {
    const first = await saveRecord(db, 'antiDrugActivities', activity(), officer);
    if (!first.ok) throw new Error('setup failed');
    await deleteRecord(db, 'antiDrugActivities', first.value.id, officer);
    expect((await db.antiDrugActivities.get(first.value.id))?.deleted).toBe(true);
    await restoreRecord(db, 'antiDrugActivities', first.value.id, officer);
    expect((await db.antiDrugActivities.get(first.value.id))?.deleted).toBe(false);
    expect((await db.history.toArray()).map((line) => line.op)).toEqual(['create', 'delete', 'restore']);
    expect((await db.outbox.toArray()).map((entry) => entry.op)).toEqual(['upsert', 'delete', 'upsert']);
  });
});

describe('one record per period', () => {
  it('refuses a second month of fiscal statistics for the same LAO and stores nothing', async () => {
    const { id: _id, version: _v, updatedAt: _u, updatedBy: _b, ...stats } = fixtureRecord('fiscalStats');
    const first = await saveRecord(db, 'fiscalStats', { ...stats, laoId, provinceCode: '99' }, officer);
    expect(first.ok).toBe(true);
    const second = await saveRecord(db, 'fiscalStats', { ...stats, laoId, provinceCode: '99' }, officer);
    expect(!second.ok && second.error.code === 'VALIDATION_FAILED' && second.error.issues.map((issue) => issue.code)).toContain('fiscalStats.duplicateMonth');
    expect(await db.fiscalStats.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('cross-record checks at entry (the rules the server enforces)', () => {
  const ordinance = (overrides: Record<string, unknown> = {}) => ({ ...fixtureRecord('ordinances'), id: uuidv7(), laoId, ...overrides });

  it('refuses a second ordinance of the year and a future-dated contract above its item, every issue at once, and checkRecord finds the same', async () => {
    const first = await saveRecord(db, 'ordinances', ordinance({ total: 100_000_000 }), officer);
    expect(first.ok).toBe(true);
    const second = ordinance();
    const refused = await saveRecord(db, 'ordinances', second, officer);
    expect(!refused.ok && refused.error.code === 'VALIDATION_FAILED' && refused.error.issues).toEqual([{ path: 'fiscalYear', code: 'ordinance.duplicateYear', params: { fy: 2568 } }]);
    expect(await checkRecord(db, 'ordinances', second)).toEqual([{ path: 'fiscalYear', code: 'ordinance.duplicateYear', params: { fy: 2568 } }]);
    // Editing the one held is no duplicate.
    expect(await checkRecord(db, 'ordinances', { ...ordinance(), id: first.ok ? first.value.id : '' })).toEqual([]);

    const item = await saveRecord(db, 'ordinanceItems', { ...fixtureRecord('ordinanceItems'), id: uuidv7(), laoId, ordinanceId: first.ok ? first.value.id : '', planProjectId: null, allocated: 85_000_000 }, officer);
    expect(item.ok).toBe(true);
    // officer's clock: 10 Mar 2025
    const contract = { ...fixtureRecord('contracts'), id: uuidv7(), laoId, ordinanceItemId: item.ok ? item.value.id : '', number: '', signedOn: '2025-03-11', amount: 90_000_000 };
    const result = await saveRecord(db, 'contracts', contract, officer);
    const issues = !result.ok && result.error.code === 'VALIDATION_FAILED' ? result.error.issues.map((i) => `${i.path}:${i.code}`).sort() : [];
    expect(issues).toEqual(['amount:contract.aboveAllocation', 'number:field.required', 'signedOn:date.inFuture']);
    expect(await db.contracts.count()).toBe(0);
  });
});

describe('a write that fails half-way', () => {
  it('rolls back the record when the outbox write hits a full disk, and says so', async () => {
    const quota = Object.assign(new Error('disk full'), { name: 'QuotaExceededError' });
    vi.spyOn(db.outbox, 'add').mockRejectedValueOnce(quota);
    const result = await saveRecord(db, 'antiDrugActivities', activity(), officer);
    expect(result).toEqual({ ok: false, error: { code: 'QUOTA_EXCEEDED' } });
    expect(await counts()).toEqual({ records: 0, outbox: 0, history: 0 });
  });
});

describe('classifyWriteError', () => {
  it('recognises a full disk, directly or wrapped by Dexie', () => {
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    expect(classifyWriteError(quota)).toEqual({ code: 'QUOTA_EXCEEDED' });
    expect(classifyWriteError(Object.assign(new Error('abort'), { name: 'AbortError', inner: quota }))).toEqual({ code: 'QUOTA_EXCEEDED' });
    expect(classifyWriteError(new Error('boom'))).toEqual({ code: 'WRITE_FAILED', message: 'boom' });
  });
});

describe('a save based on what the user saw', () => {
  /** The record as a pull lands it: a colleague's rename, committed on the server as version 3. */
  async function pulledRename(seen: Record<string, unknown>, name: string) {
    await db.antiDrugActivities.put({ ...seen, name, version: 3, updatedAt: '2025-03-10T04:00:00.000Z', updatedBy: uuidv7() } as never);
  }

  async function openedThenRenamedUnderneath() {
    const created = await saveRecord(db, 'antiDrugActivities', activity(), officer);
    if (!created.ok) throw new Error('not saved');
    const seen = { ...created.value, version: 2 };
    await db.antiDrugActivities.put(seen);
    await db.outbox.clear();
    await pulledRename(seen, 'ชื่อใหม่จากเพื่อนร่วมงาน');
    return seen;
  }

  it('keeps a rename pulled while the form was open and sends only the field the user changed', async () => {
    const seen = await openedThenRenamedUnderneath();
    // The form still shows the old name; the user changes the participants only.
    const result = await saveRecord(db, 'antiDrugActivities', { ...activity(), id: seen.id, participants: 77 }, officer, seen);
    expect(result.ok).toBe(true);
    const stored = await db.antiDrugActivities.get(seen.id);
    expect(stored).toMatchObject({ name: 'ชื่อใหม่จากเพื่อนร่วมงาน', participants: 77 });
    const [entry] = await db.outbox.toArray();
    expect(entry!.changes).toEqual({ participants: { old: 120, new: 77 } });
  });

  it('sends a field both changed with the value the user saw, so the server keeps its value and raises a conflict', async () => {
    const seen = await openedThenRenamedUnderneath();
    const result = await saveRecord(db, 'antiDrugActivities', { ...activity(), id: seen.id, name: 'ชื่อของฉัน' }, officer, seen);
    expect(result.ok).toBe(true);
    const [entry] = await db.outbox.toArray();
    expect(entry!.changes).toEqual({ name: { old: 'เดินรณรงค์ต้านยาเสพติด', new: 'ชื่อของฉัน' } });
  });

  it('without what the user saw, the stored record is the base (deletes, restores)', async () => {
    const seen = await openedThenRenamedUnderneath();
    await deleteRecord(db, 'antiDrugActivities', seen.id, officer);
    const [entry] = await db.outbox.toArray();
    expect(entry!.changes).toEqual({ deleted: { old: false, new: true } });
  });
});
