/**
 * The databases every server test suite runs against: PGlite always, and
 * PostgreSQL when DATABASE_URL is set (each opening gets its own schema, dropped
 * at close, so test files can run in parallel on one database).
 */
import { randomUUID } from 'node:crypto';
import { MEMORY_DATA_DIR } from '../config';
import { openPglite, openPostgres, type Database, type DatabaseKind } from './db';
import { migrate } from './migrate';

export interface TestBackend {
  kind: DatabaseKind;
  open(): Promise<Database>;
}

const postgresUrl = process.env.DATABASE_URL?.trim() || undefined;

export const testBackends: TestBackend[] = [
  { kind: 'pglite', open: () => openPglite({ dataDir: MEMORY_DATA_DIR }) },
  ...(postgresUrl === undefined
    ? []
    : [
        {
          kind: 'postgres' as const,
          open: () =>
            openPostgres({
              url: postgresUrl,
              schema: `test_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
              dropSchemaOnClose: true,
              maxConnections: 4,
            }),
        },
      ]),
];

/** A fresh database with the schema migrated. */
export async function openMigrated(backend: TestBackend): Promise<Database> {
  const db = await backend.open();
  await migrate(db);
  return db;
}
