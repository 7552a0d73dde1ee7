/**
 * Province matrix at Nakhon Ratchasima size (334 LAOs): a cold computation of
 * every LAO × task, then a warm incremental update after one LAO's record
 * changes. Run: npx tsx scripts/bench-matrix.ts [recordScale]
 */
import { performance } from 'node:perf_hooks';
import { defaultTemplate, tasksForMonth } from '../shared/calendar/index';
import { countRecords, generateDemoProvince } from '../shared/demo/generate';
import { CompletionCache, groupByLao } from '../shared/calendar/completionCache';
import { buildMatrix } from '../renderer/features/matrix/matrix';

const ASOF = '2026-11-25';
const FY = 2570;
const scale = Number(process.argv[2] ?? 0.3);

const t0 = performance.now();
const dataset = generateDemoProvince({ seed: 'bench', laoCount: 334, fiscalYears: [FY - 1, FY], asOf: ASOF, recordScale: scale });
const generated = performance.now() - t0;
const template = defaultTemplate(FY);
const ms = (n: number) => `${n.toFixed(1)} ms`;

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
}

// Cold: group every record by LAO, evaluate every LAO, shape the year matrix.
const [cold, coldMs] = time(() => {
  const cache = new CompletionCache(template, { asOf: ASOF, fiscalYear: FY });
  const byLao = groupByLao(dataset.records);
  for (const lao of dataset.laos) cache.update(lao.id, byLao.get(lao.id) ?? {});
  const model = buildMatrix(dataset.laos, dataset.districts, template.tasks, cache.snapshot(), {});
  return { cache, byLao, model };
});

// Warm: one ordinance item of one LAO gets a disbursement edit; only that LAO's records are re-read.
const target = dataset.laos[17]!;
const laoRecords = cold.byLao.get(target.id)!;
const disbursements = [...(laoRecords.disbursements ?? [])];
const edited = { ...disbursements[0]!, updatedAt: '2026-11-25T04:00:00.000Z', version: disbursements[0]!.version + 1 };
const changed = { ...laoRecords, disbursements: [edited, ...disbursements.slice(1)] };
const before = cold.cache.evaluations;
// The engine learns the dirty LAO from the updatedAt index, so only its records are stamped.
const [, warmMs] = time(() => {
  cold.cache.update(target.id, changed);
  return buildMatrix(dataset.laos, dataset.districts, template.tasks, cold.cache.snapshot(), {});
});
const recomputed = cold.cache.evaluations - before;
// Fallback when the index cannot tell (hard deletes, bulk loads): stamp every LAO, re-evaluate none.
const [, rereadMs] = time(() => {
  for (const lao of dataset.laos) cold.cache.update(lao.id, lao.id === target.id ? changed : cold.byLao.get(lao.id) ?? {});
  return buildMatrix(dataset.laos, dataset.districts, template.tasks, cold.cache.snapshot(), {});
});

// Filtering reuses cached results.
const [, filterMs] = time(() => buildMatrix(dataset.laos, dataset.districts, tasksForMonth(template, 2026, 11), cold.cache.snapshot(), { status: 'overdue' }));

console.log(`LAOs: ${dataset.laos.length}, records: ${countRecords(dataset.records).toLocaleString('en')} (recordScale ${scale}), tasks: ${template.tasks.length}, generated in ${ms(generated)}`);
console.log(`cold  full matrix (group + evaluate ${dataset.laos.length} LAOs + shape): ${ms(coldMs)}`);
console.log(`warm  one LAO changed (re-evaluate ${recomputed}, reshape):               ${ms(warmMs)}`);
console.log(`reread fallback (stamp all ${dataset.laos.length}, re-evaluate ${cold.cache.evaluations - before - recomputed}, reshape):     ${ms(rereadMs)}`);
console.log(`filter (month view, overdue only, no evaluation):                 ${ms(filterMs)}`);
console.log(`cold / warm ratio: ${(coldMs / warmMs).toFixed(1)}×`);
