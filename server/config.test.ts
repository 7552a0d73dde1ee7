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
