/**
 * The province-scale data set of the browser benchmarks: the demo generator
 * at full size (334 LAOs, two fiscal years, recordScale 1.6 ≈ 992k records,
 * deterministic) in a server database, plus one officer assigned to the whole
 * province. Seeding takes a minute, so the result is cached: a PGlite folder
 * under .bench-cache/, or a PostgreSQL database, marked with a key made of the
 * generator's source, so a change to it reseeds (newer migrations are applied
 * to a cached database by the server at start).
 *
 * CLI: npx tsx bench/seed.ts [--backend pglite|postgres] [--scale 1.6]
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { countRecords, DEMO_PROVINCE_CODE, generateDemoProvince, type DemoOptions } from '../shared/demo/generate';
import { hashPassword } from '../server/auth/password';
import { openPglite, openPostgres, type Database, type Queryable } from '../server/store/db';
import { migrate } from '../server/store/migrate';
import { seedReference } from '../server/store/seed';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = path.join(REPO_ROOT, '.bench-cache');

/** recordScale 1 gives 622k records for 334 LAOs and two years; 1.6 gives 991,820, the issue's "about 1 million". */
export const FULL_SCALE = 1.6;
export const BENCH_ASOF = '2026-11-25';
export const BENCH_FISCAL_YEARS = [2569, 2570] as const;

export const BENCH_OFFICER = { username: 'bench-officer', password: 'bench-2568' } as const;
const BENCH_OFFICER_ID = 'bench-officer-0001';

export function benchOptions(scale: number): DemoOptions {
  return { seed: 'bench', laoCount: 334, fiscalYears: [...BENCH_FISCAL_YEARS], asOf: BENCH_ASOF, recordScale: scale };
}

/** Bump when what insertDataset stores changes (the officer, the columns). */
const SEED_FORMAT = 'bench-seed-2';

/** Changes when the generator or SEED_FORMAT changes: the cache key. */
export async function generatorVersion(scale: number): Promise<string> {
  const hash = createHash('sha1');
  // Migrations are not part of it: the server migrates a cached database when it starts.
  const folders = ['shared/demo'];
  for (const folder of folders) {
    for (const file of (await readdir(path.join(REPO_ROOT, folder))).filter((f) => !f.includes('.test.')).sort()) {
      hash.update(file).update(await readFile(path.join(REPO_ROOT, folder, file)));
    }
  }
  hash.update(SEED_FORMAT);
  return `${hash.digest('hex').slice(0, 12)}-s${scale}`;
}

export interface SeededData {
  kind: 'pglite' | 'postgres';
  /** Environment for `server/cli.ts`: DATA_DIR or DATABASE_URL. */
  env: Record<string, string>;
  key: string;
  records: number;
  laos: number;
  /** False when the cache was reused. */
  seeded: boolean;
  seedMs: number;
}

/** Rows per INSERT: one JSON parameter per statement, so the size is not bound by the parameter limit. */
const INSERT_BATCH = 5000;

const INSERT_SQL = `INSERT INTO records (id, table_name, lao_id, province_code, fiscal_year, data, deleted, version, updated_at, updated_by)
  SELECT r.id, r.t, r.l, r.p, r.f, r.d, r.x, r.v, r.u, r.b
  FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, t text, l text, p text, f int, d jsonb, x boolean, v bigint, u timestamptz, b text)
  ON CONFLICT DO NOTHING`;

