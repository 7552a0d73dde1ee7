import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCommand, CommandError, createAdminCommand, demoSizeOption, dumpCommand, migrateCommand, parseOptions, type Io, type OpenDatabase } from './commands';
import { loadConfig, type ServerConfig } from './config';
import { verifyPassword } from './auth/password';
import { testBackends } from './store/test-backends';
import { openDatabase, type Database } from './store/db';
import { latestMigrationVersion } from './store/migrate';

interface Captured extends Io {
  out: string[];
  err: string[];
  secrets: (string | null)[];
}

function io(secrets: (string | null)[] = [], stdin = ''): Captured {
  const captured: Captured = {
    out: [],
    err: [],
    secrets,
    print: (line) => captured.out.push(line),
    error: (line) => captured.err.push(line),
    askSecret: async () => (captured.secrets.length > 0 ? captured.secrets.shift()! : null),
    readStdin: async () => stdin,
  };
  return captured;
}

function configFor(dir: string): ServerConfig {
  const loaded = loadConfig({ DATA_DIR: dir, PORT: '0' });
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
}

describe('parseOptions', () => {
  it('reads --name value, --name=value and bare flags', () => {
    expect([...parseOptions(['--username', 'root', '--display-name=A B', '--seed-demo'])]).toEqual([['username', 'root'], ['display-name', 'A B'], ['seed-demo', true]]);
  });
  it('reads --demo-size beside --seed-demo, everyday when not given, and refuses anything else', () => {
    expect(demoSizeOption(parseOptions(['--seed-demo']))).toBe('everyday');
    expect(demoSizeOption(parseOptions(['--seed-demo', '--demo-size', 'light']))).toBe('light');
    expect(demoSizeOption(parseOptions(['--demo-size=everyday', '--seed-demo']))).toBe('everyday');
    expect(() => demoSizeOption(parseOptions(['--seed-demo', '--demo-size', 'huge']))).toThrow(/must be one of everyday, light/);
    expect(() => demoSizeOption(parseOptions(['--seed-demo', '--demo-size']))).toThrow(/must be one of/);
    expect(() => demoSizeOption(parseOptions(['--demo-size', 'light']))).toThrow(/goes with --seed-demo/);
  });

  it('refuses a stray argument', () => {
    expect(() => parseOptions(['root'])).toThrow(CommandError);
  });
});

describe.each(testBackends)('eplan-server commands on $kind', (backend) => {
  let dir: string;
  let db: Database | undefined;
  let config: ServerConfig;
  // PGlite: a real data directory, opened by each command as in production. PostgreSQL: one isolated
  // schema, kept open across commands (its close drops it) and closed by the test.
  let open: OpenDatabase;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eplan-commands-'));
    config = configFor(path.join(dir, 'data'));
    if (backend.kind === 'pglite') {
      open = (c) => import('./store/db').then((m) => m.openDatabase(c));
    } else {
      db = await backend.open();
      const shared = db;
      open = async () => ({ ...shared, query: shared.query.bind(shared), exec: shared.exec.bind(shared), transaction: shared.transaction.bind(shared), close: async () => {} }) as Database;
    }
  });
  afterEach(async () => {
    await db?.close();
    db = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('check refuses an unmigrated database, migrate brings it up to date once, check then asks for an administrator', async () => {
    const before = io();
    expect(await checkCommand(config, [], before, open)).toBe(1);
    expect(before.err.join('\n')).toMatch(/run "eplan-server migrate"/);

    const first = io();
    expect(await migrateCommand(config, [], first, open)).toBe(0);
    expect(first.out[0]).toMatch(/^Applied migrations 1, .*; the schema is at version \d+\.$/);
    const again = io();
    expect(await migrateCommand(config, [], again, open)).toBe(0);
    expect(again.out).toEqual([`The schema is up to date (version ${await latestMigrationVersion()}); nothing to do.`]);

    const noAdmin = io();
    expect(await checkCommand(config, [], noAdmin, open)).toBe(1);
    expect(noAdmin.err.join('\n')).toMatch(/Administrators: none; create the first with "eplan-server create-admin/);
  });

  it('create-admin takes a typed password twice, stores it hashed, and check then passes', async () => {
    const typed = io(['correct horse 1', 'correct horse 1']);
    expect(await createAdminCommand(config, ['--username', 'root.admin', '--display-name', 'ผู้ดูแลระบบจังหวัด'], typed, open)).toBe(0);
    expect(typed.out[0]).toMatch(/^Administrator root\.admin created\./);
    const database = await open(config);
    try {
      const { rows } = await database.query<{ role: string; display_name: string; password_hash: string }>("SELECT role, display_name, password_hash FROM users WHERE username = 'root.admin'");
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ role: 'admin', display_name: 'ผู้ดูแลระบบจังหวัด' });
      expect(rows[0]!.password_hash).not.toContain('correct horse');
      expect(await verifyPassword('correct horse 1', rows[0]!.password_hash)).toBe(true);
    } finally {
      if (backend.kind === 'pglite') await database.close();
    }
    const checked = io();
    expect(await checkCommand(config, [], checked, open)).toBe(0);
    expect(checked.out).toContain('Administrators: 1');
  });

  it('create-admin reads the password from a file or standard input, without its last line break', async () => {
    const file = path.join(dir, 'password.txt');
    await writeFile(file, 'from-a-file-123\n');
    expect(await createAdminCommand(config, ['--username', 'admin1', '--display-name', 'One', '--password-file', file], io(), open)).toBe(0);
    expect(await createAdminCommand(config, ['--username', 'admin2', '--display-name', 'Two', '--password-file', '-'], io([], 'from-stdin-456\r\n'), open)).toBe(0);
    const database = await open(config);
    try {
      const { rows } = await database.query<{ username: string; password_hash: string }>('SELECT username, password_hash FROM users ORDER BY username');
      expect(await verifyPassword('from-a-file-123', rows[0]!.password_hash)).toBe(true);
      expect(await verifyPassword('from-stdin-456', rows[1]!.password_hash)).toBe(true);
    } finally {
      if (backend.kind === 'pglite') await database.close();
    }
  });

  it('create-admin refuses, and creates nothing, on every bad input', async () => {
    const refusals: [string[], (string | null)[], RegExp][] = [
      [['--username', 'root', '--display-name', 'Root', '--password', 'on-the-command-line'], [], /never taken from the command line/],
      [['--username', 'Root Admin', '--display-name', 'Root'], ['long enough 1', 'long enough 1'], /give --username/],
      [['--username', 'root'], ['long enough 1', 'long enough 1'], /--display-name/],
      [['--username', 'root', '--display-name', 'Root', '--colour', 'red'], [], /unknown option --colour/],
      [['--username', 'root', '--display-name', 'Root'], ['long enough 1', 'long enough 2'], /the two passwords differ/],
      [['--username', 'root', '--display-name', 'Root'], ['short', 'short'], /8 to 256 characters/],
      [['--username', 'root', '--display-name', 'Root'], [null], /no terminal/],
      [['--username', 'root', '--display-name', 'Root', '--password-file', path.join(tmpdir(), 'no-such-eplan-file')], [], /cannot read the password file .*ENOENT/],
      [['--username', 'root', '--display-name', 'Ro\u0000ot'], ['long enough 1', 'long enough 1'], /give --username/],
    ];
    for (const [args, secrets, message] of refusals) {
      await expect(createAdminCommand(config, args, io(secrets), open), args.join(' ')).rejects.toThrow(message);
    }
    expect(await createAdminCommand(config, ['--username', 'root', '--display-name', 'Root'], io(['long enough 1', 'long enough 1']), open)).toBe(0);
    await expect(createAdminCommand(config, ['--username', 'root', '--display-name', 'Another'], io(['long enough 2', 'long enough 2']), open)).rejects.toThrow(/already used; nothing was changed/);
    const database = await open(config);
    try {
      const { rows } = await database.query<{ username: string; display_name: string }>('SELECT username, display_name FROM users');
      expect(rows).toEqual([{ username: 'root', display_name: 'Root' }]);
    } finally {
      if (backend.kind === 'pglite') await database.close();
    }
  });
});

