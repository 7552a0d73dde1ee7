import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hashPassword } from '../auth/password';
import type { Database } from '../store/db';
import { latestMigrationVersion } from '../store/migrate';
import { seedReference } from '../store/seed';
import { openMigrated, testBackends } from '../store/test-backends';
import { PROVINCE_CODE, sampleReference } from '../store/test-fixtures';
import { PROTOCOL_VERSION, SERVER_VERSION } from '../version';
import { SCHEMA_VERSION } from '../../shared/sync/protocol';
import { buildApp } from './app';
import { HttpError } from './errors';

const config = { logLevel: 'silent' as const };

/** Routes that fail on purpose, to check the error handler. */
function addFailingRoutes(app: FastifyInstance): void {
  app.get('/v1/test/http-error', async () => {
    throw new HttpError(409, 'LOCKED_PERIOD', 'The period is locked');
  });
  app.get('/v1/test/zod-error', async () => z.object({ amount: z.number() }).parse({}));
  app.get('/v1/test/crash', async () => {
    throw new Error('SELECT secret FROM internals failed at /srv/app/x.ts:12');
  });
  app.post(
    '/v1/test/echo',
    { schema: { body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } },
    async (request) => request.body,
  );
}

describe.each(testBackends)('HTTP API on $kind', (backend) => {
  let db: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openMigrated(backend);
    app = buildApp({ db, config, logger: false });
    addFailingRoutes(app);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('reports health with the database kind and versions', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({
      status: 'ok',
      database: backend.kind,
      databaseMigration: await latestMigrationVersion(),
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
      serverVersion: SERVER_VERSION,
    });
  });

  it('answers unknown routes with a JSON 404', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const response = await app.inject({ method, url: '/v1/nothing-here?x=1' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({
        code: 'NOT_FOUND',
        message: `No route for ${method} /v1/nothing-here`,
      });
    }
  });

  it('lists provinces from the database to a logged-in user', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/v1/reference/provinces' });
    expect(anonymous.statusCode).toBe(401);
    await seedReference(db, sampleReference());
    await db.query("UPDATE users SET password_hash = $1 WHERE username = 'admin'", [await hashPassword('admin password', { N: 1024, r: 8, p: 1 })]);
    const login = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'admin', password: 'admin password', deviceId: 'device-app-test' } });
    const headers = { authorization: `Bearer ${login.json<{ token: string }>().token}` };
    const after = await app.inject({ method: 'GET', url: `/v1/reference/provinces?protocolVersion=${PROTOCOL_VERSION}&schemaVersion=${SCHEMA_VERSION}`, headers });
    expect(after.json()).toEqual({
      provinces: [{ code: PROVINCE_CODE, nameTh: 'จังหวัดสาธิต', nameEn: 'Demo Province', demo: true }],
    });
  });

  it('turns thrown errors into {code, message} without internals', async () => {
    const coded = await app.inject({ method: 'GET', url: '/v1/test/http-error' });
    expect(coded.statusCode).toBe(409);
    expect(coded.json()).toEqual({ code: 'LOCKED_PERIOD', message: 'The period is locked' });

    const crash = await app.inject({ method: 'GET', url: '/v1/test/crash' });
    expect(crash.statusCode).toBe(500);
    expect(crash.json()).toEqual({ code: 'INTERNAL_ERROR', message: 'Internal server error' });
    expect(crash.body).not.toMatch(/secret|\.ts|stack/);
  });

  it('reports validation failures with their issues', async () => {
    const zod = await app.inject({ method: 'GET', url: '/v1/test/zod-error' });
    expect(zod.statusCode).toBe(400);
    expect(zod.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'amount', code: 'invalid_type', message: expect.any(String) }],
    });

    const schema = await app.inject({ method: 'POST', url: '/v1/test/echo', payload: { other: 1 } });
    expect(schema.statusCode).toBe(400);
    expect(schema.json()).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'name', code: 'required' }] });

    const badJson = await app.inject({
      method: 'POST',
      url: '/v1/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toEqual({ code: 'INVALID_JSON', message: expect.any(String) });
  });

  // Last: it closes the shared database.
  it('answers 503 DB_UNAVAILABLE when the database is gone', async () => {
    await db.close();
    const response = await app.inject({ method: 'GET', url: '/v1/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: 'error',
      code: 'DB_UNAVAILABLE',
      message: 'The database is not available',
    });
  });
});
