/**
 * `npm run bench`: every benchmark of issue 7 in sequence, each in its own
 * process, then one table of figures with PASS/MISS per target, written to
 * bench/results/latest.json (or latest-quick.json) with the machine's
 * description. A MISS is a finding, not a failure: the exit code is 0 unless
 * a script crashed or printed no BENCH_JSON line.
 *
 *   npm run bench [-- --quick] [-- --only incremental,server-load]
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeMachine } from './lib/machine';
import { BENCH_JSON_PREFIX, benchReportSchema, formatNumber, parseBenchJson, type BenchReport } from './lib/report';
import { REPO_ROOT } from './lib/server';

interface BenchScript {
  name: string;
  script: string;
  /** Arguments of a quick smoke run. */
  quickArgs: string[];
  quickEnv?: Record<string, string>;
  /** Killed after this long: the whole suite must stay under 20 minutes. */
  timeoutMin: number;
}

export const BENCHES: BenchScript[] = [
  // Seeds PGlite and PostgreSQL (about 1 min each), two app downloads of the province (3.5 min each) and the bulkPut and
  // PouchDB baselines: 12 minutes stopped it before the baselines on a new machine (2026-12-06).
  { name: 'initial-sync', script: 'bench/initial-sync.ts', quickArgs: ['--quick'], timeoutMin: 16 },
  // Three downloads into IndexedDB on disk (worker, window, bulkPut) of a sixteenth of the province: about 2.5 minutes here.
  { name: 'disk-sync', script: 'bench/disk-sync.ts', quickArgs: ['--quick'], timeoutMin: 6 },
  { name: 'incremental', script: 'bench/incremental.ts', quickArgs: ['--quick'], timeoutMin: 7 },
  { name: 'client-checksum', script: 'bench/client-checksum.ts', quickArgs: ['--quick'], timeoutMin: 4 },
  { name: 'server-load', script: 'bench/server-load.ts', quickArgs: ['--quick'], timeoutMin: 8 },
  // Its first run fills a browser profile with the province (≈ 8 min, kept); later runs take 1-2 min.
  { name: 'matrix-cold-start', script: 'bench/matrix-cold-start.ts', quickArgs: ['--quick'], timeoutMin: 15 },
  { name: 'export', script: 'scripts/bench-export.ts', quickArgs: [], quickEnv: { BENCH_REPS: '1' }, timeoutMin: 4 },
];

interface RunOutcome {
  name: string;
  exitCode: number | null;
  seconds: number;
  report: BenchReport | null;
  problem?: string;
}

/**
 * scripts/bench-export.ts prints its own JSON shape (rows, exportMs, ratio,
 * time: 'PASS'|'MISS' …); this turns it into the common one.
 */
export function fromExportShape(json: Record<string, unknown>): BenchReport {
  const n = (key: string) => Number(json[key]);
  const limits = (json.targets ?? {}) as { ratio?: number; peakMB?: number };
  const figures = {
    exportMs: { value: n('exportMs'), unit: 'ms', label: `raw sheet of ${json.rows} rows through renderer/export` },
    exceljsMs: { value: n('exceljsMs'), unit: 'ms', label: 'exceljs writing the same rows directly' },
    ratio: { value: n('ratio'), unit: 'x', label: 'export time ÷ exceljs time' },
    peakMB: { value: n('peakMB'), unit: 'MB', label: 'peak RSS of the export' },
    exceljsPeakMB: { value: n('exceljsPeakMB'), unit: 'MB', label: 'peak RSS of plain exceljs' },
    matrixMs: { value: n('matrixMs'), unit: 'ms', label: 'matrix workbook' },
  };
  return benchReportSchema.parse({
    name: 'export',
    figures,
    targets: [
      { name: `export ≤ ${limits.ratio}× raw exceljs`, figure: 'ratio', op: '<=', limit: limits.ratio, value: n('ratio'), pass: json.time === 'PASS' },
      { name: `export peak ≤ ${limits.peakMB} MB`, figure: 'peakMB', op: '<=', limit: limits.peakMB, value: n('peakMB'), pass: json.memory === 'PASS' },
    ],
    context: { rows: n('rows'), reps: n('reps') },
  });
}

/** The script's report in the common shape, whichever shape it printed. */
export function reportOf(name: string, output: string): BenchReport | null {
  try {
    return parseBenchJson(output);
  } catch {
    const line = output.split('\n').filter((l) => l.startsWith(BENCH_JSON_PREFIX)).pop();
    if (!line) return null;
    const json = JSON.parse(line.slice(BENCH_JSON_PREFIX.length)) as Record<string, unknown>;
    if (name === 'export' && 'exportMs' in json) return fromExportShape(json);
    throw new Error(`${name}: BENCH_JSON line in an unknown shape`);
  }
}

