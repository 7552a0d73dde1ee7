/**
 * Bodies that are not UTF-8 are refused, never stored changed; a request that
 * arrives while the server closes is answered in our shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../store/db';
import { openMigrated, testBackends } from '../store/test-backends';
import { buildApp } from './app';

const config = { logLevel: 'silent' as const };

async function echoApp(db: Database) {
  const app = buildApp({ db, config, logger: false });
  app.post('/v1/test/echo', async (request) => request.body);
  return app;
}

describe('request bodies and shutdown', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(testBackends[0]!);
  }, 180_000); // opening and migrating a database is slow on a busy machine
  afterAll(async () => {
    await db?.close();
  });

  it('refuses a JSON body with bytes that are not UTF-8 as INVALID_TEXT, and reads Thai as sent', async () => {
    const app = await echoApp(db);
    try {
      const thai = Buffer.from(JSON.stringify({ name: 'อบต.ทดสอบ' }), 'utf8');
      const ok = await app.inject({ method: 'POST', url: '/v1/test/echo', headers: { 'content-type': 'application/json' }, payload: thai });
      expect(ok.json()).toEqual({ name: 'อบต.ทดสอบ' });
      // A lone continuation byte, a truncated three-byte sequence, an overlong NUL, a UTF-16 surrogate in UTF-8 form.
      for (const bad of [[0x80], [0xe0, 0xb8], [0xc0, 0x80], [0xed, 0xa0, 0x80]]) {
        const payload = Buffer.concat([Buffer.from('{"name":"'), Buffer.from(bad), Buffer.from('"}')]);
        const response = await app.inject({ method: 'POST', url: '/v1/test/echo', headers: { 'content-type': 'application/json' }, payload });
        expect(response.statusCode).toBe(400);
        expect(response.json()).toEqual({ code: 'INVALID_TEXT', message: expect.any(String) });
      }
      const login = await app.inject({
        method: 'POST', url: '/v1/auth/login', headers: { 'content-type': 'application/json' },
        payload: Buffer.concat([Buffer.from('{"username":"demo-admin'), Buffer.from([0xff]), Buffer.from('","password":"x","deviceId":"probe-dev-0001"}')]),
      });
      expect(login.statusCode).toBe(400);
      expect(login.json().code).toBe('INVALID_TEXT');
      // Prototype poisoning stays refused by Fastify's own JSON reader.
      const poisoned = await app.inject({ method: 'POST', url: '/v1/test/echo', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"admin":true}}' });
      expect(poisoned.statusCode).toBe(400);
      expect(Object.keys(poisoned.json())).toEqual(['code', 'message']);
    } finally {
      await app.close();
    }
  });

  it('answers a request that arrives while the server closes with 503 SHUTTING_DOWN in {code, message}', async () => {
    const app = await echoApp(db);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let closingSeen!: () => void;
    const closingStarted = new Promise<void>((resolve) => (closingSeen = resolve));
    // Keeps the close in progress (after the app's own preClose hook) while a request arrives.
    app.addHook('preClose', async () => {
      closingSeen();
      await held;
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const closed = app.close();
    try {
      await closingStarted;
      const response = await fetch(`${address}/v1/health`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ code: 'SHUTTING_DOWN', message: expect.any(String) });
    } finally {
      release();
      await closed;
    }
  });
});
