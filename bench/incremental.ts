/**
 * Incremental sync (issue 7, item 3): an officer's laptop makes 1,000 edits
 * and pushes them; the same officer's second device pulls them. Both are the
 * renderer's real database, write path and sync engine (fake-indexeddb in
 * Node), against the real server process on loopback HTTP, on PGlite and on
 * PostgreSQL.
 *
 * Timed: push (laptop's pushOutbox, the engine's push step), pull (second
 * device's whole sync run: push of nothing, pull pages, checksum check) and
 * the round trip from the first push request to the second device holding
 * all 1,000 edits. The edits themselves (saveRecord, local) are timed apart.
 *
 * The server holds the province's reference data and the records of the
 * officer's 26 LAOs (what both devices sync): ~10k records at the default
 * --scale 0.1, ~75k at --scale 1; `--full-province` seeds every LAO's
 * records too (minutes more to seed, the same paths measured).
 *
 *   npx tsx bench/incremental.ts [--quick] [--backend pglite|postgres] [--scale 1] [--full-province] [--cpu-prof]
 */
// First: Dexie looks for indexedDB when it loads.
import 'fake-indexeddb/auto';
import type { DemoReference } from '../shared/demo/generate';
import { RECORD_TABLES, type RecordTable } from '../shared/domain/tables';
import type { StoredRecord } from '../renderer/data/db';
import { saveRecord } from '../renderer/data/records';
import { pushOutbox } from '../renderer/sync/push';
import { cpuProfFlags, parseBenchArgs } from './lib/args';
import { signIn, syncOrThrow, type BenchClient } from './lib/client';
import { BENCH_PASSWORD, provinceOptions, seedProvince } from './lib/province';
import { figure, printBenchJson, since, target, type Figure, type Target } from './lib/report';
import { freshPglite, freshPostgres, startServerProcess, type BackendKind, type BenchDatabase } from './lib/server';

const args = parseBenchArgs();
const EDITS = 1000;
const ROUNDS = args.quick ? 1 : 3;
// 0.1 by default: the devices run on fake-indexeddb, whose cursors and index scans cost minutes at
// full scale (75k rows per device) before the measured part even starts; --scale 1 for the full size.
const RECORD_SCALE = args.scale ?? (args.quick ? 0.02 : 0.1);
const PORTS: Record<BackendKind, number> = { pglite: 4310, postgres: 4311 };
const OFFICER = 'demo-officer1';
const FULL_PROVINCE = process.argv.includes('--full-province');

