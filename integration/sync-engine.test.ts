import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openLocalDb, type EplanDb, type StoredRecord } from '../renderer/data/db';
import { saveRecord } from '../renderer/data/records';
import { createSyncApi } from '../renderer/sync/api';
import { SyncEngine } from '../renderer/sync/engine';
import { login, logout } from '../renderer/sync/login';
import { META, readMeta } from '../renderer/sync/meta';
import { localChecksum } from '../renderer/sync/checksumCache';
import { syncScope } from '../renderer/sync/pull';
import { discardRejected } from '../renderer/sync/push';
import { LAO_A, LAO_B, P1, sampleRecord, startTestServer, type TestServer } from './testServer';
import { compactChangeLog } from '../server/sync/changelog';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../shared/sync/protocol';

interface Client {
  db: EplanDb;
  engine: SyncEngine;
  userId: string;
}

let server: TestServer;
const clients: EplanDb[] = [];

async function client(username: string): Promise<Client> {
  const db = openLocalDb(`client-${uuidv7()}`);
  clients.push(db);
  let token: string | null = null;
  const platform = { storeToken: async (t: string) => void (token = t), readToken: async () => token, clearToken: async () => void (token = null) };
  const session = await login({ db, platform, fetch: server.fetch }, { username, password: server.password, serverUrl: 'http://sync.test' });
  const engine = new SyncEngine({
    db,
    api: async () => createSyncApi({ baseUrl: 'http://sync.test', token, fetch: server.fetch }),
    pageSize: 3,
    random: () => 0.5,
    setTimer: () => 'timer',
    clearTimer: () => {},
  });
  return { db, engine, userId: session.user.id };
}

const visits = (db: EplanDb) => db.table<StoredRecord, string>('fieldVisits');

async function logVisit(c: Client, overrides: Record<string, unknown> = {}): Promise<StoredRecord> {
  const saved = await saveRecord(c.db, 'fieldVisits', { ...sampleRecord('fieldVisits', LAO_A, P1), officerId: c.userId, ...overrides }, { userId: c.userId });
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  return saved.value;
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const db of clients) db.close();
  await server.close();
});

