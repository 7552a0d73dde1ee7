/**
 * The `eplan-server` commands other than `serve`: `migrate`, `create-admin`
 * and `check`. Each takes the loaded configuration and an `Io` (where to
 * print, how to ask for a password), so tests run them in-process against a
 * real database. A command answers with an exit code; a refusal is one
 * sentence on `error`, never a stack.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { createUserSchema } from './http/admin';
import { hashPassword, passwordProblem } from './auth/password';
import { openDatabase, type Database } from './store/db';
import { currentSchemaVersion, latestMigrationVersion, migrate } from './store/migrate';
import type { ServerConfig } from './config';
import { ensureDemoLogins, seedDemoIfEmpty } from './demo-seed';
import { DEMO_SIZES, type DemoSize } from '../shared/demo/generate';

export interface Io {
  print(line: string): void;
  error(line: string): void;
  /** Asks for a secret on the terminal without echoing it; null when there is no terminal. */
  askSecret(prompt: string): Promise<string | null>;
  /** Everything on standard input (for `--password-file -`). */
  readStdin(): Promise<string>;
}

export const COMMANDS = ['serve', 'migrate', 'create-admin', 'check', 'dump'] as const;
export type Command = (typeof COMMANDS)[number];

export const USAGE = `Usage: eplan-server <command> [options]

Commands:
  serve [--seed-demo [--demo-size everyday|light]]
                           run the sync server (the default command); --seed-demo
                           fills an empty database with the demo province, light
                           being the same LAOs and users with a third of the rows
  migrate                  bring the database schema up to date, then exit
  create-admin --username NAME --display-name "NAME" [--password-file FILE]
                           create the first (or another) administrator; the
                           password is typed twice, or read from FILE (- reads
                           standard input); it is never taken from the command line
  check                    check the configuration and that the database answers
  dump --to FILE [--seed-demo [--demo-size everyday|light]]
                           PGlite only: write the whole database (migrated, with the
                           demo province when asked) to FILE, which LOAD_DUMP starts
                           an in-memory server from (training, rehearsals, tests);
                           for PostgreSQL use pg_dump

Configuration comes from environment variables (DATABASE_URL, DATA_DIR, PORT,
HOST, STATIC_DIR, ...); see docs/deploy.md.`;

/** Reads `--name value` pairs; a bare flag is true. Unknown options are the caller's to refuse. */
export function parseOptions(args: readonly string[]): Map<string, string | true> {
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) throw new CommandError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (inline !== undefined) options.set(name, inline);
    else if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('--')) options.set(name, args[(i += 1)]!);
    else options.set(name, true);
  }
  return options;
}

export class CommandError extends Error {}

/** The demo province's size asked for with `--demo-size` (only beside --seed-demo); everyday when not given. */
export function demoSizeOption(options: Map<string, string | true>): DemoSize {
  const size = options.get('demo-size');
  if (size === undefined) return 'everyday';
  if (!options.has('seed-demo')) throw new CommandError('--demo-size goes with --seed-demo');
  const known = DEMO_SIZES.find((name) => name === size);
  if (!known) throw new CommandError(`--demo-size must be one of ${DEMO_SIZES.join(', ')}`);
  return known;
}

/** Refuses any option outside `allowed`, and a password given on the command line with the way to give it instead. */
export function only(options: Map<string, string | true>, allowed: readonly string[]): void {
  for (const name of options.keys()) {
    if (name === 'password') throw new CommandError('a password is never taken from the command line: type it when asked, or use --password-file FILE');
    if (!allowed.includes(name)) throw new CommandError(`unknown option --${name}`);
  }
}

/** Which database the configuration names, for messages (never the URL: it may hold a password). */
export function describeDatabase(config: ServerConfig): string {
  return config.databaseUrl === undefined ? `PGlite at ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
}

/** How a command reaches its database; tests give their own (an isolated PostgreSQL schema). */
export type OpenDatabase = (config: ServerConfig) => Promise<Database>;

async function withDatabase<T>(config: ServerConfig, open: OpenDatabase, use: (db: Database) => Promise<T>): Promise<T> {
  let db: Database;
  try {
    db = await open(config);
  } catch (error) {
    throw new CommandError(`cannot open the database (${describeDatabase(config)}): ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return await use(db);
  } finally {
    await db.close().catch(() => {});
  }
}

export async function migrateCommand(config: ServerConfig, args: readonly string[], io: Io, open: OpenDatabase = openDatabase): Promise<number> {
  only(parseOptions(args), []);
  return withDatabase(config, open, async (db) => {
    const report = await migrate(db);
    io.print(report.applied.length === 0
      ? `The schema is up to date (version ${report.current}); nothing to do.`
      : `Applied migrations ${report.applied.join(', ')}; the schema is at version ${report.current}.`);
    return 0;
  });
}

const adminInput = z.object({ username: createUserSchema.shape.username, displayName: createUserSchema.shape.displayName });

