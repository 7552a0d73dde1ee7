import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, redactDatabaseUrl } from './config';

describe('loadConfig', () => {
  it('uses defaults for an empty environment', () => {
    const result = loadConfig({}, '/srv/app');
    expect(result).toEqual({
      ok: true,
      value: {
        port: 8787,
        host: '127.0.0.1',
        dataDir: path.resolve('/srv/app', 'data/server'),
        logLevel: 'warn',
        tokenTtlDays: 90,
        logRetentionDays: 30,
        trustProxy: false,
      },
    });
  });

  it('reads every variable and resolves folders against cwd', () => {
    const result = loadConfig(
      {
        PORT: '9000',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgresql://u:p@db:5432/eplan',
        DATA_DIR: 'var/db',
        STATIC_DIR: 'dist/renderer',
        LOG_LEVEL: 'info',
        TOKEN_TTL_DAYS: '30',
        SYNC_LOG_RETENTION_DAYS: '60',
        TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1',
        EPLAN_NOW: '2027-10-01T09:00:00+07:00',
      },
      '/srv/app',
    );
    expect(result).toEqual({
      ok: true,
      value: {
        port: 9000,
        host: '0.0.0.0',
        databaseUrl: 'postgresql://u:p@db:5432/eplan',
        dataDir: path.resolve('/srv/app', 'var/db'),
        staticDir: path.resolve('/srv/app', 'dist/renderer'),
        logLevel: 'info',
        tokenTtlDays: 30,
        logRetentionDays: 60,
        trustProxy: ['10.0.0.5', '10.1.0.0/16', '::1'],
        clockStart: '2027-10-01T09:00:00+07:00',
      },
    });
  });

  it('keeps memory:// as an in-memory database and treats blank variables as unset', () => {
    const result = loadConfig({ DATA_DIR: 'memory://', PORT: ' ', DATABASE_URL: '' });
    expect(result.ok && result.value).toMatchObject({ dataDir: 'memory://', port: 8787 });
    expect(result.ok && result.value.databaseUrl).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://localhost/eplan'],
    ['LOG_LEVEL', 'loud'],
    ['TOKEN_TTL_DAYS', '0'],
    ['SYNC_LOG_RETENTION_DAYS', 'forever'],
    ['TRUST_PROXY', 'yes'],
    ['TRUST_PROXY', '10.0.0.5, proxy.example'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '-1'],
    ['EPLAN_NOW', '1 Oct 2570'],
    ['EPLAN_NOW', '2027-10-01'],
  ])('rejects %s=%s with a coded error naming the variable', (key, value) => {
    const result = loadConfig({ [key]: value });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('CONFIG_INVALID');
    expect(result.error.issues.map((issue) => issue.key)).toEqual([key]);
    expect(result.error.message).toContain(key);
    // The value may be a secret (a database URL); it is never echoed.
    expect(result.error.message).not.toContain(value);
  });

  it('takes TRUST_PROXY as a hop count or a list of proxies, and refuses true with the reason', () => {
    expect(loadConfig({ TRUST_PROXY: '1' })).toMatchObject({ value: { trustProxy: 1 } });
    expect(loadConfig({ TRUST_PROXY: 'false' })).toMatchObject({ value: { trustProxy: false } });
    expect(loadConfig({ TRUST_PROXY: '192.168.1.10' })).toMatchObject({ value: { trustProxy: ['192.168.1.10'] } });
    const refused = loadConfig({ TRUST_PROXY: 'true' });
    expect(!refused.ok && refused.error.issues).toEqual([{ key: 'TRUST_PROXY', message: expect.stringContaining('true is refused') }]);
    expect(!refused.ok && refused.error.code).toBe('CONFIG_INVALID');
  });

  it('reports all problems at once', () => {
    const result = loadConfig({ PORT: '-1', LOG_LEVEL: 'loud' });
    expect(!result.ok && result.error.issues.map((issue) => issue.key)).toEqual([
      'PORT',
      'LOG_LEVEL',
    ]);
  });
});

describe('redactDatabaseUrl', () => {
  it('hides the password', () => {
    expect(redactDatabaseUrl('postgres://eplan:s3cret@db:5432/eplan')).toBe(
      'postgres://eplan:***@db:5432/eplan',
    );
    expect(redactDatabaseUrl('postgres://eplan@db/eplan')).toBe('postgres://eplan@db/eplan');
  });
});
