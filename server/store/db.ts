import { mkdir, readFile } from 'node:fs/promises';
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
  /**
   * LISTEN on a channel (see `channel`); resolves to a stop function. On PostgreSQL a
   * dedicated connection, re-opened with backoff when it is lost (see ListenOptions).
   */
  listen?(channel: string, onMessage: (payload: string) => void, options?: ListenOptions): Promise<() => Promise<void>>;
  /** The channel name NOTIFY must use for `listen(name)` (isolated per schema). */
  channel?(name: string): string;
  /** PGlite only: the whole database as a gzipped tar, which LOAD_DUMP starts from. */
  dump?(): Promise<Uint8Array>;
}

export interface ListenOptions {
  /** The connection was lost or could not be re-opened; the next attempt is in `retryInMs`. */
  onError?(error: unknown, retryInMs: number): void;
  /** LISTEN is in place again after a loss; notifications sent meanwhile were missed. */
  onReconnect?(): void;
  backoff?: { baseMs: number; maxMs: number };
}

export const LISTEN_BACKOFF = { baseMs: 500, maxMs: 30_000 } as const;

/** The wait before re-opening a lost LISTEN connection, attempt 1 first: doubling, capped. */
export function listenRetryDelay(attempt: number, backoff: { baseMs: number; maxMs: number } = LISTEN_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
}

export interface PgliteOptions {
  /** A folder for the database files, or `memory://`. */
  dataDir: string;
  /** A dump made by dumpPglite, loaded into a new in-memory database. */
  loadDataDir?: Blob;
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
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
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
    dump: async () => new Uint8Array(await (await lite.dumpDataDir('gzip')).arrayBuffer()),
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
    listen: (name, onMessage, listenOptions) => listenOn(base, channel(name), onMessage, listenOptions),
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

/**
 * LISTEN on a connection of its own. A lost connection (the server restarted, a
 * proxy dropped it, the backend was terminated) is reported and re-opened with
 * backoff, LISTEN again, until stopped.
 */
async function listenOn(base: pg.ClientConfig, channel: string, onMessage: (payload: string) => void, options: ListenOptions = {}): Promise<() => Promise<void>> {
  let current: pg.Client | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const open = async (): Promise<void> => {
    const client = new pg.Client(base);
    // Both fire for one loss; `lost` acts once per client.
    client.on('error', (error) => lost(client, error));
    client.on('end', () => lost(client, new Error('LISTEN connection ended')));
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onMessage(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (stopped) await client.end().catch(() => {});
    else current = client;
  };

  const retryLater = (error: unknown) => {
    attempt += 1;
    const delay = listenRetryDelay(attempt, options.backoff);
    options.onError?.(error, delay);
    timer = setTimeout(() => {
      if (stopped) return;
      open().then(
        () => {
          attempt = 0;
          if (!stopped) options.onReconnect?.();
        },
        retryLater,
      );
    }, delay);
  };

  function lost(client: pg.Client, error: unknown): void {
    if (stopped || client !== current) return;
    current = null;
    client.end().catch(() => {});
    retryLater(error);
  }

  await open();
  return async () => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    const client = current;
    current = null;
    await client?.end().catch(() => {});
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

/** Opens PostgreSQL when a URL is configured, otherwise the embedded PGlite (from a dump when one is given). */
export async function openDatabase(config: { databaseUrl?: string; dataDir: string; loadDump?: string }): Promise<Database> {
  if (config.databaseUrl !== undefined) return openPostgres({ url: config.databaseUrl });
  if (config.loadDump === undefined) return openPglite({ dataDir: config.dataDir });
  const bytes = await readFile(config.loadDump);
  return openPglite({ dataDir: config.dataDir, loadDataDir: new Blob([bytes]) });
}
