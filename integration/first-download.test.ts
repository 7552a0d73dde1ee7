/**
 * The first download told truthfully (issue 15): a snapshot interrupted after
 * its first page leaves the laptop partial with "x of y", never synced; the
 * next sync resumes from the stored token, says so, and ends whole.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openLocalDb, type EplanDb } from '../renderer/data/db';
import { saveRecord } from '../renderer/data/records';
import { createSyncApi } from '../renderer/sync/api';
import { readFirstDownload } from '../renderer/sync/download';
import { SyncEngine, type EngineDeps, type RunningDownload } from '../renderer/sync/engine';
import { ScopeRunStopped } from '../renderer/sync/scopeJob';
import { login } from '../renderer/sync/login';
import { syncStateOf } from '../renderer/features/sync/syncState';
import { LAO_A, P1, sampleRecord, startTestServer, type TestServer } from './testServer';

let server: TestServer;
const dbs: EplanDb[] = [];

async function laptop(username: string, fetch: typeof globalThis.fetch, deps: Partial<EngineDeps> = {}) {
  const db = openLocalDb(`first-download-${uuidv7()}`);
  dbs.push(db);
  let token: string | null = null;
  const platform = { storeToken: async (t: string) => void (token = t), readToken: async () => token, clearToken: async () => void (token = null) };
  const session = await login({ db, platform, fetch }, { username, password: server.password, serverUrl: 'http://sync.test' });
  const engine = new SyncEngine({
    db,
    api: async () => createSyncApi({ baseUrl: 'http://sync.test', token, fetch }),
    pageSize: 3,
    random: () => 0.5,
    setTimer: () => 'timer',
    clearTimer: () => {},
    ...deps,
  });
  return { db, engine, userId: session.user.id };
}

/** The state the app bar would show now. */
async function appBarState(db: EplanDb, engine: SyncEngine) {
  const status = engine.getStatus();
  return syncStateOf({ signedIn: true, phase: status.phase, pending: await db.outbox.count(), stored: await readFirstDownload(db), running: status.download });
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const db of dbs) db.close();
  await server.close();
});

describe('an interrupted first download', () => {
  it('says partial with x of y, resumes from where it stopped and says so, then says synced', async () => {
    const officer = await laptop('officer', server.fetch);
    await officer.engine.sync();
    for (let i = 0; i < 8; i++) {
      const saved = await saveRecord(officer.db, 'fieldVisits', { ...sampleRecord('fieldVisits', LAO_A, P1), officerId: officer.userId, notes: `visit ${i}` }, { userId: officer.userId });
      expect(saved.ok).toBe(true);
    }
    expect(await officer.engine.sync()).toBe(true);

    let snapshots = 0;
    let cutAfter: number | null = 1;
    const supervisor = await laptop('supervisor', async (input, init) => {
      if (String(input).includes('/v1/sync/snapshot')) {
        snapshots += 1;
        if (cutAfter !== null && snapshots > cutAfter) throw new TypeError('network dropped');
      }
      return server.fetch(input, init);
    });
    // Before any download the data is partial already, and no total is known.
    expect(await appBarState(supervisor.db, supervisor.engine)).toMatchObject({ kind: 'partial', count: { stored: 0, total: null } });

    expect(await supervisor.engine.sync()).toBe(false);
    const stopped = await readFirstDownload(supervisor.db);
    expect(stopped.complete).toBe(false);
    expect(stopped.interrupted).toBe(true);
    expect(stopped.stored).toBe(3);
    const total = stopped.total!;
    expect(total).toBeGreaterThanOrEqual(8);
    expect(await appBarState(supervisor.db, supervisor.engine)).toEqual({ kind: 'partial', count: { stored: 3, total }, pending: 0 });

    // A second interruption keeps counting from the stored page.
    cutAfter = snapshots + 1;
    expect(await supervisor.engine.sync()).toBe(false);
    const stored = await readFirstDownload(supervisor.db);
    expect(stored).toMatchObject({ complete: false, stored: 6, total });

    cutAfter = null;
    const seen: RunningDownload[] = [];
    const unsubscribe = supervisor.engine.subscribe(() => {
      const { download } = supervisor.engine.getStatus();
      if (download) seen.push(download);
    });
    expect(await supervisor.engine.sync()).toBe(true);
    unsubscribe();
    // Resumed from the sixth row, not from the start, and said so from its first moment.
    expect(seen[0]).toEqual({ stored: 6, total, resumed: true });
    expect(seen.every((d) => d.resumed && d.total === total && d.stored >= 6)).toBe(true);
    expect(seen.at(-1)!.stored).toBe(total);
    // While it ran, the app bar said "resuming … x of y", not synced.
    expect(syncStateOf({ signedIn: true, phase: 'syncing', pending: 0, stored, running: seen[0]! })).toMatchObject({ kind: 'downloading', resumed: true, count: { stored: 6, total } });

    expect((await readFirstDownload(supervisor.db)).complete).toBe(true);
    expect(await appBarState(supervisor.db, supervisor.engine)).toEqual({ kind: 'synced', pending: 0 });
    expect(await supervisor.db.table('fieldVisits').count()).toBe(await officer.db.table('fieldVisits').count());
  });
});

