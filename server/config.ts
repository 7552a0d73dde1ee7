import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { Result } from '../shared/result';

/** Where PGlite keeps its files when DATA_DIR asks for no files at all. */
export const MEMORY_DATA_DIR = 'memory://';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the server embeds PGlite. */
  databaseUrl?: string;
  /** Absolute folder for PGlite files, or `memory://`. */
  dataDir: string;
  /** Absolute folder of the built renderer to serve, if any. */
  staticDir?: string;
  /** Absolute folder of desktop installers and latest.yml, served under /updates/ (the desktop app's update feed). */
  updatesDir?: string;
  logLevel: LogLevel;
  /** Days a device token stays valid after login. */
  tokenTtlDays: number;
  /** Days the sync change log is kept; clients offline longer re-fetch their scope. */
  logRetentionDays: number;
  /** Behind a TLS proxy: the proxies whose X-Forwarded-For is believed (addresses or CIDRs), or how many hops; false = none. */
  trustProxy: TrustProxy;
  /** EPLAN_NOW: the instant the server's clock starts at (rehearsals and tests); absent = the system clock. */
  clockStart?: string;
  /** LOAD_DUMP: an in-memory PGlite starts from this dump (`eplan-server dump`): training, rehearsals, tests. */
  loadDump?: string;
}

/** Fastify's trustProxy without `true`, which would believe the left-most X-Forwarded-For a client writes itself. */
export type TrustProxy = false | number | string[];

export interface ConfigIssue {
  key: string;
  message: string;
}

export interface ConfigError {
  code: 'CONFIG_INVALID';
  message: string;
  issues: ConfigIssue[];
}

export type ConfigResult = Result<ServerConfig, ConfigError>;

// An empty variable (`PORT=`) means "not set", as shells and .env files commonly produce it.
const unsetIfBlank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }, schema);

const PORT_MESSAGE = 'must be a whole number from 0 to 65535';
const DAYS_MESSAGE = 'must be a whole number of days, at least one and at most ten years';

const envSchema = z.object({
  PORT: unsetIfBlank(
    z.coerce
      .number({ error: PORT_MESSAGE })
      .int(PORT_MESSAGE)
      .min(0, PORT_MESSAGE)
      .max(65535, PORT_MESSAGE)
      .default(8787),
  ),
  HOST: unsetIfBlank(z.string().default('127.0.0.1')),
  DATABASE_URL: unsetIfBlank(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  ),
  DATA_DIR: unsetIfBlank(z.string().default('./data/server')),
  STATIC_DIR: unsetIfBlank(z.string().optional()),
  UPDATES_DIR: unsetIfBlank(z.string().max(4096, 'is too long').regex(/^[^\0]*$/, 'must be a folder path').optional()),
  LOG_LEVEL: unsetIfBlank(
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('warn'),
  ),
  TOKEN_TTL_DAYS: unsetIfBlank(z.coerce.number({ error: DAYS_MESSAGE }).int(DAYS_MESSAGE).min(1, DAYS_MESSAGE).max(3650, DAYS_MESSAGE).default(90)),
  SYNC_LOG_RETENTION_DAYS: unsetIfBlank(z.coerce.number({ error: DAYS_MESSAGE }).int(DAYS_MESSAGE).min(1, DAYS_MESSAGE).max(3650, DAYS_MESSAGE).default(30)),
  TRUST_PROXY: unsetIfBlank(z.string().default('false').transform(parseTrustProxy)),
  LOAD_DUMP: unsetIfBlank(z.string().optional()),
  EPLAN_NOW: unsetIfBlank(z.iso.datetime({ offset: true, error: 'must be an ISO date and time with its offset, such as 2026-10-01T09:00:00+07:00' }).optional()),
});

const TRUST_PROXY_MESSAGE = 'must be false, a number of proxy hops, or a comma list of proxy addresses or CIDRs (true is refused: any client could pick its own address)';

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** TRUST_PROXY: `false`, a hop count such as `1`, or `10.0.0.5, 10.1.0.0/16`. */
function parseTrustProxy(value: string, context: z.core.$RefinementCtx<string>): TrustProxy {
  if (value === 'false') return false;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  if (value !== 'true' && entries.every(isAddressOrCidr)) return entries;
  context.addIssue({ code: 'custom', message: TRUST_PROXY_MESSAGE });
  return z.NEVER;
}

/**
 * Reads the server configuration from environment variables. Relative folders
 * are resolved against `cwd` so the rest of the server only sees absolute paths.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): ConfigResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      key: String(issue.path[0] ?? 'environment'),
      message: issue.message,
    }));
    const summary = issues.map((issue) => `${issue.key} ${issue.message}`).join('; ');
    return {
      ok: false,
      error: { code: 'CONFIG_INVALID', message: `Invalid server configuration: ${summary}`, issues },
    };
  }
  const env_ = parsed.data;
  if (env_.LOAD_DUMP !== undefined && (env_.DATA_DIR !== MEMORY_DATA_DIR || env_.DATABASE_URL !== undefined)) {
    const message = 'is only for an in-memory database: set DATA_DIR=memory:// and no DATABASE_URL (a database on disk or PostgreSQL is never overwritten from a dump)';
    return { ok: false, error: { code: 'CONFIG_INVALID', message: `Invalid server configuration: LOAD_DUMP ${message}`, issues: [{ key: 'LOAD_DUMP', message }] } };
  }
  const config: ServerConfig = {
    port: env_.PORT,
    host: env_.HOST,
    dataDir: env_.DATA_DIR === MEMORY_DATA_DIR ? MEMORY_DATA_DIR : path.resolve(cwd, env_.DATA_DIR),
    logLevel: env_.LOG_LEVEL,
    tokenTtlDays: env_.TOKEN_TTL_DAYS,
    logRetentionDays: env_.SYNC_LOG_RETENTION_DAYS,
    trustProxy: env_.TRUST_PROXY,
  };
  if (env_.DATABASE_URL !== undefined) config.databaseUrl = env_.DATABASE_URL;
  if (env_.STATIC_DIR !== undefined) config.staticDir = path.resolve(cwd, env_.STATIC_DIR);
  if (env_.UPDATES_DIR !== undefined) config.updatesDir = path.resolve(cwd, env_.UPDATES_DIR);
  if (env_.EPLAN_NOW !== undefined) config.clockStart = env_.EPLAN_NOW;
  if (env_.LOAD_DUMP !== undefined) config.loadDump = path.resolve(cwd, env_.LOAD_DUMP);
  return { ok: true, value: config };
}

/** A connection string safe to print: the password is replaced. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}
