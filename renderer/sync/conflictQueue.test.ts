import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { FIXTURE_IDS, fixtureRecord } from '../../shared/domain/fixtures';
import type { SyncConflict } from '../../shared/sync/protocol';
import { openLocalDb, type EplanDb, type StoredRecord } from '../data/db';
import { SyncError, type SyncApi } from './api';
import { fetchServerConflicts, queuedResolutions, resolveLocally, sendQueuedResolutions } from './conflictQueue';
import { openConflicts } from './conflictResolution';

const officer = { userId: uuidv7(), now: () => new Date('2025-07-01T03:00:00Z') };
const record = { ...fixtureRecord('antiDrugActivities'), version: 3 } as StoredRecord;
let db: EplanDb;

function conflict(overrides: Partial<SyncConflict> = {}): SyncConflict {
  return {
    id: uuidv7(),
    table: 'antiDrugActivities',
    recordId: record.id,
    provinceCode: '99',
    laoId: FIXTURE_IDS.lao,
    kind: 'fields',
    fields: { budget: { base: 1_500_000, server: 2_000_000, client: 2_500_000 } },
    serverVersion: 3,
    mutationId: uuidv7(),
    author: uuidv7(),
    deviceId: 'device-other-01',
    clientTime: '2025-07-01T02:00:00.000Z',
    createdAt: '2025-07-01T02:10:00.000Z',
    resolvedAt: null,
    resolvedBy: null,
    ...overrides,
  };
}

/** A server that answers resolve calls from a script; every call is recorded. */
function fakeServer(answer: (id: string) => SyncConflict | SyncError) {
  const calls: string[] = [];
  const api: Pick<SyncApi, 'resolveConflict'> = {
    resolveConflict: async (id) => {
      calls.push(id);
      const result = answer(id);
      if (result instanceof SyncError) throw result;
      return { conflict: result };
    },
  };
  return { api, calls };
}

async function open(): Promise<SyncConflict[]> {
  return openConflicts(await db.conflicts.toArray(), await queuedResolutions(db));
}

beforeEach(async () => {
  db = openLocalDb(`conflicts-${uuidv7()}`);
  await db.laos.put({ id: FIXTURE_IDS.lao, code: '6999001', type: 'SAO', nameTh: 'อบต.ทดสอบ', nameEn: 'Test SAO', provinceCode: '99', districtCode: '9901' });
  await db.antiDrugActivities.put(record);
});
afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