interface RoundResult {
  pushMs: number;
  pullMs: number;
  roundTripMs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** EDITS records spread evenly over the scope (so tables weigh as in real data), each with one field flipped. */
async function pickRecords(client: BenchClient): Promise<Array<{ table: RecordTable; row: StoredRecord }>> {
  const all: Array<{ table: RecordTable; row: StoredRecord }> = [];
  for (const table of RECORD_TABLES) {
    for (const row of await client.db.table<StoredRecord, string>(table).toArray()) if (!row.deleted) all.push({ table, row });
  }
  if (all.length < EDITS) throw new Error(`the officer's scope has ${all.length} records, fewer than ${EDITS}`);
  const step = all.length / EDITS;
  return Array.from({ length: EDITS }, (_, i) => all[Math.floor(i * step)]!);
}

/** The officer's edits through the app's one write path (validation, record, outbox, history). */
async function makeEdits(client: BenchClient): Promise<Map<string, boolean>> {
  const expected = new Map<string, boolean>();
  for (const { table, row } of await pickRecords(client)) {
    const current = (await client.db.table<StoredRecord, string>(table).get(row.id))!;
    const saved = await saveRecord(client.db, table, { ...current, enteredOnBehalf: !current.enteredOnBehalf }, { userId: client.userId });
    if (!saved.ok) throw new Error(`edit of ${table} ${row.id} refused: ${JSON.stringify(saved.error)}`);
    expected.set(`${table}:${row.id}`, saved.value.enteredOnBehalf);
  }
  return expected;
}

async function countArrived(client: BenchClient, expected: Map<string, boolean>): Promise<number> {
  let arrived = 0;
  for (const [key, value] of expected) {
    const [table, id] = key.split(':') as [RecordTable, string];
    if ((await client.db.table<StoredRecord, string>(table).get(id))?.enteredOnBehalf === value) arrived += 1;
  }
  return arrived;
}

async function round(laptop: BenchClient, desk: BenchClient, n: number): Promise<RoundResult> {
  const editStart = performance.now();
  const expected = await makeEdits(laptop);
  console.log(`  round ${n}: ${EDITS} local edits in ${(since(editStart) / 1000).toFixed(1)} s (not part of the round trip)`);
  laptop.http.ms = desk.http.ms = 0;
  const start = performance.now();
  const pushed = await pushOutbox(laptop.db, laptop.api, laptop.deviceId, laptop.userId);
  const pushMs = since(start);
  if (pushed.applied !== EDITS) throw new Error(`push: ${JSON.stringify(pushed)}, expected ${EDITS} applied`);
  const pullStart = performance.now();
  await syncOrThrow(desk);
  const pullMs = since(pullStart);
  const roundTripMs = since(start);
  const arrived = await countArrived(desk, expected);
  if (arrived !== EDITS) throw new Error(`only ${arrived} of ${EDITS} edits reached the second device`);
  console.log(`  round ${n}: push ${pushMs.toFixed(0)} ms (HTTP ${laptop.http.ms.toFixed(0)} ms), pull ${pullMs.toFixed(0)} ms (HTTP ${desk.http.ms.toFixed(0)} ms), round trip ${roundTripMs.toFixed(0)} ms`);
  await syncOrThrow(laptop); // the laptop takes its own new versions back before the next round
  return { pushMs, pullMs, roundTripMs };
}

async function runBackend(kind: BackendKind, figures: Record<string, Figure>, context: Record<string, string | number>): Promise<void> {
  console.log(`\n== ${kind} ==`);
  const database: BenchDatabase = kind === 'postgres' ? await freshPostgres('eplan_bench_incremental') : await freshPglite('eplan-bench-incremental');
  try {
    const seedStart = performance.now();
    const db = await database.open();
    const officerLaos = (reference: DemoReference) => new Set(reference.users.find((u) => u.username === OFFICER)?.laoIds ?? []);
    const seeded = await seedProvince(db, provinceOptions(RECORD_SCALE), FULL_PROVINCE ? undefined : officerLaos);
    await db.close();
    console.log(`seeded ${seeded.records.toLocaleString('en')} records (${seeded.reference.laos.length} LAOs) in ${(since(seedStart) / 1000).toFixed(1)} s`);
    context.serverRecords = seeded.records;
    const server = await startServerProcess({ port: PORTS[kind], env: database.env, nodeFlags: cpuProfFlags(args.cpuProfDir) });
    const clients: BenchClient[] = [];
    try {
      const syncStart = performance.now();
      const laptop = await signIn(server.url, OFFICER, BENCH_PASSWORD);
      const desk = await signIn(server.url, OFFICER, BENCH_PASSWORD);
      clients.push(laptop, desk);
      await Promise.all([syncOrThrow(laptop), syncOrThrow(desk)]);
      let scopeRows = 0;
      for (const table of RECORD_TABLES) scopeRows += await laptop.db.table(table).count();
      context.officerScopeRecords = scopeRows;
      console.log(`two devices of ${OFFICER} hold their ${scopeRows.toLocaleString('en')} records (initial sync ${(since(syncStart) / 1000).toFixed(1)} s)`);
      const results: RoundResult[] = [];
      for (let n = 1; n <= ROUNDS; n++) results.push(await round(laptop, desk, n));
      figures[`${kind}.roundTripMs`] = figure(median(results.map((r) => r.roundTripMs)), 'ms', `${kind}: first push request → second device has all ${EDITS} edits (median of ${ROUNDS})`);
      figures[`${kind}.pushMs`] = figure(median(results.map((r) => r.pushMs)), 'ms', `${kind}: push of ${EDITS} edits`);
      figures[`${kind}.pullMs`] = figure(median(results.map((r) => r.pullMs)), 'ms', `${kind}: second device's sync run`);
    } finally {
      for (const client of clients) client.close();
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

async function main(): Promise<void> {
  const figures: Record<string, Figure> = {};
  const context: Record<string, string | number> = { edits: EDITS, rounds: ROUNDS, recordScale: RECORD_SCALE, serverData: FULL_PROVINCE ? 'whole province' : `${OFFICER}'s LAOs` };
  for (const kind of args.backends) await runBackend(kind, figures, context);
  const targets: Target[] = args.backends.map((kind) => target(`incremental ${EDITS} edits ≤ 1 s (${kind})`, figures, `${kind}.roundTripMs`, '<=', 1000));
  printBenchJson('incremental', figures, targets, context);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
