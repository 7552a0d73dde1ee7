/**
 * The real sync server (in-process, PGlite in memory) for the client's tests,
 * reached through a fetch that calls Fastify's inject: no port, no network.
 */
import 'fake-indexeddb/auto';
import { openMigrated, testBackends } from '../server/store/test-backends';
import { seedWorld, startTestApp, PASSWORD, type TestApp } from '../server/sync/test-kit';
import type { Database } from '../server/store/db';

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
