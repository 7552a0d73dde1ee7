/**
 * The real sync server for benchmarks: `server/cli.ts` in its own Node
 * process on a loopback port (as `npm run server` runs it), over a database
 * made fresh for the run, so the bench process never shares its event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../../server/store/db';
import { migrate } from '../../server/store/migrate';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where benchmarks find PostgreSQL; the bench makes its own database next to the one named here. */
export const POSTGRES_URL = process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';

export type BackendKind = 'pglite' | 'postgres';

export interface BenchDatabase {
  kind: BackendKind;
  /** Environment for the server process: DATABASE_URL or DATA_DIR. */
  env: Record<string, string>;
  /** A connection of the bench itself (seeding, checks); close it before a PGlite server starts. */
  open(): Promise<Database>;
  /** Removes the database. */
  drop(): Promise<void>;
}

/** URL of another database on the same PostgreSQL server. */
export function postgresUrlFor(database: string, base = POSTGRES_URL): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function onMaintenanceDb<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrlFor('postgres') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A dedicated PostgreSQL database (dropped and made again), so the test database's tables are never touched. */
export async function freshPostgres(name: string): Promise<BenchDatabase> {
  if (!DATABASE_NAME.test(name)) throw new Error(`invalid database name ${name}`);
  const drop = () => onMaintenanceDb(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  await drop();
  await onMaintenanceDb(async (c) => void (await c.query(`CREATE DATABASE ${name}`)));
  const url = postgresUrlFor(name);
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url },
    async open() {
      const db = await openPostgres({ url, maxConnections: 8 });
      await migrate(db);
      return db;
    },
    drop,
  };
}

/** A PGlite folder of its own under the system temp folder. */
export async function freshPglite(prefix: string): Promise<BenchDatabase> {
  const dir = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
  return {
    kind: 'pglite',
    env: { DATA_DIR: dir },
    async open() {
      const db = await openPglite({ dataDir: dir });
      await migrate(db);
      return db;
    },
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

let signalsHandled = false;
/** SIGINT/SIGTERM end the bench through process.exit, so 'exit' handlers stop its servers. */
function exitOnSignals(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** SIGTERM, then waits for the exit (the server closes gracefully). */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  port: number;
  env: Record<string, string>;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeFlags?: string[];
  timeoutMs?: number;
}

/** Starts `server/cli.ts` and resolves when it prints that it listens. */
export function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', path.join(REPO_ROOT, 'server/cli.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(options.port), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exitOnSignals();
  // A bench that ends (or is stopped) takes its server with it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  child.once('exit', () => process.off('exit', orphanGuard));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`server on port ${options.port} did not start in time:\n${output}`)), options.timeoutMs ?? 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on (http:\/\/\S+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining, so a chatty server never blocks on a full pipe; warnings still reach us.
        child.stdout?.resume();
        child.stderr?.on('data', (data: Buffer) => process.stderr.write(`[server ${options.port}] ${data.toString()}`));
        resolve({ url: listening[1]!, pid: child.pid!, stop: () => stopChild(child) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (data: Buffer) => (output += data.toString()));
    child.once('exit', (code) => fail(new Error(`server on port ${options.port} exited with ${code}:\n${output}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