describe('resolving on the device', () => {
  it('writes the chosen value through saveRecord (outbox + history) and queues the decision', async () => {
    const c = conflict();
    await db.conflicts.put(c);
    const result = await resolveLocally(db, c, { kind: 'fields', fields: { budget: { side: 'client' } } }, officer);
    expect(result.ok).toBe(true);
    expect((await db.antiDrugActivities.get(record.id))?.budget).toBe(2_500_000);
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ recordId: record.id, baseVersion: 3, changes: { budget: { old: 2_000_000, new: 2_500_000 } } });
    expect(await db.history.count()).toBe(1);
    expect(await queuedResolutions(db)).toEqual([{ conflictId: c.id, at: '2025-07-01T03:00:00.000Z', by: officer.userId, mutationId: entry!.mutationId }]);
    // Offline it no longer shows as open, though the table still holds the server's open copy.
    expect(await open()).toEqual([]);
  });

  it("keeps a colleague's change pulled while the choice was being saved (the record the choice was built on is the base)", async () => {
    const c = conflict();
    await db.conflicts.put(c);
    const store = db.table<StoredRecord, string>('antiDrugActivities');
    const read = store.get.bind(store);
    // The pull lands right after the choice read the record, before its save.
    const landed = async (key: string) => {
      const found = await read(key);
      await db.antiDrugActivities.put({ ...found!, participants: 999, version: 4 });
      return found;
    };
    vi.spyOn(store, 'get').mockImplementationOnce(landed as unknown as typeof store.get);
    expect((await resolveLocally(db, c, { kind: 'fields', fields: { budget: { side: 'client' } } }, officer)).ok).toBe(true);
    expect(await db.antiDrugActivities.get(record.id)).toMatchObject({ budget: 2_500_000, participants: 999 });
    expect(Object.keys((await db.outbox.toArray())[0]!.changes)).toEqual(['budget']);
  });

  it('keeping the server value writes nothing and only queues the decision', async () => {
    const c = conflict();
    await db.conflicts.put(c);
    expect(await resolveLocally(db, c, { kind: 'fields', fields: { budget: { side: 'server' } } }, officer)).toEqual({ ok: true, record: null });
    expect(await db.outbox.count()).toBe(0);
    expect((await queuedResolutions(db)).map((q) => q.conflictId)).toEqual([c.id]);
  });

  it('refuses a typed value the shared schema refuses, and leaves the conflict open', async () => {
    const c = conflict();
    await db.conflicts.put(c);
    const result = await resolveLocally(db, c, { kind: 'fields', fields: { budget: { side: 'custom', value: -5 } } }, officer);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('VALIDATION_FAILED');
    expect(!result.ok && result.error.code === 'VALIDATION_FAILED' && result.error.issues.map((i) => i.path)).toContain('budget');
    expect((await db.antiDrugActivities.get(record.id))?.budget).toBe(2_000_000);
    expect(await db.outbox.count()).toBe(0);
    expect(await queuedResolutions(db)).toEqual([]);
    expect((await open()).map((x) => x.id)).toEqual([c.id]);
  });

  it('restores a deleted record with the edit', async () => {
    await db.antiDrugActivities.put({ ...record, deleted: true });
    const c = conflict({ kind: 'edit_vs_delete', fields: { participants: { base: 150, server: 150, client: 175 } } });
    const result = await resolveLocally(db, c, { kind: 'record', keep: 'client' }, officer);
    expect(result.ok).toBe(true);
    expect(await db.antiDrugActivities.get(record.id)).toMatchObject({ deleted: false, participants: 175 });
    expect((await db.history.toArray()).map((h) => h.op)).toEqual(['restore']);
  });
});

describe('sending queued decisions at the next sync', () => {
  it('sends each once, stores the server’s resolved copy and empties the queue', async () => {
    const c = conflict();
    await db.conflicts.put(c);
    await resolveLocally(db, c, { kind: 'fields', fields: { budget: { side: 'server' } } }, officer);
    const server = fakeServer((id) => ({ ...c, id, resolvedAt: '2025-07-01T04:00:00.000Z', resolvedBy: officer.userId }));
    expect(await sendQueuedResolutions(db, server.api, officer.userId)).toEqual({ sent: 1, dropped: 0 });
    expect(server.calls).toEqual([c.id]);
    expect(await queuedResolutions(db)).toEqual([]);
    expect((await db.conflicts.get(c.id))?.resolvedAt).toBe('2025-07-01T04:00:00.000Z');
    expect(await sendQueuedResolutions(db, server.api, officer.userId)).toEqual({ sent: 0, dropped: 0 });
    expect(server.calls).toHaveLength(1);
  });

  it('keeps the queue when the network fails, and rethrows so the engine retries', async () => {
    const c = conflict();
    await db.conflicts.put(c);
    await resolveLocally(db, c, { kind: 'fields', fields: { budget: { side: 'server' } } }, officer);
    const down = fakeServer(() => new SyncError('NETWORK'));
    await expect(sendQueuedResolutions(db, down.api, officer.userId)).rejects.toMatchObject({ code: 'NETWORK' });
    const failing = fakeServer(() => new SyncError('SERVER_ERROR', 503));
    await expect(sendQueuedResolutions(db, failing.api, officer.userId)).rejects.toMatchObject({ code: 'SERVER_ERROR' });
    expect((await queuedResolutions(db)).map((q) => q.conflictId)).toEqual([c.id]);
    expect(await open()).toEqual([]);
  });

  it('drops a decision the server will never take (unknown conflict, or not this user’s to resolve)', async () => {
    const gone = conflict();
    const ours = conflict();
    await db.conflicts.bulkPut([gone, ours]);
    await resolveLocally(db, gone, { kind: 'fields', fields: {} }, officer);
    await resolveLocally(db, ours, { kind: 'fields', fields: {} }, officer);
    const server = fakeServer((id) => (id === gone.id ? new SyncError('BAD_RESPONSE', 404) : { ...ours, resolvedAt: 'now', resolvedBy: 'me' }));
    expect(await sendQueuedResolutions(db, server.api, officer.userId)).toEqual({ sent: 1, dropped: 1 });
    expect(await queuedResolutions(db)).toEqual([]);
  });
});

