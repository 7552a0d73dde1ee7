import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../shared/sync/protocol';
import { hashPassword } from './auth/password';
import type { ServerConfig } from './config';
import { startServer, StartupError, type RunningServer } from './main';
import { latestMigrationVersion } from './store/migrate';
import { seedReference } from './store/seed';
import { PROVINCE_CODE, sampleReference } from './store/test-fixtures';

const baseConfig: ServerConfig = {
  port: 0,
  host: '127.0.0.1',
  dataDir: 'memory://',
  logLevel: 'silent',
  tokenTtlDays: 90,
  logRetentionDays: 30,
  trustProxy: false,
};

async function expectStartupError(promise: Promise<unknown>, code: string): Promise<StartupError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StartupError);
  expect((error as StartupError).code).toBe(code);
  return error as StartupError;
}

describe('startServer', () => {
  let server: RunningServer;
  let onReadyRan = false;
  beforeAll(async () => {
    server = await startServer(baseConfig, {
      logger: false,
      onReady: async (db) => {
        onReadyRan = true;
        await seedReference(db, sampleReference());
      },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('listens on a real port after migrating and running onReady', async () => {
    expect(onReadyRan).toBe(true);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${server.url}/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite', databaseMigration: await latestMigrationVersion() });
    const anonymous = await fetch(`${server.url}/v1/reference/provinces`);
    expect(anonymous.status).toBe(401);
    await server.db.query("UPDATE users SET password_hash = $1 WHERE username = 'admin'", [await hashPassword('admin password', { N: 1024, r: 8, p: 1 })]);
    const login = await fetch(`${server.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin password', deviceId: 'device-main-test' }),
    });
    const { token } = (await login.json()) as { token: string };
    const provinces = await fetch(`${server.url}/v1/reference/provinces?protocolVersion=${PROTOCOL_VERSION}&schemaVersion=${SCHEMA_VERSION}`, { headers: { authorization: `Bearer ${token}` } });
    expect(await provinces.json()).toMatchObject({ provinces: [{ code: PROVINCE_CODE }] });
  });

  it('reports a port in use as PORT_IN_USE with a hint', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const error = await expectStartupError(
        startServer({ ...baseConfig, port }, { logger: false }),
        'PORT_IN_USE',
      );
      expect(error.message).toBe(`Port ${port} is already in use; set PORT=... to another port`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses a STATIC_DIR without index.html', async () => {
    const error = await expectStartupError(
      startServer({ ...baseConfig, staticDir: '/nonexistent/renderer' }, { logger: false }),
      'STATIC_DIR_MISSING',
    );
    expect(error.message).toContain('npm run build:renderer');
  });

  it('refuses an UPDATES_DIR that is not a folder', async () => {
    const error = await expectStartupError(
      startServer({ ...baseConfig, updatesDir: '/nonexistent/releases' }, { logger: false }),
      'UPDATES_DIR_MISSING',
    );
    expect(error.message).toContain('Desktop updates');
  });

  it('reports an unreachable PostgreSQL without the password', async () => {
    const error = await expectStartupError(
      startServer(
        { ...baseConfig, databaseUrl: 'postgres://eplan:s3cret@127.0.0.1:1/eplan' },
        { logger: false },
      ),
      'DB_UNAVAILABLE',
    );
    expect(error.message).toContain('127.0.0.1:1');
    expect(error.message).not.toContain('s3cret');
  });

  // Last: it stops the shared server.
  it('closes idempotently and stops answering', async () => {
    await Promise.all([server.close(), server.close()]);
    await expect(fetch(`${server.url}/v1/health`)).rejects.toThrow();
  });
});
