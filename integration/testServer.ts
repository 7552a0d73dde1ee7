/**
 * The real sync server (in-process, PGlite in memory) for the client's tests,
 * reached through a fetch that calls Fastify's inject: no port, no network.
 */
import 'fake-indexeddb/auto';
import { openMigrated, testBackends } from '../server/store/test-backends';
import { createMutation, push, sampleRecord, seedWorld, startTestApp, P1, PASSWORD, type TestApp } from '../server/sync/test-kit';
import type { Database } from '../server/store/db';
import type { EplanDb } from '../renderer/data/db';
import { createSyncApi } from '../renderer/sync/api';
import { SyncEngine } from '../renderer/sync/engine';
import { login } from '../renderer/sync/login';

export { LAO_A, LAO_B, P1, USERS, sampleRecord } from '../server/sync/test-kit';

export interface TestServer {
  db: Database;
  app: TestApp;
  fetch: typeof fetch;
  /** When true every request fails like a dropped connection. */
  offline: boolean;
  password: string;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const db = await openMigrated(testBackends[0]!);
  await seedWorld(db);
  const app = await startTestApp(db);
  const server: TestServer = {
    db,
    app,
    offline: false,
    password: PASSWORD,
    fetch: async (input, init) => {
      if (server.offline) throw new TypeError('fetch failed');
      const url = new URL(String(input));
      const response = await app.app.inject({
        method: (init?.method ?? 'GET') as 'GET' | 'POST',
        url: url.pathname + url.search,
        headers: (init?.headers ?? {}) as Record<string, string>,
        ...(init?.body ? { payload: String(init.body) } : {}),
      });
      return new Response(response.body === '' ? null : response.body, { status: response.statusCode, headers: { 'content-type': 'application/json' } });
    },
    close: async () => {
      await app.app.close();
      await db.close();
    },
  };
  return server;
}

/** Signs a laptop's database in as `username`; its sync engine (no jitter, no timers) syncs on demand. */
export async function signedInLaptop(server: TestServer, db: EplanDb, username: string): Promise<SyncEngine> {
  let token: string | null = null;
  const platform = { storeToken: async (t: string) => void (token = t), readToken: async () => token, clearToken: async () => void (token = null) };
  await login({ db, platform, fetch: server.fetch }, { username, password: server.password, serverUrl: 'http://sync.test' });
  return new SyncEngine({ db, api: async () => createSyncApi({ baseUrl: 'http://sync.test', token, fetch: server.fetch }), random: () => 0.5, setTimer: () => 'timer', clearTimer: () => {} });
}

/** An LAO's vision, development plan and one plan project, pushed by an officer: the calendar's plan work done. Returns the plan. */
export async function pushPlanWork(server: TestServer, session: { token: string; deviceId: string }, laoId: string): Promise<Record<string, unknown>> {
  const plan = sampleRecord('plans', laoId, P1);
  const entered = await push(server.app, session, [
    createMutation('visions', sampleRecord('visions', laoId, P1)),
    createMutation('plans', plan),
    createMutation('planProjects', sampleRecord('planProjects', laoId, P1, { planId: plan.id })),
  ]);
  const statuses = entered.body.results.map((result) => result.status);
  if (statuses.some((status) => status !== 'applied')) throw new Error(`plan work not applied: ${statuses.join(', ')}`);
  return plan;
}
