import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_TABLES } from '../../shared/domain/tables';
import { openPglite, openPostgres, type Database } from './db';
import { currentSchemaVersion, latestMigrationVersion, loadMigrations, migrate } from './migrate';
import { testBackends } from './test-backends';

describe('loadMigrations', () => {
  it('reads the shipped SQL files in version order, starting at 001', async () => {
    const migrations = await loadMigrations();
    expect(migrations[0]).toMatchObject({ version: 1, name: 'reference_and_records' });
    const versions = migrations.map((migration) => migration.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(await latestMigrationVersion()).toBe(versions.at(-1));
  });
});

describe.each(testBackends)('migrate on $kind', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('applies every migration on a fresh database', async () => {
    const latest = await latestMigrationVersion();
    const report = await migrate(db);
    expect(report.applied).toEqual((await loadMigrations()).map((m) => m.version));
    expect(report.current).toBe(latest);
    expect(await currentSchemaVersion(db)).toBe(latest);
  });

  it('applies nothing the second time', async () => {
    const report = await migrate(db);
    expect(report).toEqual({ applied: [], current: await latestMigrationVersion() });
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]?.n).toBe((await loadMigrations()).length);
  });

  it('accepts exactly the record tables of shared/domain', async () => {
    await db.exec(`INSERT INTO provinces (code, name_th, name_en) VALUES ('10', 'ก', 'A');
      INSERT INTO laos (id, code, type, name_th, name_en, province_code)
      VALUES ('lao-1', '1000001', 'SAO', 'ก', 'A', '10')`);
    const insert = (table: string) =>
      db.query(
        `INSERT INTO records (id, table_name, lao_id, province_code, updated_by)
         VALUES (gen_random_uuid(), $1, 'lao-1', '10', 'test')`,
        [table],
      );
    for (const table of RECORD_TABLES) await insert(table);
    await expect(insert('notATable')).rejects.toThrow(/check constraint/);
    await db.exec("DELETE FROM records; DELETE FROM laos; DELETE FROM provinces WHERE code = '10'");
  });

  it('brings rows a demo seed stored at version 0 to version 1 (007), so the scope checksum counts them', async () => {
    const fresh = await backend.open();
    try {
      const all = await loadMigrations();
      await migrate(fresh, all.filter((m) => m.version < 7));
      await fresh.exec(`INSERT INTO provinces (code, name_th, name_en) VALUES ('10', 'ก', 'A');
        INSERT INTO laos (id, code, type, name_th, name_en, province_code) VALUES ('lao-1', '1000001', 'SAO', 'ก', 'A', '10');
        INSERT INTO records (id, table_name, lao_id, province_code, updated_by, version)
        VALUES (gen_random_uuid(), 'visions', 'lao-1', '10', 'seed', 0), (gen_random_uuid(), 'visions', 'lao-1', '10', 'seed', 3)`);
      await migrate(fresh, all);
      const { rows } = await fresh.query<{ version: number }>('SELECT version FROM records ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual([1, 3]);
      // And no row is stored below version 1 from now on.
      await expect(fresh.query("INSERT INTO records (id, table_name, lao_id, province_code, updated_by, version) VALUES (gen_random_uuid(), 'visions', 'lao-1', '10', 'x', 0)")).rejects.toThrow(/records_version_positive/);
    } finally {
      await fresh.close();
    }
  });

  it('gives each device id already in use to the user whose token for it is the oldest, and revokes the others\' tokens for it (008)', async () => {
    const fresh = await backend.open();
    try {
      const all = await loadMigrations();
      await migrate(fresh, all.filter((m) => m.version < 8));
      await fresh.exec(`INSERT INTO users (id, username, display_name, role) VALUES ('u1', 'one', 'One', 'officer'), ('u2', 'two', 'Two', 'officer'), ('u3', 'three', 'Three', 'officer');
        INSERT INTO device_tokens (id, token_hash, user_id, device_id, created_at, expires_at, revoked_at) VALUES
          ('00000000-0000-7000-8000-000000000001', 'h1', 'u2', 'shared-laptop', '2026-01-02T00:00:00Z', '2027-01-01T00:00:00Z', NULL),
          ('00000000-0000-7000-8000-000000000002', 'h2', 'u1', 'shared-laptop', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', NULL),
          ('00000000-0000-7000-8000-000000000003', 'h3', 'u3', 'shared-laptop', '2026-01-03T00:00:00Z', '2027-01-01T00:00:00Z', '2026-02-01T00:00:00Z'),
          ('00000000-0000-7000-8000-000000000004', 'h4', 'u2', 'own-laptop', '2026-01-05T00:00:00Z', '2027-01-01T00:00:00Z', NULL),
          ('00000000-0000-7000-8000-000000000005', 'h5', 'u1', 'shared-laptop', '2026-03-01T00:00:00Z', '2027-01-01T00:00:00Z', NULL)`);
      await migrate(fresh, all);
      const owners = await fresh.query<{ device_id: string; user_id: string }>('SELECT device_id, user_id FROM device_owners ORDER BY device_id');
      expect(owners.rows).toEqual([{ device_id: 'own-laptop', user_id: 'u2' }, { device_id: 'shared-laptop', user_id: 'u1' }]);
      const tokens = await fresh.query<{ token_hash: string; revoked: boolean }>('SELECT token_hash, revoked_at IS NOT NULL AS revoked FROM device_tokens ORDER BY token_hash');
      // u2's token for u1's laptop stops working; u1's own tokens and u2's own laptop keep theirs; u3's stays revoked.
      expect(tokens.rows).toEqual([
        { token_hash: 'h1', revoked: true }, { token_hash: 'h2', revoked: false }, { token_hash: 'h3', revoked: true },
        { token_hash: 'h4', revoked: false }, { token_hash: 'h5', revoked: false },
      ]);
      const keptRevocation = await fresh.query<{ revoked_at: Date }>("SELECT revoked_at FROM device_tokens WHERE token_hash = 'h3'");
      expect(new Date(keptRevocation.rows[0]!.revoked_at).toISOString()).toBe('2026-02-01T00:00:00.000Z');
    } finally {
      await fresh.close();
    }
  });

  it('rolls back a failing migration and keeps the last good version', async () => {
    const migrations = [
      ...(await loadMigrations()),
      { version: 900, name: 'good', sql: 'CREATE TABLE probe_good (id int)' },
      { version: 901, name: 'bad', sql: 'CREATE TABLE probe_bad (id int); SELECT nope FROM nowhere' },
    ];
    await expect(migrate(db, migrations)).rejects.toThrow(/nowhere/);
    expect(await currentSchemaVersion(db)).toBe(900);
    const { rows } = await db.query<{ name: string | null }>(
      "SELECT to_regclass('probe_bad')::text AS name",
    );
    expect(rows[0]?.name).toBeNull();
    await db.exec('DROP TABLE probe_good; DELETE FROM schema_migrations WHERE version = 900');
  });

  it.runIf(backend.kind === 'postgres')('lets only one of two concurrent processes migrate', async () => {
    const url = process.env.DATABASE_URL ?? '';
    const schema = `test_race_${process.pid}_${Date.now() % 100000}`;
    const first = await openPostgres({ url, schema, dropSchemaOnClose: true });
    const second = await openPostgres({ url, schema });
    try {
      const reports = await Promise.all([migrate(first), migrate(second)]);
      const applied = reports.flatMap((report) => report.applied).sort((a, b) => a - b);
      expect(applied).toEqual((await loadMigrations()).map((m) => m.version));
    } finally {
      await second.close();
      await first.close();
    }
  });
});

describe('PGlite in a data folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eplan-pglite-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the folder, keeps the schema across restarts and does not migrate twice', async () => {
    const dataDir = path.join(dir, 'nested', 'db');
    const first = await openPglite({ dataDir });
    expect((await migrate(first)).applied.length).toBeGreaterThan(0);
    await first.close();
    const second = await openPglite({ dataDir });
    try {
      expect((await migrate(second)).applied).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
