import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../http/app';
import type { Database } from '../store/db';
import { openMigrated, testBackends } from '../store/test-backends';
import { databaseEvents } from './events';
import { createMutation, LAO_A, P1, PASSWORD, sampleRecord, seedWorld, VERSIONS } from './test-kit';

const versions = `protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`;

/** Reads server-sent events until `until` matches one. */
async function waitForEvent(response: Response, until: (event: string) => boolean, timeoutMs = 5000): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event')), deadline - Date.now()))]);
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      const events = buffer.split('\n\n');
      buffer = events.pop() ?? '';
      const found = events.find(until);
      if (found) return found;
    }
    throw new Error('stream ended without the event');
  } finally {
    await reader.cancel().catch(() => {});
  }
}

describe.each(testBackends)('server-sent events on $kind', (backend) => {
  let db: Database;
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    db = await openMigrated(backend);
    await seedWorld(db);
    // Two server processes on one database (on PGlite they share the process, like npm start).
    for (let i = 0; i < 2; i++) {
      const app = buildApp({ db, config: { logLevel: 'silent' }, logger: false, events: await databaseEvents(db) });
      await app.listen({ port: 0, host: '127.0.0.1' });
      apps.push(app);
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await db?.close();
  });

  const urlOf = (app: FastifyInstance) => {
    const address = app.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  };

  async function loginAt(base: string, deviceId: string): Promise<string> {
    const response = await fetch(`${base}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'officer', password: PASSWORD, deviceId }) });
    return ((await response.json()) as { token: string }).token;
  }

  it('pokes subscribers of a province when a push advances it, across processes', async () => {
    const [first, second] = apps.map(urlOf) as [string, string];
    const listenerToken = await loginAt(second, 'device-listener');
    const auth = { headers: { authorization: `Bearer ${listenerToken}` } };
    const refused = await fetch(`${second}/v1/sync/events?scope=98&${versions}`, auth);
    expect(refused.status).toBe(403);
    const stream = await fetch(`${second}/v1/sync/events?scope=${P1}&${versions}`, auth);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    // The ready event proves the subscription is in place before we push.
    await waitForEvent(stream, (event) => event.includes('event: ready'));
    const stream2 = await fetch(`${second}/v1/sync/events?scope=${P1}&${versions}`, auth);
    const ready = waitForEvent(stream2, (event) => event.includes('event: change'));
    const writerToken = await loginAt(first, 'device-writer');
    const pushed = await fetch(`${first}/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${writerToken}` },
      body: JSON.stringify({ ...VERSIONS, deviceId: 'device-writer', mutations: [createMutation('antiDrugActivities', sampleRecord('antiDrugActivities', LAO_A, P1))] }),
    });
    expect(pushed.status).toBe(200);
    const event = await ready;
    expect(event).toContain(`"scope":"${P1}"`);
    expect(event).toMatch(/"cursor":\d+/);
  });
});