async function readPassword(options: Map<string, string | true>, io: Io): Promise<string> {
  const file = options.get('password-file');
  if (file === true) throw new CommandError('--password-file needs a file name (or - for standard input)');
  if (file !== undefined) {
    const text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new CommandError(`cannot read the password file ${file}: ${error.code ?? error.message}`);
    });
    // The file's last line break is not part of the password.
    return text.replace(/\r?\n$/, '');
  }
  const first = await io.askSecret('Password for the new administrator: ');
  if (first === null) throw new CommandError('no terminal to type the password on: use --password-file FILE (or - for standard input)');
  const again = await io.askSecret('The same password again: ');
  if (again !== first) throw new CommandError('the two passwords differ; nothing was created');
  return first;
}

export async function createAdminCommand(config: ServerConfig, args: readonly string[], io: Io, open: OpenDatabase = openDatabase): Promise<number> {
  const options = parseOptions(args);
  only(options, ['username', 'display-name', 'password-file']);
  const parsed = adminInput.safeParse({ username: options.get('username'), displayName: options.get('display-name') });
  if (!parsed.success) {
    throw new CommandError('give --username (3 to 32 of a-z, 0-9, ".", "_", "-", starting with a letter or digit) and --display-name "Full name"');
  }
  const password = await readPassword(options, io);
  const problem = passwordProblem(password);
  if (problem) throw new CommandError('the password must have 8 to 256 characters; nothing was created');
  return withDatabase(config, open, async (db) => {
    // A new database is made ready first, so create-admin works as the very first command.
    await migrate(db);
    const inserted = await db.query(
      `INSERT INTO users (id, username, display_name, role, province_codes, lao_ids, password_hash)
       VALUES ($1, $2, $3, 'admin', $4, NULL, $5) ON CONFLICT (username) DO NOTHING`,
      [randomUUID(), parsed.data.username, parsed.data.displayName, [], await hashPassword(password)],
    );
    if (inserted.rowCount === 0) throw new CommandError(`the username ${parsed.data.username} is already used; nothing was changed`);
    io.print(`Administrator ${parsed.data.username} created. Sign in with it in the app, then add the other users under ผู้ใช้ (Users).`);
    return 0;
  });
}

export async function checkCommand(config: ServerConfig, args: readonly string[], io: Io, open: OpenDatabase = openDatabase): Promise<number> {
  only(parseOptions(args), []);
  io.print(`Configuration: OK (listens on ${config.host}:${config.port}, database ${describeDatabase(config)}${config.staticDir ? `, app from ${config.staticDir}` : ''}${config.updatesDir ? `, desktop updates from ${config.updatesDir}` : ''})`);
  return withDatabase(config, open, async (db) => {
    await db.query('SELECT 1');
    io.print('Database: answers');
    const latest = await latestMigrationVersion();
    const tables = await db.query<{ found: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS found");
    const current = tables.rows[0]?.found ? await currentSchemaVersion(db) : 0;
    if (current < latest) {
      io.error(`Schema: version ${current}, this server needs ${latest}: run "eplan-server migrate" (serve also migrates at start)`);
      return 1;
    }
    if (current > latest) {
      io.error(`Schema: version ${current} is newer than this server (${latest}): install the newer server`);
      return 1;
    }
    const admins = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled");
    io.print(`Schema: up to date (version ${current})`);
    if ((admins.rows[0]?.n ?? 0) === 0) {
      io.error('Administrators: none; create the first with "eplan-server create-admin --username NAME --display-name \\"NAME\\""');
      return 1;
    }
    io.print(`Administrators: ${admins.rows[0]!.n}`);
    return 0;
  });
}

export async function dumpCommand(config: ServerConfig, args: readonly string[], io: Io, open: OpenDatabase = openDatabase): Promise<number> {
  const options = parseOptions(args);
  only(options, ['to', 'seed-demo', 'demo-size']);
  const size = demoSizeOption(options);
  const target = options.get('to');
  if (typeof target !== 'string') throw new CommandError('give --to FILE, the file to write the dump to');
  if (config.databaseUrl !== undefined) throw new CommandError('dump is for the embedded PGlite database; back up PostgreSQL with pg_dump (docs/deploy.md)');
  return withDatabase(config, open, async (db) => {
    if (!db.dump) throw new CommandError('this database cannot be dumped');
    await migrate(db);
    if (options.has('seed-demo')) {
      await seedDemoIfEmpty(db, io.print, undefined, size);
      await ensureDemoLogins(db, io.print);
    }
    const bytes = await db.dump();
    // Written beside the target and renamed, so a reader never sees half a dump.
    const partial = `${target}.${randomUUID()}.partial`;
    await writeFile(partial, bytes);
    await rename(partial, target);
    io.print(`Wrote ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB to ${target}; start a server from it with DATA_DIR=memory:// LOAD_DUMP=${target}`);
    return 0;
  });
}