describe('dump and LOAD_DUMP', () => {
  it('writes a PGlite database with the (light) demo province that a new in-memory server starts from', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'eplan-dump-'));
    try {
      const file = path.join(dir, 'demo.tar.gz');
      const memory = configFor('memory://');
      const out = io();
      await expect(dumpCommand(memory, ['--to', file, '--seed-demo', '--demo-size', 'large'], out)).rejects.toThrow(CommandError);
      expect(existsSync(file)).toBe(false);
      expect(await dumpCommand(memory, ['--to', file, '--seed-demo', '--demo-size', 'light'], out)).toBe(0);
      expect(out.out.join('\n')).toMatch(/Seeded the demo province "Demo Province" \(100 LAOs, \d+ records\)[\s\S]*Wrote \d+\.\d MB to /);
      const loaded = loadConfig({ DATA_DIR: 'memory://', LOAD_DUMP: file });
      if (!loaded.ok) throw new Error(loaded.error.message);
      const db = await openDatabase(loaded.value);
      try {
        const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE username LIKE 'demo-%' AND password_hash IS NOT NULL");
        expect(rows[0]!.n).toBeGreaterThan(3);
        // The light demo: about 12,000 rows where the everyday one has about 40,000.
        const records = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM records')).rows[0]!.n;
        expect(records).toBeGreaterThan(5_000);
        expect(records).toBeLessThan(20_000);
      } finally {
        await db.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('is refused for PostgreSQL, without --to, and LOAD_DUMP only loads into memory', async () => {
    const postgres = loadConfig({ DATABASE_URL: 'postgres://127.0.0.1:1/none' });
    if (!postgres.ok) throw new Error(postgres.error.message);
    await expect(dumpCommand(postgres.value, ['--to', '/tmp/x'], io())).rejects.toThrow(/pg_dump/);
    await expect(dumpCommand(configFor('memory://'), [], io())).rejects.toThrow(/--to FILE/);
    for (const env of [{ DATA_DIR: './data/server', LOAD_DUMP: 'x.tar.gz' }, { DATA_DIR: 'memory://', DATABASE_URL: 'postgres://h/db', LOAD_DUMP: 'x.tar.gz' }]) {
      const result = loadConfig(env);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.issues).toEqual([{ key: 'LOAD_DUMP', message: expect.stringMatching(/only for an in-memory database/) }]);
    }
  });
});
