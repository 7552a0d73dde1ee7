import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { MEMORY_DATA_DIR } from '../config';

export interface QueryResult<T> {
  rows: T[];
  /** Rows inserted, updated or deleted by the statement (0 for SELECT on PGlite). */
  rowCount: number;
}

/** Something SQL can run on: the database itself or an open transaction. */
export interface Queryable {
  /** One statement with `$1` parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** Runs `fn` in one transaction; use only `tx` inside it (PGlite has one connection). */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Idempotent. */
  close(): Promise<void>;
  /** PostgreSQL only: LISTEN on a channel (see `channel`) with a dedicated connection; resolves to a stop function. */
  listen?(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** The channel name NOTIFY must use for `listen(name)` (isolated per schema). */
  channel?(name: string): string;
}

export interface PgliteOptions {
  /** A folder for the database files, or `memory://`. */
  dataDir: string;
}

export interface PostgresOptions {
  url: string;
  /** Use (and create) an isolated schema, so parallel test files do not collide. */
  schema?: string;
  /** Drop the schema at close: for throwaway test schemas only. */
  dropSchemaOnClose?: boolean;
  maxConnections?: number;
}

// Both backends must hand back the same JS values: bigint as number (our
// counters stay far below 2^53) and date as 'YYYY-MM-DD' (a JS Date would
// shift with the server's time zone).
const INT8_OID = 20;
const DATE_OID = 1082;

export async function openPglite(options: PgliteOptions): Promise<Database> {
  if (options.dataDir !== MEMORY_DATA_DIR) await mkdir(options.dataDir, { recursive: true });
  const lite = await PGlite.create(options.dataDir, {
    parsers: { [INT8_OID]: (value: string) => Number(value), [DATE_OID]: (value: string) => value },
  });
  const run = (target: PGlite | Transaction): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const result = await target.query<T>(sql, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...run(lite),
    channel: (name) => name,
    async listen(channel, onMessage) {
      const stop = await lite.listen(channel, onMessage);
      return async () => {
        if (!lite.closed) await stop();
      };
    },
    transaction: (fn) => lite.transaction((tx) => fn(run(tx))),
    async close() {
      if (!lite.closed) await lite.close();
    },
  };
}

// Kept out of identifiers we splice into SQL; schema names come from our own code only.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function pgTypes(): { getTypeParser: typeof pg.types.getTypeParser } {
  return {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === INT8_OID) return (value: string) => Number(value);
      if (oid === DATE_OID) return (value: string) => value;
      return pg.types.getTypeParser(oid, format as 'text');
    }) as typeof pg.types.getTypeParser,
  };
}

export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid schema name "${schema}"`);
  }
  const base = { connectionString: options.url, types: pgTypes() };
  if (schema !== undefined) await createSchema(base, schema);
  const pool = new pg.Pool({
    ...base,
    max: options.maxConnections ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  let closed = false;
  const run = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const result = await target.query(sql, params);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await target.query(sql);
    },
  });
  const channel = (name: string) => (schema === undefined ? name : `${name}_${schema}`);
  return {
    kind: 'postgres',
    ...run(pool),
    channel,
    listen: (name, onMessage) => listenOn(base, channel(name), onMessage),
    transaction: (fn) => inPgTransaction(pool, (client) => fn(run(client))),
    async close() {
      if (closed) return;
      closed = true;
      if (schema !== undefined && options.dropSchemaOnClose) {
        await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      }
      await pool.end();
    },
  };
}

async function listenOn(base: pg.ClientConfig, channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
  const client = new pg.Client(base);
  // A lost listener connection only delays pokes: clients also pull on an interval.
  client.on('error', () => {});
  await client.connect();
  client.on('notification', (message) => {
    if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
  });
  await client.query(`LISTEN "${channel}"`);
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    await client.end().catch(() => {});
  };
}

async function createSchema(base: pg.ClientConfig, schema: string): Promise<void> {
  const client = new pg.Client(base);
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end();
  }
}

async function inPgTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // A connection that cannot roll back is discarded instead of returned to the pool.
      broken = rollbackError as Error;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Opens PostgreSQL when a URL is configured, otherwise the embedded PGlite. */
export function openDatabase(config: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return config.databaseUrl !== undefined
    ? openPostgres({ url: config.databaseUrl })
    : openPglite({ dataDir: config.dataDir });
}
