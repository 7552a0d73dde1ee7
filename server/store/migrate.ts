import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './db';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface MigrationReport {
  /** Versions applied by this run, in order; empty when the schema was current. */
  applied: number[];
  /** The schema version after the run. */
  current: number;
}

// Resolved from this module, not the working directory, so `tsx server/cli.ts` works anywhere.
const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const MIGRATION_FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** The migration files shipped with the server, ordered by version. */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => MIGRATION_FILE.test(file)).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const [, version, name] = MIGRATION_FILE.exec(file) ?? [];
    migrations.push({
      version: Number(version),
      name: name ?? file,
      sql: await readFile(`${dir}/${file}`, 'utf8'),
    });
  }
  assertUniqueVersions(migrations);
  return migrations;
}

function assertUniqueVersions(migrations: Migration[]): void {
  const seen = new Set<number>();
  for (const { version } of migrations) {
    if (seen.has(version)) throw new Error(`Two migrations share version ${version}`);
    seen.add(version);
  }
}

/** The schema version this server build expects: its newest migration. */
export async function latestMigrationVersion(): Promise<number> {
  const migrations = await loadMigrations();
  return migrations.at(-1)?.version ?? 0;
}

/**
 * Applies the pending migrations in order, each in its own transaction
 * together with its row in schema_migrations, so a failure leaves the schema
 * at the last good version.
 */
export async function migrate(
  db: Database,
  migrations?: Migration[],
): Promise<MigrationReport> {
  const all = migrations ?? (await loadMigrations());
  let applied = await db.transaction(async (tx) => {
    await lockMigrations(db, tx);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version     integer PRIMARY KEY,
      name        text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now()
    )`);
    return appliedVersions(tx);
  });
  const report: MigrationReport = { applied: [], current: Math.max(0, ...applied) };
  for (const migration of all) {
    if (applied.has(migration.version)) continue;
    const ran = await db.transaction(async (tx) => {
      await lockMigrations(db, tx);
      // Another process may have applied it while we waited for the lock.
      applied = await appliedVersions(tx);
      if (applied.has(migration.version)) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (ran) report.applied.push(migration.version);
    report.current = Math.max(report.current, migration.version);
  }
  return report;
}

/** The schema version recorded in the database (0 before the first migration). */
export async function currentSchemaVersion(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    'SELECT coalesce(max(version), 0)::integer AS version FROM schema_migrations',
  );
  return rows[0]?.version ?? 0;
}

// Two servers starting together on one PostgreSQL must not both run a
// migration; the lock is per schema so isolated test schemas do not wait on
// each other. PGlite has a single connection, so there is nobody to race.
async function lockMigrations(db: Database, tx: Queryable): Promise<void> {
  if (db.kind !== 'postgres') return;
  await tx.query(
    "SELECT pg_advisory_xact_lock(hashtext('eplan.migrate.' || current_schema()))",
  );
}

async function appliedVersions(tx: Queryable): Promise<Set<number>> {
  const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((row) => row.version));
}
