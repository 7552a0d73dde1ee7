/**
 * The laptop's scope checksum after a pull (issue 18, item 2): the province's
 * records stored with the app's schema and write log (fake-indexeddb in
 * Node), then 1,000 edits to the rows of a few LAOs written as a pulled page
 * would write them. Baseline: the full count, every live row of the scope
 * read and hashed (what every pull that applied changes did before). Measured:
 * the count kept per LAO (renderer/sync/checksumCache.ts), which reads again
 * only the LAOs written since; both must give the same number.
 *
 *   npx tsx bench/client-checksum.ts [--quick] [--scale x]
 */
// First: Dexie looks for indexedDB when it loads.
import 'fake-indexeddb/auto';
import { fixedClock, setClock } from '../shared/clock';
import { generateDemoProvince } from '../shared/demo/generate';
import { RECORD_TABLES } from '../shared/domain/tables';
import { openLocalDb, type StoredRecord } from '../renderer/data/db';
import { loadDemoDataset } from '../renderer/data/demo';
import { localChecksum, trackedChecksum } from '../renderer/sync/checksumCache';
import { parseBenchArgs } from './lib/args';
import { figure, printBenchJson, target } from './lib/report';
import { BENCH_ASOF, benchOptions } from './seed';

const args = parseBenchArgs();
// fake-indexeddb reads about 100k rows a second: 0.1 of the largest province is ~100k rows.
const scale = args.scale ?? (args.quick ? 0.02 : 0.1);
const EDITS = 1000;
const EDITED_LAOS = 5;
const log = (line: string) => console.log(line);

async function time<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
}

async function main(): Promise<void> {
  setClock(fixedClock(`${BENCH_ASOF}T10:00:00+07:00`));
  const dataset = generateDemoProvince(benchOptions(scale));
  const scope = dataset.laos[0]!.provinceCode;
  const db = openLocalDb(`bench-checksum-${Date.now()}`);
  const [, loadMs] = await time(() => loadDemoDataset(db, dataset));
  const rows = (await Promise.all(RECORD_TABLES.map((table) => db.table(table).count()))).reduce((a, b) => a + b, 0);
  log(`stored ${rows.toLocaleString('en')} records of ${dataset.laos.length} LAOs in ${(loadMs / 1000).toFixed(1)} s`);

  const [full, fullMs] = await time(() => localChecksum(db, scope));
  const [seeded, seedMs] = await time(() => trackedChecksum(db, scope));
  if (seeded !== full) throw new Error(`the kept count ${seeded} differs from the full count ${full}`);

  // A pulled page: 1,000 rows of a few LAOs at their next version, in one transaction.
  const laoIds = dataset.laos.slice(0, EDITED_LAOS).map((lao) => lao.id);
  const edited: Array<{ table: string; row: StoredRecord }> = [];
  for (const table of RECORD_TABLES) {
    for (const laoId of laoIds) {
      const found = await db.table<StoredRecord, string>(table).where('laoId').equals(laoId).limit(EDITS - edited.length).toArray();
      for (const row of found) edited.push({ table, row });
      if (edited.length >= EDITS) break;
    }
    if (edited.length >= EDITS) break;
  }
  await db.transaction('rw', RECORD_TABLES.map((table) => db.table(table)), async () => {
    for (const { table, row } of edited) await db.table(table).put({ ...row, version: row.version + 1 });
  });

  const [afterFull, afterFullMs] = await time(() => localChecksum(db, scope));
  const [tracked, trackedMs] = await time(() => trackedChecksum(db, scope));
  if (tracked !== afterFull) throw new Error(`the kept count ${tracked} differs from the full count ${afterFull} after the edits`);
  db.close();

  log(`full count (baseline): ${fullMs.toFixed(0)} ms, then ${afterFullMs.toFixed(0)} ms after the edits`);
  log(`kept count: first ${seedMs.toFixed(0)} ms (every row), after ${edited.length} edits in ${EDITED_LAOS} LAOs ${trackedMs.toFixed(0)} ms`);
  const figures = {
    records: figure(rows, 'count', 'records stored'),
    fullMs: figure(afterFullMs, 'ms', 'full scope checksum after the edits (baseline)'),
    trackedMs: figure(trackedMs, 'ms', `checksum kept per LAO after ${edited.length} edits in ${EDITED_LAOS} LAOs`),
    ratio: figure(trackedMs / afterFullMs, 'x', 'kept count / full count'),
  };
  printBenchJson('client-checksum', figures, [target('checksum after a pull of 1,000 edits ≤ 0.25× the full count', figures, 'ratio', '<=', 0.25)], { scale, laos: dataset.laos.length });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