async function insertDataset(db: Database, scale: number, log: (line: string) => void): Promise<{ records: number; laos: number }> {
  const started = performance.now();
  const dataset = generateDemoProvince(benchOptions(scale));
  log(`generated ${countRecords(dataset.records).toLocaleString('en')} records in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await seedReference(db, dataset);
  await db.query(
    `INSERT INTO users (id, username, display_name, role, province_codes, lao_ids, password_hash)
     VALUES ($1, $2, $3, 'officer', $4, NULL, $5) ON CONFLICT (username) DO NOTHING`,
    [BENCH_OFFICER_ID, BENCH_OFFICER.username, 'เจ้าหน้าที่ทดสอบความเร็ว (สาธิต)', [DEMO_PROVINCE_CODE], await hashPassword(BENCH_OFFICER.password)],
  );
  let inserted = 0;
  const insertStarted = performance.now();
  for (const [table, rows] of Object.entries(dataset.records)) {
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      const batch = rows.slice(start, start + INSERT_BATCH).map((row) => {
        const { id, laoId, provinceCode, fiscalYear, deleted, version, updatedAt, updatedBy, ...data } = row as unknown as Record<string, unknown>;
        return { id, t: table, l: laoId, p: provinceCode, f: fiscalYear ?? null, d: data, x: deleted ?? false, v: Math.max(1, Number(version)), u: updatedAt, b: updatedBy };
      });
      await db.transaction((tx: Queryable) => tx.query(INSERT_SQL, [JSON.stringify(batch)]));
      inserted += batch.length;
    }
  }
  const seconds = (performance.now() - insertStarted) / 1000;
  log(`inserted ${inserted.toLocaleString('en')} records in ${seconds.toFixed(1)} s (${Math.round(inserted / seconds).toLocaleString('en')} rows/s)`);
  await db.exec('ANALYZE records');
  return { records: inserted, laos: dataset.laos.length };
}

interface Marker { key: string; records: number; laos: number }

/** A PGlite folder with the data set, made once per generator version. */
export async function seedPglite(scale = FULL_SCALE, log: (line: string) => void = console.log): Promise<SeededData> {
  const key = await generatorVersion(scale);
  const dir = path.join(CACHE_DIR, `pglite-${key}`);
  const markerFile = path.join(dir, 'bench-seed.json');
  if (existsSync(markerFile)) {
    const marker = JSON.parse(await readFile(markerFile, 'utf8')) as Marker;
    log(`reusing the seeded PGlite folder ${path.relative(REPO_ROOT, dir)}`);
    return { kind: 'pglite', env: { DATA_DIR: path.join(dir, 'db') }, key, records: marker.records, laos: marker.laos, seeded: false, seedMs: 0 };
  }
  // Older versions of the data set at this scale are dropped: each is about 1.5 GB.
  await mkdir(CACHE_DIR, { recursive: true });
  for (const entry of await readdir(CACHE_DIR)) {
    if (entry.startsWith('pglite-') && entry.endsWith(`-s${scale}`)) await rm(path.join(CACHE_DIR, entry), { recursive: true, force: true });
  }
  const started = performance.now();
  const db = await openPglite({ dataDir: path.join(dir, 'db') });
  try {
    await migrate(db);
    const counts = await insertDataset(db, scale, log);
    await writeFile(markerFile, JSON.stringify({ key, ...counts } satisfies Marker));
    return { kind: 'pglite', env: { DATA_DIR: path.join(dir, 'db') }, key, ...counts, seeded: true, seedMs: performance.now() - started };
  } finally {
    await db.close();
  }
}

const BENCH_DATABASE = 'eplan_bench_browser';

function urlOf(database: string, base: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A PostgreSQL database beside the one in DATABASE_URL, holding the data set; reseeded when the key changes. */
export async function seedPostgres(baseUrl: string, scale = FULL_SCALE, log: (line: string) => void = console.log): Promise<SeededData> {
  const key = await generatorVersion(scale);
  const url = urlOf(BENCH_DATABASE, baseUrl);
  const admin = new pg.Client({ connectionString: urlOf('postgres', baseUrl) });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DATABASE]);
    if (exists.rowCount) {
      const probe = new pg.Client({ connectionString: url });
      await probe.connect();
      const marker = await probe.query<{ value: Marker }>(`SELECT value FROM bench_seed WHERE true`).catch(() => ({ rows: [] as { value: Marker }[] }));
      await probe.end();
      const found = marker.rows[0]?.value;
      if (found?.key === key) {
        log(`reusing the seeded PostgreSQL database ${BENCH_DATABASE}`);
        return { kind: 'postgres', env: { DATABASE_URL: url }, key, records: found.records, laos: found.laos, seeded: false, seedMs: 0 };
      }
      await admin.query(`DROP DATABASE ${BENCH_DATABASE} WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  } finally {
    await admin.end();
  }
  const started = performance.now();
  const db = await openPostgres({ url });
  try {
    await migrate(db);
    const counts = await insertDataset(db, scale, log);
    await db.exec('CREATE TABLE bench_seed (value jsonb NOT NULL)');
    await db.query('INSERT INTO bench_seed (value) VALUES ($1::jsonb)', [JSON.stringify({ key, ...counts } satisfies Marker)]);
    return { kind: 'postgres', env: { DATABASE_URL: url }, key, ...counts, seeded: true, seedMs: performance.now() - started };
  } finally {
    await db.close();
  }
}

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const scale = Number(argValue('--scale') ?? FULL_SCALE);
  const backend = argValue('--backend') ?? 'pglite';
  const result = backend === 'postgres'
    ? await seedPostgres(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test', scale)
    : await seedPglite(scale);
  console.log(`${result.kind}: ${result.records.toLocaleString('en')} records, ${result.laos} LAOs, key ${result.key}${result.seeded ? `, seeded in ${(result.seedMs / 1000).toFixed(1)} s` : ' (cached)'}`);
}