describe('sync engine against the real server', () => {
  it('pushes the outbox, survives a lost response, and a second client converges', async () => {
    const a = await client('officer');
    expect(await a.engine.sync()).toBe(true);
    const visit = await logVisit(a, { notes: 'first' });
    // The response is lost: the server applied the batch, the client never heard.
    const realFetch = server.fetch;
    let lose = true;
    server.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (lose && String(input).includes('/push')) {
        lose = false;
        throw new TypeError('connection reset');
      }
      return response;
    };
    expect(await a.engine.sync()).toBe(false);
    expect(a.engine.getStatus()).toMatchObject({ phase: 'error', error: 'NETWORK', failures: 1 });
    expect(await a.db.outbox.count()).toBe(1);
    expect(await a.engine.sync()).toBe(true);
    server.fetch = realFetch;
    expect(await a.db.outbox.count()).toBe(0);
    expect((await visits(a.db).get(visit.id))?.version).toBe(1);
    const applied = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_mutations');
    expect(applied.rows[0]!.n).toBe(1);

    const b = await client('supervisor');
    expect(await b.engine.sync()).toBe(true);
    expect((await visits(b.db).get(visit.id))?.notes).toBe('first');
    expect(await localChecksum(b.db, P1)).toBe(await localChecksum(a.db, P1));
    expect(await readMeta(b.db, META.lastSyncAt)).toBeTruthy();
  });

  it('rebases: a pulled record keeps the fields still waiting in the outbox', async () => {
    const a = await client('officer');
    const b = await client('officer');
    await a.engine.sync();
    const visit = await logVisit(a, { notes: 'base' });
    await a.engine.sync();
    await b.engine.sync();
    // B edits the purpose offline; A edits the notes and syncs.
    const onB = (await visits(b.db).get(visit.id))!;
    await saveRecord(b.db, 'fieldVisits', { ...onB, purpose: 'training' }, { userId: b.userId });
    await saveRecord(a.db, 'fieldVisits', { ...(await visits(a.db).get(visit.id))!, notes: 'from A' }, { userId: a.userId });
    await a.engine.sync();
    // B pulls before pushing: server state with B's pending field on top.
    await syncScope(b.db, createSyncApi({ baseUrl: 'http://x', fetch: server.fetch, token: await tokenOf(b) }), P1);
    const rebased = (await visits(b.db).get(visit.id))!;
    expect(rebased).toMatchObject({ notes: 'from A', purpose: 'training', version: 2 });
    expect(await b.db.outbox.count()).toBe(1);
    await b.engine.sync();
    await a.engine.sync();
    const onServer = (await visits(a.db).get(visit.id))!;
    expect(onServer).toMatchObject({ notes: 'from A', purpose: 'training', version: 3 });
    expect((await visits(b.db).get(visit.id))!.version).toBe(3);
  });

  it('on a real conflict keeps the server value and the conflict for review', async () => {
    const a = await client('officer');
    const b = await client('officer');
    await a.engine.sync();
    const visit = await logVisit(a, { notes: 'base' });
    await a.engine.sync();
    await b.engine.sync();
    await saveRecord(a.db, 'fieldVisits', { ...(await visits(a.db).get(visit.id))!, notes: 'A wins' }, { userId: a.userId });
    await saveRecord(b.db, 'fieldVisits', { ...(await visits(b.db).get(visit.id))!, notes: 'B differs' }, { userId: b.userId });
    await a.engine.sync();
    expect(await b.engine.sync()).toBe(true);
    expect(await b.db.outbox.count()).toBe(0);
    expect((await visits(b.db).get(visit.id))!.notes).toBe('A wins');
    const [conflict] = await b.db.conflicts.toArray();
    expect(conflict?.fields.notes).toMatchObject({ server: 'A wins', client: 'B differs' });
    await a.engine.sync();
    expect(await a.db.conflicts.count()).toBe(1);
  });

  it('keeps a rejected entry flagged with its code and values, rolls the record back, and goes on syncing', async () => {
    const limited = await client('officera');
    await limited.engine.sync();
    // An LAO outside the officer's assignment, known locally (e.g. from an old assignment).
    await limited.db.laos.put({ id: LAO_B, code: '9900002', type: 'SAO', nameTh: 'อบต.บี', provinceCode: P1, districtCode: '9901' });
    const saved = await saveRecord(limited.db, 'fieldVisits', { ...sampleRecord('fieldVisits', LAO_B, P1), officerId: limited.userId, notes: 'typed offline' }, { userId: limited.userId });
    expect(saved.ok).toBe(true);
    expect(await limited.engine.sync()).toBe(true);
    const [entry] = await limited.db.outbox.toArray();
    expect(entry?.rejected?.code).toBe('FORBIDDEN');
    // The server never took the visit: it is off the screen, its values kept in the entry.
    expect(await visits(limited.db).get(saved.ok ? saved.value.id : '')).toBeUndefined();
    expect(entry?.changes.notes?.new).toBe('typed offline');
    expect(await limited.engine.sync()).toBe(true);
    expect(await limited.db.outbox.count()).toBe(1);
    // Only a refused entry is left: the laptop's rows are checked against the server's again.
    expect(await readMeta(limited.db, META.verifiedChecksum(P1))).toBe(await localChecksum(limited.db, P1));
    await discardRejected(limited.db, entry!.seq!);
    expect(await limited.db.outbox.count()).toBe(0);
    expect(await limited.engine.sync()).toBe(true);
    expect(await readMeta(limited.db, META.verifiedChecksum(P1))).toBe(await localChecksum(limited.db, P1));
  });

  it("rolls a supervisor's refused edit back to the server's value, and a pull does not bring it back", async () => {
    const officer = await client('officer');
    const supervisor = await client('supervisor');
    await officer.engine.sync();
    const visit = await logVisit(officer, { notes: 'from the officer' });
    await officer.engine.sync();
    await supervisor.engine.sync();
    // Written as an older laptop (or a forced entry) would: the server refuses supervisors' writes.
    const seen = (await visits(supervisor.db).get(visit.id))!;
    await supervisor.db.transaction('rw', [visits(supervisor.db), supervisor.db.outbox], async () => {
      await visits(supervisor.db).put({ ...seen, notes: 'from the supervisor' });
      await supervisor.db.outbox.add({
        mutationId: uuidv7(), table: 'fieldVisits', recordId: visit.id, op: 'upsert', baseVersion: seen.version,
        changes: { notes: { old: 'from the officer', new: 'from the supervisor' } }, author: supervisor.userId, clientTime: new Date().toISOString(),
      });
    });
    expect(await supervisor.engine.sync()).toBe(true);
    const [entry] = await supervisor.db.outbox.toArray();
    expect(entry?.rejected?.code).toBe('FORBIDDEN');
    expect(entry?.changes.notes?.new).toBe('from the supervisor');
    expect((await visits(supervisor.db).get(visit.id))!).toMatchObject({ notes: 'from the officer', version: seen.version });
    // The officer changes it again; the supervisor's pull shows the new server value, not the refused one.
    await saveRecord(officer.db, 'fieldVisits', { ...(await visits(officer.db).get(visit.id))!, notes: 'officer again' }, { userId: officer.userId });
    await officer.engine.sync();
    expect(await supervisor.engine.sync()).toBe(true);
    expect((await visits(supervisor.db).get(visit.id))!.notes).toBe('officer again');
    expect(await supervisor.db.outbox.count()).toBe(1);
  });

  it("a refused change made on an older view of the record ends with the server's value, not the one its user saw", async () => {
    const officer = await client('officer');
    const supervisor = await client('supervisor');
    await officer.engine.sync();
    const visit = await logVisit(officer, { notes: 'first' });
    await officer.engine.sync();
    await supervisor.engine.sync();
    const seen = (await visits(supervisor.db).get(visit.id))!;
    // The officer changes the notes; the supervisor's laptop pulls that while a form still shows 'first'.
    await saveRecord(officer.db, 'fieldVisits', { ...(await visits(officer.db).get(visit.id))!, notes: 'second' }, { userId: officer.userId });
    await officer.engine.sync();
    await supervisor.engine.sync();
    const pulled = (await visits(supervisor.db).get(visit.id))!;
    expect(pulled.notes).toBe('second');
    // Saved from that form as an older laptop would (the server refuses supervisors' writes): the base is what the form showed.
    await supervisor.db.transaction('rw', [visits(supervisor.db), supervisor.db.outbox], async () => {
      await visits(supervisor.db).put({ ...pulled, notes: 'from the supervisor' });
      await supervisor.db.outbox.add({
        mutationId: uuidv7(), table: 'fieldVisits', recordId: visit.id, op: 'upsert', baseVersion: seen.version,
        changes: { notes: { old: 'first', new: 'from the supervisor' } }, author: supervisor.userId, clientTime: new Date().toISOString(),
      });
    });
    expect(await supervisor.engine.sync()).toBe(true);
    expect((await supervisor.db.outbox.toArray())[0]?.rejected?.code).toBe('FORBIDDEN');
    // Rolled back to what the form showed ('first'), then the server sent its record again: the laptop holds 'second'.
    expect((await visits(supervisor.db).get(visit.id))!).toMatchObject({ notes: 'second', version: pulled.version });
    expect(await readMeta(supervisor.db, META.verifiedChecksum(P1))).toBe(await localChecksum(supervisor.db, P1));
  });

  it('re-fetches the scope by snapshot when the log was compacted, keeping the outbox', async () => {
    const a = await client('officer');
    await a.engine.sync();
    // A second officer's laptop (a supervisor's visit would be refused, and a refused row is never the server's).
    const other = await client('officer');
    await other.engine.sync();
    const gone = await logVisit(a, { notes: 'soon deleted' });
    await a.engine.sync();
    await other.engine.sync();
    await saveRecord(a.db, 'fieldVisits', { ...(await visits(a.db).get(gone.id))!, deleted: true }, { userId: a.userId });
    await a.engine.sync();
    await compactChangeLog(server.db, new Date(Date.now() + 60_000));
    const pending = await logVisit(other, { notes: 'pending while reset' });
    await syncScope(other.db, createSyncApi({ baseUrl: 'http://x', fetch: server.fetch, token: await tokenOf(other) }), P1);
    expect(await other.db.outbox.count()).toBe(1);
    expect(await visits(other.db).get(pending.id)).toMatchObject({ notes: 'pending while reset' });
    expect(await visits(other.db).get(gone.id)).toBeUndefined();
    expect(await other.engine.sync()).toBe(true);
    expect(await localChecksum(other.db, P1)).toBe(await localChecksum(a.db, P1).then(async () => {
      await a.engine.sync();
      return localChecksum(a.db, P1);
    }));
  });

  it('sees residue the server does not hold (version 0, no outbox entry) in the checksum, and the re-fetch removes it', async () => {
    const a = await client('officer');
    expect(await a.engine.sync()).toBe(true);
    await logVisit(a, { notes: 'kept' });
    expect(await a.engine.sync()).toBe(true);
    // Left from a half-written load or another user's session: rows no one will ever push.
    const residue = [LAO_A, LAO_B].map((laoId) => ({
      ...sampleRecord('fieldVisits', laoId, P1), officerId: a.userId, version: 0, updatedAt: new Date().toISOString(), updatedBy: a.userId, enteredOnBehalf: false,
    }) as unknown as StoredRecord);
    await visits(a.db).bulkAdd(residue);
    // A change by someone else, so the next pull is not skipped as "nothing new".
    const other = await client('officer');
    await other.engine.sync();
    await logVisit(other, { notes: 'from the other laptop' });
    expect(await other.engine.sync()).toBe(true);
    expect(await a.engine.sync()).toBe(true);
    for (const row of residue) expect(await visits(a.db).get(row.id)).toBeUndefined();
    expect((await visits(a.db).toArray()).map((v) => v.notes)).toEqual(expect.arrayContaining(['kept', 'from the other laptop']));
    expect(await localChecksum(a.db, P1)).toBe(await localChecksum(other.db, P1));
  });

  it('resumes an interrupted initial snapshot from the stored page token', async () => {
    const a = await client('officer');
    await a.engine.sync();
    for (let i = 0; i < 7; i++) await logVisit(a, { notes: `visit ${i}` });
    await a.engine.sync();
    const b = await client('supervisor');
    const realFetch = server.fetch;
    const snapshots: string[] = [];
    server.fetch = async (input, init) => {
      const url = String(input);
      if (url.includes('/snapshot')) {
        snapshots.push(url);
        if (snapshots.length === 2) throw new TypeError('network dropped');
      }
      return realFetch(input, init);
    };
    expect(await b.engine.sync()).toBe(false);
    const stopped = await readMeta<{ after: string | null; done: boolean }>(b.db, META.snapshot(P1));
    expect(stopped).toMatchObject({ done: false });
    expect(stopped?.after).toBeTruthy();
    expect(await readMeta(b.db, META.cursor(P1))).toBeUndefined();
    expect(await b.engine.sync()).toBe(true);
    server.fetch = realFetch;
    expect(snapshots[2]).toContain(`after=${encodeURIComponent(stopped!.after!)}`);
    expect(await visits(b.db).count()).toBe(await visits(a.db).count());
    expect(await localChecksum(b.db, P1)).toBe(await localChecksum(a.db, P1));
  });

  it('signing out revokes the token on the server when it is reachable, and forgets it on the laptop when it is not', async () => {
    const db = openLocalDb(`client-${uuidv7()}`);
    clients.push(db);
    let token: string | null = null;
    const platform = { storeToken: async (t: string) => void (token = t), readToken: async () => token, clearToken: async () => void (token = null) };
    const me = async (value: string) => (await server.fetch(`http://sync.test/v1/auth/me?protocolVersion=${PROTOCOL_VERSION}&schemaVersion=${SCHEMA_VERSION}`, { headers: { authorization: `Bearer ${value}` } }));
    await login({ db, platform, fetch: server.fetch }, { username: 'officer', password: server.password, serverUrl: 'http://sync.test' });
    const online = token!;
    expect((await me(online)).status).toBe(200);
    await logout({ db, platform, fetch: server.fetch });
    expect(token).toBeNull();
    const refused = await me(online);
    expect(refused.status).toBe(401);
    expect((await refused.json()).code).toBe('TOKEN_REVOKED');
    // Offline: the server cannot hear it, the laptop forgets the token and the user all the same.
    await login({ db, platform, fetch: server.fetch }, { username: 'officer', password: server.password, serverUrl: 'http://sync.test' });
    await logout({ db, platform, fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    expect(token).toBeNull();
    expect(await readMeta(db, META.user)).toBeUndefined();
  });

  it("leaves the reference data to the login that has just stored it, and the next run brings an administrator's change", async () => {
    const db = openLocalDb(`client-${uuidv7()}`);
    clients.push(db);
    let token: string | null = null;
    const platform = { storeToken: async (t: string) => void (token = t), readToken: async () => token, clearToken: async () => void (token = null) };
    const asked: string[] = [];
    const fetch: typeof server.fetch = (input, init) => {
      asked.push(new URL(String(input)).pathname);
      return server.fetch(input, init);
    };
    await login({ db, platform, fetch }, { username: 'officer', password: server.password, serverUrl: 'http://sync.test' });
    expect(asked.filter((path) => path === '/v1/reference')).toHaveLength(1);
    const engine = new SyncEngine({ db, api: async () => createSyncApi({ baseUrl: 'http://sync.test', token, fetch }), setTimer: () => 'timer', clearTimer: () => {} });
    engine.referenceStored();
    asked.length = 0;
    expect(await engine.sync()).toBe(true);
    expect(asked).toContain('/v1/sync/snapshot');
    expect(asked).not.toContain('/v1/reference');

    const renamed = `renamed ${uuidv7()}`;
    await server.db.query('UPDATE laos SET name_en = $1 WHERE id = $2', [renamed, LAO_A]);
    asked.length = 0;
    expect(await engine.sync()).toBe(true);
    expect(asked.filter((path) => path === '/v1/reference')).toHaveLength(1);
    expect((await db.laos.get(LAO_A))?.nameEn).toBe(renamed);
  });

  it('stops retrying when the token is refused', async () => {
    const db = openLocalDb(`client-${uuidv7()}`);
    clients.push(db);
    await db.meta.put({ key: META.user, value: { id: 'x', username: 'x', provinceCodes: [P1] } });
    const engine = new SyncEngine({ db, api: async () => createSyncApi({ baseUrl: 'http://sync.test', token: 'forged', fetch: server.fetch }), setTimer: () => 'timer' });
    expect(await engine.sync()).toBe(false);
    expect(engine.getStatus()).toMatchObject({ phase: 'error', error: 'UNAUTHORIZED', nextRetryAt: null });
  });
});

const tokens = new WeakMap<EplanDb, string>();
async function tokenOf(c: Client): Promise<string> {
  const cached = tokens.get(c.db);
  if (cached) return cached;
  const deviceId = await readMeta<string>(c.db, META.deviceId);
  const user = await readMeta<{ username: string }>(c.db, META.user);
  const response = await createSyncApi({ baseUrl: 'http://x', fetch: server.fetch }).login({ username: user!.username, password: server.password, deviceId: deviceId! });
  tokens.set(c.db, response.token);
  return response.token;
}
