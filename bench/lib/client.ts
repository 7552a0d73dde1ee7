/**
 * A desktop client in Node: the renderer's own database, login and sync
 * engine over fake-indexeddb, talking to a real server with the global fetch
 * (as integration/sync-engine.test.ts does, but over real loopback HTTP).
 */
import 'fake-indexeddb/auto';
import { v7 as uuidv7 } from 'uuid';
import { openLocalDb, type EplanDb } from '../../renderer/data/db';
import { createSyncApi, type SyncApi } from '../../renderer/sync/api';
import { SyncEngine } from '../../renderer/sync/engine';
import { login } from '../../renderer/sync/login';
import { deviceIdOf } from '../../renderer/sync/meta';

export interface BenchClient {
  db: EplanDb;
  engine: SyncEngine;
  api: SyncApi;
  userId: string;
  deviceId: string;
  provinceCodes: string[];
  /** Milliseconds spent waiting for HTTP responses (request sent → body read) since the last reset. */
  http: { ms: number; requests: number };
  close(): void;
}

/** The global fetch, timed: how much of a sync is the server and the wire, how much the client. */
function timedFetch(http: { ms: number; requests: number }): typeof fetch {
  return async (input, init) => {
    const start = performance.now();
    const response = await fetch(input, init);
    const body = await response.arrayBuffer();
    http.ms += performance.now() - start;
    http.requests += 1;
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

export async function signIn(serverUrl: string, username: string, password: string): Promise<BenchClient> {
  const db = openLocalDb(`bench-${uuidv7()}`);
  let token: string | null = null;
  const platform = {
    storeToken: async (t: string) => void (token = t),
    readToken: async () => token,
    clearToken: async () => void (token = null),
  };
  const http = { ms: 0, requests: 0 };
  const fetch = timedFetch(http);
  const session = await login({ db, platform, fetch }, { username, password, serverUrl });
  const api = createSyncApi({ baseUrl: serverUrl, token, fetch });
  const engine = new SyncEngine({
    db,
    api: async () => api,
    // A failed run must not retry behind the benchmark's back.
    setTimer: () => null,
    clearTimer: () => {},
  });
  return {
    db,
    engine,
    api,
    userId: session.user.id,
    deviceId: await deviceIdOf(db),
    provinceCodes: session.user.provinceCodes,
    http,
    close: () => {
      engine.stop();
      db.close();
    },
  };
}

/** Runs a sync and turns a failed run into an exception with its code. */
export async function syncOrThrow(client: BenchClient): Promise<void> {
  if (!(await client.engine.sync())) throw new Error(`sync failed: ${client.engine.getStatus().error}`);
}
