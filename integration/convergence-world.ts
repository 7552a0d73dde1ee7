/**
 * The server side of the client convergence test: the real sync server on a
 * test database, reached through Fastify's inject, with the two faults only a
 * server can have: it dies in the middle of a push transaction (the
 * transaction rolls back, the connection drops, a new process starts over the
 * same database) and, on PostgreSQL, transactions that take their time so
 * that they commit in another order than they began.
 */
import type { Database, Queryable } from '../server/store/db';
import { openMigrated, type TestBackend } from '../server/store/test-backends';
import { P1, seedWorld, startTestApp, type TestApp } from '../server/sync/test-kit';

export class ServerCrash extends Error {
  constructor() {
    super('the server process died mid-transaction');
  }
}

/** The database as the app sees it: can be told to fail the n-th statement of its next transactions. */
class FaultyDatabase implements Database {
  readonly kind: Database['kind'];
  /** Statements (inside transactions) still allowed before the simulated crash; null = no crash armed. */
  crashIn: number | null = null;
  crashed = false;
  /** Upper bound of a random pause before each statement inside a transaction (0 = none). */
  jitterMs = 0;

  constructor(private readonly inner: Database) {
    this.kind = inner.kind;
    if (inner.listen) this.listen = inner.listen.bind(inner);
    if (inner.channel) this.channel = inner.channel.bind(inner);
  }

  listen?: Database['listen'];
  channel?: Database['channel'];

  query<T>(sql: string, params?: unknown[]) {
    return this.inner.query<T>(sql, params);
  }

  exec(sql: string) {
    return this.inner.exec(sql);
  }

  /** Writing transactions that committed after one that began later. */
  outOfOrderCommits = 0;
  private began = 0;
  private latestCommitted = 0;

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const ticket = ++this.began;
    let wrote = false;
    const result = await this.inner.transaction((tx) =>
      fn({
        query: async <R>(sql: string, params?: unknown[]) => {
          wrote ||= /^\s*(INSERT|UPDATE|DELETE)/i.test(sql);
          if (this.jitterMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * this.jitterMs));
          if (this.crashIn !== null && --this.crashIn <= 0) {
            this.crashIn = null;
            this.crashed = true;
            throw new ServerCrash();
          }
          return tx.query<R>(sql, params);
        },
        exec: (sql) => tx.exec(sql),
      }),
    );
    if (wrote) {
      if (ticket < this.latestCommitted) this.outOfOrderCommits += 1;
      this.latestCommitted = Math.max(this.latestCommitted, ticket);
    }
    return result;
  }

  async close() {
    await this.inner.close();
  }
}

export interface ConvergenceWorld {
  /** The real database, for assertions. */
  db: Database;
  /** Delivers one request to the current server process. */
  deliver(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /**
   * Delivers a request during which the server process dies after `statements`
   * statements of its transaction; true when it died (then a new process is
   * already running and the caller must treat the connection as dropped).
   */
  deliverWithCrash(input: RequestInfo | URL, init: RequestInit | undefined, statements: number): Promise<{ crashed: boolean; response: Response }>;
  /** Pauses statements inside transactions randomly, so concurrent transactions commit out of order. */
  setJitter(ms: number): void;
  /** An app for direct calls (logins, the foreign province's writer). */
  app(): TestApp;
  restarts: number;
  /** Writing transactions that committed after a later-begun one (the case a plain sequence cursor gets wrong). */
  outOfOrderCommits(): number;
  /** The change-log head of the province the officers work in. */
  head(): Promise<number>;
  /** Empties the records and every sync table between scenarios (logins stay valid). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startConvergenceWorld(backend: TestBackend): Promise<ConvergenceWorld> {
  const db = await openMigrated(backend);
  await seedWorld(db);
  const faulty = new FaultyDatabase(db);
  let current = await startTestApp(faulty);

  const deliver = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const response = await current.app.inject({
      method: (init?.method ?? 'GET') as 'GET' | 'POST',
      url: url.pathname + url.search,
      headers: (init?.headers ?? {}) as Record<string, string>,
      ...(init?.body ? { payload: String(init.body) } : {}),
    });
    return new Response(response.body === '' ? null : response.body, { status: response.statusCode, headers: { 'content-type': 'application/json' } });
  };

  const world: ConvergenceWorld = {
    db,
    deliver,
    restarts: 0,
    outOfOrderCommits: () => faulty.outOfOrderCommits,
    async deliverWithCrash(input, init, statements) {
      faulty.crashed = false;
      faulty.crashIn = statements;
      const response = await deliver(input, init);
      faulty.crashIn = null;
      if (!faulty.crashed) return { crashed: false, response };
      // The process is gone: close it (in-flight work is over) and start a new one on the same database.
      faulty.crashed = false;
      await current.app.close();
      current = await startTestApp(faulty);
      world.restarts += 1;
      return { crashed: true, response };
    },
    setJitter(ms) {
      faulty.jitterMs = ms;
    },
    app: () => current,
    async head() {
      const { rows } = await db.query<{ n: number }>('SELECT n FROM province_counters WHERE province_code = $1', [P1]);
      return rows[0]?.n ?? 0;
    },
    async reset() {
      await db.exec('TRUNCATE records, change_log, conflicts, sync_mutations, sync_devices, province_counters');
    },
    async close() {
      await current.app.close();
      await db.close();
    },
  };
  return world;
}
