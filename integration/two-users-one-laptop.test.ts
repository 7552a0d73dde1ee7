/**
 * Two users on one laptop (issue 13, case 3), the real client against the
 * real server: an officer's unsynced work never goes out under another
 * user's token, waits counted while the other user works, and is sent when
 * its author signs in again; the other user sees nothing outside their LAOs.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openLocalDb, type EplanDb, type StoredRecord } from '../renderer/data/db';
import { saveRecord } from '../renderer/data/records';
import { createSyncApi } from '../renderer/sync/api';
import { SyncEngine } from '../renderer/sync/engine';
import { login } from '../renderer/sync/login';
import { countOutbox } from '../renderer/sync/owners';
import { LAO_A, LAO_B, P1, sampleRecord, startTestServer, type TestServer } from './testServer';

let server: TestServer;
let db: EplanDb;
let token: string | null = null;
const platform = { storeToken: async (t: string) => void (token = t), readToken: async () => token, clearToken: async () => void (token = null) };

const signIn = async (username: string) =>
  (await login({ db, platform, fetch: server.fetch }, { username, password: server.password, serverUrl: 'http://sync.test' })).user.id;
const engine = () =>
  new SyncEngine({ db, api: async () => createSyncApi({ baseUrl: 'http://sync.test', token, fetch: server.fetch }), random: () => 0.5, setTimer: () => 'timer', clearTimer: () => {} });
const activities = () => db.table<StoredRecord, string>('antiDrugActivities');

async function entered(userId: string, laoId: string, name: string): Promise<StoredRecord> {
  const saved = await saveRecord(db, 'antiDrugActivities', { ...sampleRecord('antiDrugActivities', laoId, P1), name }, { userId });
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  return saved.value;
}

async function mutationsBy(userId: string): Promise<number> {
  const { rows } = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_mutations WHERE user_id = $1', [userId]);
  return rows[0]!.n;
}

beforeAll(async () => {
  server = await startTestServer();
  db = openLocalDb(`laptop-${uuidv7()}`);
});
afterAll(async () => {
  db.close();
  await server.close();
});

describe('two users on one laptop', () => {
  it("keeps the first user's unsynced work for them, shows the second only their LAOs, and sends the work when its author is back", async () => {
    // Officer A (LAO A) syncs one record, then saves two more offline.
    const officerA = await signIn('officerA');
    await entered(officerA, LAO_A, 'synced by A');
    expect(await engine().sync()).toBe(true);
    const pending = [await entered(officerA, LAO_A, 'A offline 1'), await entered(officerA, LAO_A, 'A offline 2')];
    // An earlier version of the app pushed A's entry with B's token: refused for who pushed it.
    const [first] = await db.outbox.orderBy('seq').toArray();
    await db.outbox.update(first!.seq!, { rejected: { code: 'FORBIDDEN', at: '2026-01-01T00:00:00.000Z' } });

    // Officer B (LAO B) signs in on the same laptop and syncs.
    const officerB = await signIn('officerB');
    expect(await engine().sync()).toBe(true);
    expect(await mutationsBy(officerB)).toBe(0);
    expect(await db.outbox.count()).toBe(2);
    expect(countOutbox(await db.outbox.toArray(), officerB)).toEqual({ pending: 0, rejected: 0, waiting: 2 });
    // B's laptop shows only LAO B; of LAO A only the records A's waiting work needs stay (out of sight).
    expect((await db.laos.toArray()).map((lao) => lao.id)).toEqual([LAO_B]);
    expect((await activities().where('laoId').equals(LAO_A).toArray()).map((r) => r.name).sort()).toEqual(['A offline 1', 'A offline 2']);
    // B works as usual: B's own entry goes out, A's still wait.
    await entered(officerB, LAO_B, 'B online');
    expect(await engine().sync()).toBe(true);
    expect(await mutationsBy(officerB)).toBe(1);
    expect(countOutbox(await db.outbox.toArray(), officerB)).toEqual({ pending: 0, rejected: 0, waiting: 2 });

    // A signs in again: both entries go, as A, the refused one included.
    expect(await signIn('officerA')).toBe(officerA);
    expect(countOutbox(await db.outbox.toArray(), officerA)).toEqual({ pending: 2, rejected: 0, waiting: 0 });
    expect(await engine().sync()).toBe(true);
    expect(await db.outbox.count()).toBe(0);
    expect(await mutationsBy(officerA)).toBe(3);
    const { rows } = await server.db.query<{ id: string }>('SELECT id FROM records WHERE id = ANY($1::uuid[])', [pending.map((r) => r.id)]);
    expect(rows).toHaveLength(2);
    // And A's laptop shows A's LAO again, not B's.
    expect((await db.laos.toArray()).map((lao) => lao.id)).toEqual([LAO_A]);
    expect(await activities().where('laoId').equals(LAO_B).count()).toBe(0);
    expect(await activities().where('laoId').equals(LAO_A).count()).toBeGreaterThanOrEqual(3);
  });
});
