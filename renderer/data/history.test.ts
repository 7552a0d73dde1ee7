import 'fake-indexeddb/auto';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordHistoryEntry } from '../../shared/sync/history';
import { openLocalDb, type EplanDb } from './db';
import { localHistory, mergeHistory, withAuthorNames } from './history';
import { saveRecord } from './records';

const officerId = uuidv7();
const supervisorId = uuidv7();
const laoId = uuidv7();
let db: EplanDb;

const at = (iso: string) => ({ userId: officerId, now: () => new Date(iso) });
const activity = {
  laoId, provinceCode: '99', fiscalYear: 2568, heldOn: '2025-03-01', kind: 'campaign', name: 'เดินรณรงค์', budget: 1_500_000, participants: 120, result: null, enteredOnBehalf: true,
};

/** What the server answers for a write the laptop pushed: its author and device time, a version and the server's time. */
const accepted = (version: number, clientTime: string, userId = officerId, op: RecordHistoryEntry['op'] = 'update'): RecordHistoryEntry => ({
  version, op, userId, deviceId: 'laptop-1', at: new Date(Date.parse(clientTime) + 60_000).toISOString(), clientTime, changes: { participants: { old: 1, new: 2 } }, enteredOnBehalf: true,
});

beforeEach(async () => {
  db = openLocalDb(`test-${uuidv7()}`);
  await db.laos.put({ id: laoId, code: '6999001', type: 'SAO', nameTh: 'อบต.ทดสอบ', nameEn: 'Test SAO', provinceCode: '99', districtCode: '9901' });
  await db.users.bulkPut([
    { id: officerId, username: 'officer', displayName: 'สมชาย ใจดี', role: 'officer', provinceCodes: ['99'], laoIds: null },
    { id: supervisorId, username: 'supervisor', displayName: 'สมหญิง หัวหน้า', role: 'supervisor', provinceCodes: ['99'], laoIds: null },
  ] as never[]);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

/** Saves the record at three times; returns its id. The first two are pushed (their outbox entries gone). */
async function threeSaves(): Promise<string> {
  const created = await saveRecord(db, 'antiDrugActivities', activity, at('2025-03-10T03:00:00.000Z'));
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const id = created.value.id;
  await saveRecord(db, 'antiDrugActivities', { ...created.value, participants: 130 }, at('2025-03-11T03:00:00.000Z'));
  await saveRecord(db, 'antiDrugActivities', { ...created.value, participants: 140 }, at('2025-03-12T03:00:00.000Z'));
  const outbox = await db.outbox.orderBy('seq').toArray();
  await db.outbox.bulkDelete(outbox.slice(0, 2).map((entry) => entry.seq!));
  return id;
}

describe('a record\'s history on a laptop', () => {
  it('offline: the laptop\'s own lines, newest first, those still in the outbox marked pending', async () => {
    const id = await threeSaves();
    const lines = mergeHistory(await localHistory(db, 'antiDrugActivities', id), null);
    expect(lines.map((line) => [line.at, line.op, line.pending])).toEqual([
      ['2025-03-12T03:00:00.000Z', 'update', true],
      ['2025-03-11T03:00:00.000Z', 'update', false],
      ['2025-03-10T03:00:00.000Z', 'create', false],
    ]);
  });

  it('online: the server\'s entries (others\' included) once each, the pending change on top, nothing the server did not accept', async () => {
    const id = await threeSaves();
    const local = await localHistory(db, 'antiDrugActivities', id);
    // The outbox entry's device time is its history line's time: that is how the two are matched.
    const pushedTimes = local.lines.map((line) => line.at);
    const server = [
      accepted(1, pushedTimes[0]!, officerId, 'create'),
      accepted(2, '2025-03-11T05:00:00.000Z', supervisorId),
      // The laptop's second save (11 March 03:00) was refused: no entry.
    ];
    const lines = mergeHistory(local, server);
    expect(lines.map((line) => [line.key, line.by, line.op, line.pending])).toEqual([
      [expect.stringMatching(/^local-/), officerId, 'update', true],
      ['server-2', supervisorId, 'update', false],
      ['server-1', officerId, 'create', false],
    ]);
    expect(lines[1]!.at).toBe('2025-03-11T05:01:00.000Z'); // the server's time
  });

  it('keeps the laptop\'s lines from before the server kept history, below the server\'s', async () => {
    const id = await threeSaves();
    const local = await localHistory(db, 'antiDrugActivities', id);
    const lines = mergeHistory(local, [accepted(7, '2025-03-12T03:00:00.000Z')]);
    // The pending save is now on the server (pushed, its answer not yet back): shown once, as the server's.
    expect(lines.map((line) => [line.key, line.at.slice(0, 10)])).toEqual([
      ['server-7', '2025-03-12'],
      [expect.stringMatching(/^local-/), '2025-03-11'],
      [expect.stringMatching(/^local-/), '2025-03-10'],
    ]);
  });

  it('an empty server history (a record the server had before it kept history) leaves the laptop\'s lines', async () => {
    const id = await threeSaves();
    expect(mergeHistory(await localHistory(db, 'antiDrugActivities', id), [])).toHaveLength(3);
  });

  it('names the authors the laptop\'s reference data knows', async () => {
    const id = await threeSaves();
    const stranger = uuidv7();
    const lines = await withAuthorNames(db, mergeHistory(await localHistory(db, 'antiDrugActivities', id), [accepted(2, '2025-03-11T09:00:00.000Z', supervisorId), accepted(1, '2025-03-09T00:00:00.000Z', stranger, 'create')]));
    expect(lines.map((line) => line.byName)).toEqual(['สมชาย ใจดี', 'สมหญิง หัวหน้า', null]);
  });

  it('stamps the laptop\'s user as the creator of a new record, and keeps it on later saves', async () => {
    const id = await threeSaves();
    expect((await db.antiDrugActivities.get(id))!.createdBy).toBe(officerId);
  });
});