export function runScript(bench: BenchScript, quick: boolean, extraArgs: string[]): Promise<RunOutcome> {
  const started = performance.now();
  const args = ['--import', 'tsx', path.resolve(REPO_ROOT, bench.script), ...(quick ? bench.quickArgs : []), ...extraArgs];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...(quick ? bench.quickEnv : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a stop reaches the servers and browsers it started too.
    detached: true,
  });
  const stopGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const onInterrupt = () => {
    stopGroup('SIGTERM');
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  let output = '';
  const relay = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
    output += chunk.toString();
    for (const line of chunk.toString().split('\n')) if (line !== '' && !line.startsWith(BENCH_JSON_PREFIX)) stream.write(`[${bench.name}] ${line}\n`);
  };
  child.stdout.on('data', relay(process.stdout));
  child.stderr.on('data', relay(process.stderr));
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup('SIGTERM');
      setTimeout(() => stopGroup('SIGKILL'), 10_000).unref();
    }, bench.timeoutMin * 60_000);
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      process.off('SIGINT', onInterrupt);
      const seconds = (performance.now() - started) / 1000;
      let report: BenchReport | null = null;
      let problem: string | undefined;
      try {
        report = reportOf(bench.name, output);
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      if (timedOut) problem = `stopped after ${bench.timeoutMin} min${report?.context.partial ? '; the figures it measured until then are listed' : ''}`;
      else if (exitCode !== 0) problem ??= `exited with ${exitCode}`;
      else if (!report) problem ??= 'printed no BENCH_JSON line';
      resolve({ name: bench.name, exitCode, seconds, report, ...(problem ? { problem } : {}) });
    });
  });
}

function printSummary(outcomes: RunOutcome[]): void {
  const rows: string[][] = [['bench', 'target', 'measured', 'limit', 'result']];
  for (const o of outcomes) {
    if (!o.report) {
      rows.push([o.name, '—', '—', '—', `CRASHED (${o.problem})`]);
      continue;
    }
    for (const t of o.report.targets) {
      const unit = o.report.figures[t.figure]?.unit ?? '';
      rows.push([o.name, t.name, `${formatNumber(t.value)} ${unit}`, `${t.op} ${formatNumber(t.limit)}`, t.pass ? 'PASS' : 'MISS']);
    }
    if (o.report.context.partial) rows.push([o.name, `${Object.keys(o.report.figures).length} figures measured before it stopped (below)`, '—', '—', 'PARTIAL']);
    if (o.problem) rows.push([o.name, '—', '—', '—', `CRASHED (${o.problem})`]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log('\n== summary ==');
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
  console.log('\nall figures:');
  for (const o of outcomes) {
    for (const [key, f] of Object.entries(o.report?.figures ?? {})) console.log(`  ${o.name}.${key} = ${formatNumber(f.value)} ${f.unit}${f.label ? `  (${f.label})` : ''}`);
    console.log(`  ${o.name}: ${o.seconds.toFixed(0)} s`);
  }
}

export function parseRunArgs(argv: readonly string[]): { quick: boolean; only: string[] | null; passThrough: string[] } {
  const i = argv.indexOf('--only');
  const only = i >= 0 ? (argv[i + 1] ?? '').split(',').filter(Boolean) : null;
  const unknown = only?.filter((name) => !BENCHES.some((b) => b.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  const passThrough = argv.filter((arg, k) => arg !== '--quick' && arg !== '--only' && argv[k - 1] !== '--only');
  return { quick: argv.includes('--quick'), only, passThrough };
}

async function main(): Promise<number> {
  const { quick, only, passThrough } = parseRunArgs(process.argv.slice(2));
  const machine = await describeMachine();
  console.log(`machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.memoryGb} GB, ${machine.os}; Node ${machine.node}, ${machine.postgres}, ${machine.chromium}; load average ${machine.loadAverage}`);
  const startedAt = new Date().toISOString();
  const outcomes: RunOutcome[] = [];
  for (const bench of BENCHES.filter((b) => only === null || only.includes(b.name))) {
    console.log(`\n== ${bench.name} (${bench.script}${quick ? ', quick' : ''}) ==`);
    outcomes.push(await runScript(bench, quick, passThrough));
  }
  printSummary(outcomes);
  const file = path.join(REPO_ROOT, 'bench/results', quick ? 'latest-quick.json' : 'latest.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ startedAt, quick, machine, results: outcomes }, null, 2)}\n`);
  console.log(`\nwritten ${path.relative(REPO_ROOT, file)}`);
  const crashed = outcomes.filter((o) => o.problem);
  if (crashed.length > 0) console.error(`crashed: ${crashed.map((o) => `${o.name} (${o.problem})`).join(', ')}`);
  return crashed.length > 0 ? 1 : 0;
}

// Imported by its test for the helpers; run only as a script.
if (process.argv[1] && path.resolve(process.argv[1]) === path.join(REPO_ROOT, 'bench/run.ts')) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