describe('a decision goes after what it chose', () => {
  const chooseClient = { kind: 'fields', fields: { budget: { side: 'client' } } } as const;
  const resolvedBy = (c: SyncConflict) => fakeServer((id) => ({ ...c, id, resolvedAt: '2025-07-01T04:00:00.000Z', resolvedBy: officer.userId }));

  it('waits while the chosen value is in the outbox, and goes once the server took it', async () => {
    const c = conflict();
    await db.conflicts.put(c);
    expect((await resolveLocally(db, c, chooseClient, officer)).ok).toBe(true);
    const [carrier] = await db.outbox.toArray();
    expect((await queuedResolutions(db))[0]?.mutationId).toBe(carrier!.mutationId);
    const server = resolvedBy(c);
    expect(await sendQueuedResolutions(db, server.api, officer.userId)).toEqual({ sent: 0, dropped: 0 });
    expect(server.calls).toEqual([]);
    await db.outbox.delete(carrier!.seq!); // pushed and applied
    expect(await sendQueuedResolutions(db, server.api, officer.userId)).toEqual({ sent: 1, dropped: 0 });
    expect(server.calls).toEqual([c.id]);
  });

  it('is dropped, the conflict open again, when the server refused the chosen value', async () => {
    const c = conflict();
    await db.conflicts.put(c);
    await resolveLocally(db, c, chooseClient, officer);
    const [carrier] = await db.outbox.toArray();
    await db.outbox.update(carrier!.seq!, { rejected: { code: 'PERIOD_SIGNED_OFF', at: '2025-07-01T04:00:00.000Z', by: officer.userId } });
    expect(await open()).toEqual([]);
    const server = resolvedBy(c);
    expect(await sendQueuedResolutions(db, server.api, officer.userId)).toEqual({ sent: 0, dropped: 1 });
    expect(server.calls).toEqual([]);
    expect((await open()).map((o) => o.id)).toEqual([c.id]);
  });

  it("another user's decision waits for its author, as their outbox entries do", async () => {
    const c = conflict();
    await db.conflicts.put(c);
    await resolveLocally(db, c, { kind: 'fields', fields: { budget: { side: 'server' } } }, officer);
    const server = resolvedBy(c);
    expect(await sendQueuedResolutions(db, server.api, uuidv7())).toEqual({ sent: 0, dropped: 0 });
    expect(server.calls).toEqual([]);
    expect(await sendQueuedResolutions(db, server.api, officer.userId)).toEqual({ sent: 1, dropped: 0 });
  });
});

describe('conflicts listed by the server', () => {
  it('adds those this device never pulled, without reopening one resolved here', async () => {
    const resolvedHere = conflict({ resolvedAt: '2025-07-01T05:00:00.000Z', resolvedBy: 'me' });
    const unseen = conflict();
    await db.conflicts.put(resolvedHere);
    const api: Pick<SyncApi, 'listConflicts'> = { listConflicts: async () => ({ conflicts: [{ ...resolvedHere, resolvedAt: null, resolvedBy: null }, unseen] }) };
    expect(await fetchServerConflicts(db, api, ['99'])).toBe(1);
    expect((await open()).map((c) => c.id)).toEqual([unseen.id]);
    expect((await db.conflicts.get(resolvedHere.id))?.resolvedAt).not.toBeNull();
  });
});
