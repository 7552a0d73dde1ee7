import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { SignOff } from '../../shared/calendar/index';
import { storeSignOffs } from '../sync/login';
import { openLocalDb, type EplanDb } from './db';
import { saveRecord } from './records';

const officer = { userId: uuidv7(), now: () => new Date('2025-03-10T03:00:00Z') };
const laoId = uuidv7();
const otherLao = uuidv7();
let db: EplanDb;

const signOff = (overrides: Partial<SignOff> = {}): SignOff => ({
  id: uuidv7(), provinceCode: '99', laoId, fiscalYear: 2568, taskId: 'monthly-anti-drug', rule: { kind: 'antiDrugCurrent' }, month: { year: 2025, month: 2 },
  signedBy: uuidv7(), signedAt: '2025-03-05T03:00:00.000Z', note: '', reopenedBy: null, reopenedAt: null, reopenReason: null, ...overrides,
});
const activity = (heldOn: string, lao = laoId) => ({
  laoId: lao, provinceCode: '99', fiscalYear: 2568, heldOn, kind: 'campaign', name: 'เดินรณรงค์', budget: 1_500_000, participants: 120, result: 'ผ่าน', enteredOnBehalf: false,
});

beforeEach(async () => {
  db = openLocalDb(`signoffs-${uuidv7()}`);
  for (const id of [laoId, otherLao]) await db.laos.put({ id, code: id.slice(-7), type: 'SAO', nameTh: 'อบต.', nameEn: 'SAO', provinceCode: '99', districtCode: '9901' });
});

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('a signed-off period on the laptop', () => {
  it('refuses offline, as the server would, an edit to what the sign-off locks, writing nothing; reopened, the edit goes through', async () => {
    const held = await saveRecord(db, 'antiDrugActivities', activity('2025-02-10'), officer);
    expect(held.ok).toBe(true);
    const locked = signOff();
    await storeSignOffs(db, [locked], [laoId, otherLao]);
    const outbox = await db.outbox.count();
    const edit = await saveRecord(db, 'antiDrugActivities', { ...(held.ok ? held.value : {}), participants: 150 }, officer);
    expect(edit).toEqual({ ok: false, error: { code: 'PERIOD_SIGNED_OFF', signOff: locked } });
    // A new activity held in the signed-off month, too; one held after it, or at another LAO, is saved.
    expect((await saveRecord(db, 'antiDrugActivities', activity('2025-02-20'), officer)).ok).toBe(false);
    expect((await saveRecord(db, 'antiDrugActivities', activity('2025-03-01'), officer)).ok).toBe(true);
    expect((await saveRecord(db, 'antiDrugActivities', activity('2025-02-20', otherLao), officer)).ok).toBe(true);
    expect(await db.outbox.count()).toBe(outbox + 2);

    await storeSignOffs(db, [{ ...locked, reopenedAt: '2025-03-06T03:00:00.000Z', reopenedBy: locked.signedBy, reopenReason: 'แก้จำนวน' }], [laoId, otherLao]);
    expect((await saveRecord(db, 'antiDrugActivities', { ...(held.ok ? held.value : {}), participants: 150 }, officer)).ok).toBe(true);
  });

  it('stores only sign-offs the shared schema accepts, and forgets those the server no longer sends for its LAOs', async () => {
    const kept = signOff();
    const dropped = signOff();
    const elsewhere = signOff({ laoId: uuidv7() });
    await storeSignOffs(db, [kept, dropped, elsewhere, { ...signOff(), rule: { kind: 'nonsense' } }, 'junk', null]);
    expect((await db.signOffs.toArray()).map((s) => s.id).sort()).toEqual([kept.id, dropped.id, elsewhere.id].sort());
    await storeSignOffs(db, [kept], [laoId]);
    // The server answered for laoId only: the other LAO's sign-off is not its to drop.
    expect((await db.signOffs.toArray()).map((s) => s.id).sort()).toEqual([kept.id, elsewhere.id].sort());
  });
});
