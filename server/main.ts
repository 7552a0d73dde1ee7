import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import { redactDatabaseUrl, type ServerConfig } from './config';
import { buildApp } from './http/app';
import { openDatabase, type Database } from './store/db';
import { migrate } from './store/migrate';
import { compactChangeLog } from './sync/changelog';
import { databaseEvents } from './sync/events';
import { DEFAULT_RESULT_RETENTION_DAYS, pruneMutationResults } from './sync/prune';
import { now } from '../shared/clock';

const COMPACTION_INTERVAL_MS = 60 * 60_000;

/**
 * Hourly, removes change-log entries older than the retention (clients further behind re-fetch their
 * scope) and acknowledged push results past theirs; the push results also right at start.
 */
function scheduleCompaction(db: Database, retentionDays: number, onError: (error: unknown) => void): NodeJS.Timeout {
  const prune = () => {
    pruneMutationResults(db, { before: new Date(now().getTime() - DEFAULT_RESULT_RETENTION_DAYS * 86_400_000) }).catch(onError);
  };
  const run = () => {
    compactChangeLog(db, new Date(now().getTime() - retentionDays * 86_400_000)).catch(onError);
    prune();
  };
  prune();
  const timer = setInterval(run, COMPACTION_INTERVAL_MS);
  timer.unref();
  return timer;
}

export type StartupErrorCode =
  | 'STATIC_DIR_MISSING'
  | 'UPDATES_DIR_MISSING'
  | 'DB_UNAVAILABLE'
  | 'MIGRATION_FAILED'
  | 'STARTUP_HOOK_FAILED'
  | 'PORT_IN_USE'
  | 'PORT_FORBIDDEN'
  | 'LISTEN_FAILED';

/** Why the server could not start, in words an operator can act on. */
export class StartupError extends Error {
  constructor(
    readonly code: StartupErrorCode,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StartupError';
  }
}

export interface StartOptions {
  /** Runs after migrations, before the port opens (e.g. seeding a demo province). */
  onReady?: (db: Database) => Promise<void> | void;
  logger?: FastifyServerOptions['logger'];
}

export interface RunningServer {
  url: string;
  db: Database;
  /** Stops accepting requests, lets in-flight ones finish, then closes the database. Idempotent. */
  close(): Promise<void>;
}

export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  if (config.staticDir !== undefined) await assertStaticDir(config.staticDir);
  if (config.updatesDir !== undefined) await assertUpdatesDir(config.updatesDir);
  const db = await openReadyDatabase(config);
  try {
    await step('MIGRATION_FAILED', 'Database migration failed', () => migrate(db));
    if (options.onReady) {
      const onReady = options.onReady;
      await step('STARTUP_HOOK_FAILED', 'Start-up task failed', () => onReady(db));
    }
    // The bus is made before the app; it logs a lost LISTEN connection through the app's logger.
    const events = await databaseEvents(db, {
      logger: { error: (details, message) => app.log.error(details, message), info: (details, message) => app.log.info(details, message) },
    });
    const app = buildApp({
      db,
      config,
      logger: options.logger,
      events,
      trustProxy: config.trustProxy,
      settings: { tokenTtlDays: config.tokenTtlDays },
    });
    app.addHook('onClose', async () => events.close());
    const compaction = scheduleCompaction(db, config.logRetentionDays, (error) => app.log.warn({ err: error }, 'change log compaction or push-result pruning failed'));
    app.addHook('onClose', async () => clearInterval(compaction));
    await listen(app, config);
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${formatHost(config.host)}:${port}`,
      db,
      close: () => (closing ??= app.close().then(() => db.close())),
    };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

/** Closes the server on SIGINT/SIGTERM, then exits; a second signal kills at once. */
export function closeOnSignals(server: RunningServer, onClosed: () => void): void {
  const shutdown = (): void => {
    server.close().then(onClosed, onClosed);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function assertStaticDir(dir: string): Promise<void> {
  try {
    await access(path.join(dir, 'index.html'));
  } catch {
    throw new StartupError(
      'STATIC_DIR_MISSING',
      `STATIC_DIR ${dir} has no index.html; build the renderer first (npm run build:renderer)`,
    );
  }
}

async function assertUpdatesDir(dir: string): Promise<void> {
  const isFolder = await stat(dir).then((found) => found.isDirectory(), () => false);
  if (!isFolder) {
    throw new StartupError('UPDATES_DIR_MISSING', `UPDATES_DIR ${dir} is not a folder; create it and publish a release into it (docs/deploy.md, "Desktop updates")`);
  }
}

async function openReadyDatabase(config: ServerConfig): Promise<Database> {
  const where =
    config.databaseUrl === undefined
      ? `the embedded database (PGlite) in ${config.dataDir}`
      : `PostgreSQL at ${redactDatabaseUrl(config.databaseUrl)}`;
  let db: Database | undefined;
  try {
    db = await openDatabase(config);
    // pg connects lazily; ask once so a wrong URL fails here, not at the first request.
    await db.query('SELECT 1');
    return db;
  } catch (error) {
    await db?.close().catch(() => {});
    throw new StartupError('DB_UNAVAILABLE', `Cannot open ${where}: ${messageOf(error)}`, error);
  }
}

async function step<T>(code: StartupErrorCode, what: string, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StartupError(code, `${what}: ${messageOf(error)}`, error);
  }
}

async function listen(app: ReturnType<typeof buildApp>, config: ServerConfig): Promise<void> {
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close().catch(() => {});
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new StartupError(
        'PORT_IN_USE',
        `Port ${config.port} is already in use; set PORT=... to another port`,
        error,
      );
    }
    if (code === 'EACCES') {
      throw new StartupError(
        'PORT_FORBIDDEN',
        `Not allowed to listen on port ${config.port}; choose a port above 1023 with PORT=...`,
        error,
      );
    }
    throw new StartupError(
      'LISTEN_FAILED',
      `Cannot listen on ${config.host}:${config.port}: ${messageOf(error)}`,
      error,
    );
  }
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    // AggregateError (e.g. ECONNREFUSED on both IPv4 and IPv6) has an empty message.
    if (error.message === '' && error instanceof AggregateError) {
      return error.errors.map(messageOf).join('; ');
    }
    return error.message;
  }
  return String(error);
}
