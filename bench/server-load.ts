/**
 * Server under load (issue 7, item 4): 300 simulated officers, each with its
 * own login, device and LAO, push batches and pull the change log against the
 * real server on PostgreSQL for a fixed time after a warm-up. Officers run in
 * a few child processes (bench/lib/load-officers.ts) that share the machine's
 * cores with the server and PostgreSQL.
 *
 * Phases: `paced` offers a little more than the 5,000 mutations/s target
 * (each officer pushes one batch every interval) and measures the latency at
 * that load; with --saturation, a second phase lets every officer push back
 * to back to find the most the server does. Then the ceiling: plain INSERTs of the same rows into
 * the same PostgreSQL (bench/lib/ceiling.ts).
 *
 *   npx tsx bench/server-load.ts [--quick] [--servers N] [--officers N] [--duration s] [--batch N] [--rate N] [--scale 1] [--saturation] [--cpu-prof]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cpuProfFlags, parseBenchArgs } from './lib/args';
import { measureInsertCeiling } from './lib/ceiling';
import type { ChildMessage, LoadConfig, LoadResult, ParentMessage } from './lib/load-officers';
import { seedLoadProvinces } from './lib/load-seed';
import { BENCH_PASSWORD } from './lib/province';
import { figure, percentile, printBenchJson, since, target, type Figure } from './lib/report';
import { freshPostgres, REPO_ROOT, startServerProcess, type ServerProcess } from './lib/server';

const args = parseBenchArgs();
const argv = process.argv.slice(2);
const numberFlag = (flag: string, fallback: number) => {
  const i = argv.indexOf(flag);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};

const OFFICERS = numberFlag('--officers', args.quick ? 30 : 300);
const SERVERS = numberFlag('--servers', 1);
const BATCH = numberFlag('--batch', 50);
const TARGET_RATE = 5000;
// Offered a little above the target, so reaching it is possible inside a window with edges.
const OFFERED_RATE = numberFlag('--rate', args.quick ? 500 : TARGET_RATE * 1.05);
const DURATION_MS = numberFlag('--duration', args.quick ? 6 : 30) * 1000;
const WARMUP_MS = args.quick ? 2000 : 5000;
const SATURATION_MS = argv.includes('--saturation') ? 20_000 : 0;
const LAOS_PER_PROVINCE = 30;
const RECORD_SCALE = args.scale ?? (args.quick ? 0.05 : 1);
const GENERATOR_PROCESSES = args.quick ? 1 : 3;
const FIRST_PORT = 4312;
const POOL_SIZE = 10; // server/store/db.ts openPostgres default

interface PhaseResult extends LoadResult {
  seconds: number;
  serverCpuPct: number;
}

/** CPU seconds a process has used so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function startGenerators(config: Omit<LoadConfig, 'officers'>, officers: LoadConfig['officers']): ChildProcess[] {
  const script = path.join(REPO_ROOT, 'bench/lib/load-officers.ts');
  return Array.from({ length: GENERATOR_PROCESSES }, (_, g) => {
    const mine = officers.filter((_o, i) => i % GENERATOR_PROCESSES === g);
    return fork(script, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_LOAD_CONFIG: JSON.stringify({ ...config, officers: mine }) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  });
}

function nextMessage(child: ChildProcess, type: ChildMessage['type']): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ChildMessage) => {
      if (message.type === 'failed') return finish(() => reject(new Error(`officer process failed: ${message.message}`)));
      if (message.type === type) finish(() => resolve(message));
    };
    const onExit = (code: number | null) => finish(() => reject(new Error(`officer process exited with ${code}`)));
    const finish = (then: () => void) => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      then();
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function runPhase(name: string, children: ChildProcess[], servers: ServerProcess[], intervalMs: number, durationMs: number): Promise<PhaseResult> {
  const warmupUntil = Date.now() + WARMUP_MS;
  const measureUntil = warmupUntil + durationMs;
  const results = children.map((child) => nextMessage(child, 'result'));
  for (const child of children) child.send({ type: 'start', warmupUntil, measureUntil, intervalMs } satisfies ParentMessage);
  await new Promise((resolve) => setTimeout(resolve, warmupUntil - Date.now()));
  const cpuBefore = servers.map((s) => cpuSeconds(s.pid));
  await new Promise((resolve) => setTimeout(resolve, measureUntil - Date.now()));
  const cpuUsed = servers.reduce((sum, s, i) => sum + cpuSeconds(s.pid) - cpuBefore[i]!, 0);
  const merged: PhaseResult = { pushLatencies: [], pullLatencies: [], mutations: 0, pushes: 0, pulls: 0, errors: 0, rejected: 0, conflicts: 0, errorSamples: [], seconds: durationMs / 1000, serverCpuPct: (cpuUsed / (durationMs / 1000)) * 100 };
  for (const message of await Promise.all(results)) {
    if (message.type !== 'result') continue;
    const r = message.result;
    merged.pushLatencies.push(...r.pushLatencies);
    merged.pullLatencies.push(...r.pullLatencies);
    merged.mutations += r.mutations;
    merged.pushes += r.pushes;
    merged.pulls += r.pulls;
    merged.errors += r.errors;
    merged.rejected += r.rejected;
    merged.conflicts += r.conflicts;
    merged.errorSamples.push(...r.errorSamples);
  }
  console.log(
    `${name.padEnd(10)} ${(merged.mutations / merged.seconds).toFixed(0).padStart(6)} mutations/s  push p50 ${percentile(merged.pushLatencies, 50).toFixed(0)} ms p99 ${percentile(merged.pushLatencies, 99).toFixed(0)} ms` +
      `  pull p50 ${percentile(merged.pullLatencies, 50).toFixed(0)} ms p99 ${percentile(merged.pullLatencies, 99).toFixed(0)} ms` +
      `  pushes ${merged.pushes} pulls ${merged.pulls} errors ${merged.errors} rejected ${merged.rejected} conflicts ${merged.conflicts}  server CPU ${merged.serverCpuPct.toFixed(0)}%`,
  );
  for (const sample of merged.errorSamples.slice(0, 5)) console.log(`  error: ${sample}`);
  return merged;
}

function phaseFigures(prefix: string, r: PhaseResult, figures: Record<string, Figure>): void {
  figures[`${prefix}.mutationsPerSec`] = figure(r.mutations / r.seconds, 'mutations/s', `${prefix}: mutations applied per second`);
  figures[`${prefix}.pushP50Ms`] = figure(percentile(r.pushLatencies, 50), 'ms', `${prefix}: push request p50`);
  figures[`${prefix}.pushP99Ms`] = figure(percentile(r.pushLatencies, 99), 'ms', `${prefix}: push request p99`);
  figures[`${prefix}.pullP50Ms`] = figure(percentile(r.pullLatencies, 50), 'ms', `${prefix}: pull request p50`);
  figures[`${prefix}.pullP99Ms`] = figure(percentile(r.pullLatencies, 99), 'ms', `${prefix}: pull request p99`);
  figures[`${prefix}.errors`] = figure(r.errors + r.rejected, 'count', `${prefix}: failed requests + rejected mutations`);
  figures[`${prefix}.serverCpuPct`] = figure(r.serverCpuPct, '%', `${prefix}: CPU of the server process(es), 100% = one core`);
}

async function main(): Promise<void> {
  const database = await freshPostgres('eplan_bench_load');
  const servers: ServerProcess[] = [];
  let children: ChildProcess[] = [];
  try {
    const seedStart = performance.now();
    const db = await database.open();
    const seeded = await seedLoadProvinces(db, { provinces: Math.ceil(OFFICERS / LAOS_PER_PROVINCE), laosPerProvince: LAOS_PER_PROVINCE, recordScale: RECORD_SCALE });
    await db.query('ANALYZE');
    await db.close();
    console.log(`seeded ${seeded.records.toLocaleString('en')} records, ${seeded.officers.length} officers in ${seeded.officers.length / LAOS_PER_PROVINCE} provinces, in ${(since(seedStart) / 1000).toFixed(1)} s`);
    for (let i = 0; i < SERVERS; i++) {
      servers.push(await startServerProcess({ port: FIRST_PORT + i, env: database.env, nodeFlags: cpuProfFlags(args.cpuProfDir) }));
    }
    const officers = seeded.officers.slice(0, OFFICERS).map((o, i) => ({ ...o, server: i % SERVERS }));
    children = startGenerators({ servers: servers.map((s) => s.url), password: BENCH_PASSWORD, batchSize: BATCH, createShare: 0.2 }, officers);
    await Promise.all(children.map((child) => nextMessage(child, 'ready')));
    const intervalMs = (OFFICERS * BATCH * 1000) / OFFERED_RATE;
    console.log(`${OFFICERS} officers logged in on ${SERVERS} server process(es); batches of ${BATCH}, one push every ${(intervalMs / 1000).toFixed(2)} s per officer (offered ${OFFERED_RATE.toFixed(0)} mutations/s)`);
    const figures: Record<string, Figure> = {};
    const paced = await runPhase('paced', children, servers, intervalMs, DURATION_MS);
    phaseFigures('paced', paced, figures);
    if (SATURATION_MS > 0) phaseFigures('saturation', await runPhase('saturation', children, servers, 0, SATURATION_MS), figures);
    for (const child of children) child.send({ type: 'stop' } satisfies ParentMessage);
    for (const server of servers.splice(0)) await server.stop();
    const ceiling = await measureInsertCeiling({ url: database.env.DATABASE_URL!, clients: OFFICERS, batchSize: BATCH, poolSize: POOL_SIZE * SERVERS, durationMs: Math.min(DURATION_MS, 15_000) });
    console.log(`ceiling    ${ceiling.rowsPerSec.toFixed(0).padStart(6)} rows/s of plain multi-row INSERT (${OFFICERS} concurrent, ${BATCH} rows per statement, pool ${POOL_SIZE * SERVERS}); statement p50 ${ceiling.statementP50Ms.toFixed(0)} ms p99 ${percentile(ceiling.statementLatencies, 99).toFixed(0)} ms`);
    figures['ceiling.rowsPerSec'] = figure(ceiling.rowsPerSec, 'rows/s', 'plain multi-row INSERT of the same rows, same concurrency');
    figures['ceiling.statementP99Ms'] = figure(percentile(ceiling.statementLatencies, 99), 'ms', 'plain INSERT statement p99');
    const best = Math.max(paced.mutations / paced.seconds, figures['saturation.mutationsPerSec']?.value ?? 0);
    figures['server.vsCeiling'] = figure(best / ceiling.rowsPerSec, 'x', 'best server mutations/s ÷ plain INSERT rows/s');
    const targets = [
      target(`server ≥ ${TARGET_RATE.toLocaleString('en')} mutations/s`, figures, 'paced.mutationsPerSec', '>=', TARGET_RATE),
      target('server p99 push ≤ 250 ms', figures, 'paced.pushP99Ms', '<=', 250),
      target('server errors = 0', figures, 'paced.errors', '<=', 0),
    ];
    if (figures['saturation.errors']) targets.push(target('server errors = 0 at saturation', figures, 'saturation.errors', '<=', 0));
    printBenchJson('server-load', figures, targets, {
      officers: OFFICERS, serverProcesses: SERVERS, batchSize: BATCH, offeredRate: Math.round(OFFERED_RATE), durationS: DURATION_MS / 1000,
      warmupS: WARMUP_MS / 1000, generatorProcesses: GENERATOR_PROCESSES, serverRecords: seeded.records, cores: (await import('node:os')).availableParallelism(),
    });
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const server of servers) await server.stop();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
