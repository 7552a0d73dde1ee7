/**
 * The laptop's event-stream reader against the real server over real HTTP:
 * the token goes in a header, a push is heard as a `change`, a refused token
 * stops the reader, and a token in the URL alone is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createSyncApi, type SyncError } from '../renderer/sync/api';
import type { ServerEvent } from '../renderer/sync/eventStream';
import { buildApp } from '../server/http/app';
import type { Database } from '../server/store/db';
import { openMigrated, testBackends } from '../server/store/test-backends';
import { createMutation, LAO_A, P1, PASSWORD, sampleRecord, seedWorld, VERSIONS } from '../server/sync/test-kit';

const versions = `protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`;

describe.each(testBackends)("the laptop's event stream over HTTP on $kind", (backend) => {
  let db: Database;
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    db = await openMigrated(backend);
    await seedWorld(db);
    app = buildApp({ db, config: { logLevel: 'silent' }, logger: false, settings: { maxStreamsPerUserScope: 2 } });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  async function loginAs(deviceId: string, username = 'officer'): Promise<string> {
    const response = await fetch(`${base}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD, deviceId }) });
    return ((await response.json()) as { token: string }).token;
  }

  /** Another laptop of the officer pushes a new activity of LAO_A over HTTP. */
  async function pushActivity(deviceId: string): Promise<void> {
    const writer = await loginAs(deviceId);
    const pushed = await fetch(`${base}/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${writer}` },
      body: JSON.stringify({ ...VERSIONS, deviceId, mutations: [createMutation('antiDrugActivities', sampleRecord('antiDrugActivities', LAO_A, P1))] }),
    });
    expect(pushed.status).toBe(200);
  }

  it('refuses a token in the URL alone with 401 {code, message}', async () => {
    const token = await loginAs('device-url');
    const response = await fetch(`${base}/v1/sync/events?scope=${P1}&${versions}&access_token=${token}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 'UNAUTHORIZED', message: expect.any(String) });
  });

  it('hears a push as a change event, the token sent in the Authorization header', async () => {
    const token = await loginAs('device-reader');
    const stop = new AbortController();
    const refused: SyncError[] = [];
    let heard: (event: ServerEvent) => void = () => {};
    const next = (type: string) => new Promise<ServerEvent>((resolve) => (heard = (event) => event.type === type && resolve(event)));
    const ready = next('ready');
    const reading = createSyncApi({ baseUrl: base, token }).events(P1, { signal: stop.signal, onEvent: (event) => heard(event), onRefused: (error) => refused.push(error) });
    await ready;
    const change = next('change');
    await pushActivity('device-writer');
    expect(JSON.parse((await change).data)).toEqual({ scope: P1, cursor: expect.any(Number) });
    stop.abort();
    await reading;
    expect(refused).toEqual([]);
  });

  it('stops and reports a refused token, without retrying', async () => {
    const refused: SyncError[] = [];
    await createSyncApi({ baseUrl: base, token: 'not-a-token' }).events(P1, {
      signal: new AbortController().signal,
      onEvent: () => {},
      onRefused: (error) => refused.push(error),
    });
    expect(refused.map((error) => [error.code, error.status, error.serverCode])).toEqual([['UNAUTHORIZED', 401, 'TOKEN_INVALID']]);
  });

  it('ends a user\'s oldest stream of a scope when they open more than allowed; the newer ones and other users\' stay', async () => {
    const text = new TextDecoder();
    const open = async (token: string) => {
      const response = await fetch(`${base}/v1/sync/events?scope=${P1}&${versions}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      return response.body!.getReader();
    };
    /** Reads until the text holds `wanted`; false if the stream ends first. */
    const hears = async (reader: ReadableStreamDefaultReader<Uint8Array>, wanted: string) => {
      for (let seen = ''; !seen.includes(wanted); ) {
        const { done, value } = await reader.read();
        if (done) return false;
        seen += text.decode(value);
      }
      return true;
    };
    const [officer, supervisor] = [await loginAs('device-many-windows'), await loginAs('device-supervisor', 'supervisor')];
    const first = await open(officer);
    expect(await hears(first, 'event: ready')).toBe(true);
    const others = await open(supervisor);
    const second = await open(officer);
    const third = await open(officer);
    for (const reader of [others, second, third]) expect(await hears(reader, 'event: ready')).toBe(true);
    // The third stream of the officer on this scope ended the first.
    expect(await hears(first, 'never sent')).toBe(false);
    // The others still hear pushes.
    await pushActivity('device-many-writer');
    for (const reader of [others, second, third]) expect(await hears(reader, 'event: change')).toBe(true);
    for (const reader of [others, second, third]) await reader.cancel();
  });
});