describe('a first download run apart from the engine (as the app runs it, in a Web Worker)', () => {
  it('is handed the scope and a live signal; stopped on purpose, it is not an error, schedules no retry, and the next sync resumes', async () => {
    let timers = 0;
    const calls: { scope: string; aborted: () => boolean }[] = [];
    let stopAfterFirstPage = true;
    // Stands in for the worker: runs the download here, and like the worker stops when the signal aborts.
    const download: EngineDeps['download'] = (scope, options, here) => {
      calls.push({ scope, aborted: () => options.signal.aborted });
      if (!stopAfterFirstPage) return here();
      return new Promise<void>((resolve, reject) => {
        options.signal.addEventListener('abort', () => reject(new ScopeRunStopped()), { once: true });
        void here().then(resolve, reject);
      });
    };
    let pages = 0;
    let abortRun = () => {};
    const supervisor = await laptop('supervisor', async (input, init) => {
      // Stopped (a sign-out, the laptop being cleared) while the second page is on its way;
      // an ended worker asks for nothing more.
      if (String(input).includes('/v1/sync/snapshot') && ++pages >= 2 && stopAfterFirstPage) {
        abortRun();
        throw new TypeError('the worker was ended');
      }
      return server.fetch(input, init);
    }, { download, setTimer: () => void (timers += 1) });
    abortRun = () => supervisor.engine.abortRun();

    expect(await supervisor.engine.sync()).toBe(false);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.scope).toBe(P1);
    // Stopped on purpose: no error shown, no retry scheduled; the stored page stays.
    expect(supervisor.engine.getStatus()).toMatchObject({ phase: 'idle', error: null, nextRetryAt: null, download: null, lastSyncAt: null });
    expect(timers).toBe(0);
    const cut = await readFirstDownload(supervisor.db);
    expect(cut).toMatchObject({ complete: false, interrupted: true });
    expect(cut.stored).toBeGreaterThanOrEqual(3);

    stopAfterFirstPage = false;
    const resumedFrom: RunningDownload[] = [];
    const unsubscribe = supervisor.engine.subscribe(() => {
      const { download } = supervisor.engine.getStatus();
      if (download) resumedFrom.push(download);
    });
    expect(await supervisor.engine.sync()).toBe(true);
    unsubscribe();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.aborted()).toBe(false);
    expect(resumedFrom[0]).toMatchObject({ stored: cut.stored, resumed: true });
    expect((await readFirstDownload(supervisor.db)).complete).toBe(true);
    expect(await appBarState(supervisor.db, supervisor.engine)).toEqual({ kind: 'synced', pending: 0 });
    // Once whole, later syncs pull changes on the engine's own thread.
    expect(await supervisor.engine.sync()).toBe(true);
    expect(calls).toHaveLength(2);
  });
});
