/**
 * Export benchmark (issue 7, item 6): a 334-LAO province's checklist matrix
 * (whole year) and a 100k-row raw disbursement sheet, as the app builds them
 * (renderer/export), against exceljs writing the very same cell values
 * directly (no styles): the baseline, measured in the same run.
 *
 * Every variant runs in its own child process, so each peak RSS (VmHWM, the
 * kernel's high-water mark of the process) is its own; 'data-only' shows what
 * the generated data alone takes. Times are the median of BENCH_REPS runs
 * (default 3), interleaved so a busy machine slows both sides alike; the peak
 * is the highest of the runs. CPU time (all threads) is printed too: on a
 * shared machine it moves less than wall time.
 *
 *   npx tsx scripts/bench-export.ts
 *
 * The last line is `BENCH_JSON {...}` with PASS/MISS against the targets:
 * raw export ≤ 1.3× plain exceljs time and ≤ 400 MB peak.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { defaultTemplate } from '../shared/calendar/index';
import { generateDemoProvince } from '../shared/demo/generate';
import { RECORD_TABLES } from '../shared/domain/tables';
import type { Disbursement } from '../shared/domain/disbursement';
import { CompletionCache, groupByLao } from '../shared/calendar/completionCache';
import { buildWorkbookBytes } from '../renderer/export/exportJob';
import { rawSheets, type RawWorkbookInput } from '../renderer/export/rawWorkbook';

const FY = 2569;
const AS_OF = '2026-09-30';
const RAW_ROWS = 100_000;
const TARGET = { ratio: 1.3, peakMB: 400 };
const CASES = ['data-only', 'matrix', 'raw', 'raw-exceljs'] as const;
type Case = (typeof CASES)[number];
interface Measured { ms: number; cpuMs: number; bytes: number; peakMB: number }

function province() {
  return generateDemoProvince({ seed: 'bench-export', laoCount: 334, fiscalYears: [2568, FY], asOf: AS_OF, recordScale: 0.25 });
}

/** The year's disbursements, repeated with new ids up to RAW_ROWS. */
function disbursementRows(dataset: ReturnType<typeof province>): Disbursement[] {
  const base = dataset.records.disbursements.filter((d) => d.fiscalYear === FY);
  return Array.from({ length: RAW_ROWS }, (_v, i) => ({ ...base[i % base.length]!, id: `${base[i % base.length]!.id.slice(0, 24)}${String(i).padStart(12, '0')}` }));
}

/** Peak resident memory of this process so far, from the kernel (Linux), else Node's maxRSS. */
function peakMB(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch { /* not Linux */ }
  return process.resourceUsage().maxRSS / 1024;
}

/** exceljs's in-memory workbook, the values of each raw sheet added row by row, no styling. */
async function plainExceljs(input: RawWorkbookInput): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of rawSheets(input)) {
    const ws = workbook.addWorksheet(sheet.name);
    ws.addRow([...sheet.headers]);
    for (const values of sheet.rows) ws.addRow([...values]);
  }
  return ((await workbook.xlsx.writeBuffer()) as ArrayBuffer).byteLength;
}

async function run(which: Case): Promise<{ ms: number; bytes: number }> {
  const dataset = province();
  const header = { province: dataset.province, fiscalYear: FY, asOf: AS_OF, exportedBy: 'bench', language: 'th' as const };
  if (which === 'matrix') {
    const template = defaultTemplate(FY);
    const cache = new CompletionCache(template, { asOf: AS_OF, fiscalYear: FY });
    const byLao = groupByLao(Object.fromEntries(RECORD_TABLES.map((t) => [t, dataset.records[t]])));
    for (const lao of dataset.laos) cache.update(lao.id, byLao.get(lao.id) ?? {});
    const start = performance.now();
    const bytes = await buildWorkbookBytes({ kind: 'matrix', input: { ...header, laos: dataset.laos, districts: dataset.districts, tasks: template.tasks, results: cache.snapshot() } });
    return { ms: performance.now() - start, bytes: bytes.length };
  }
  const input: RawWorkbookInput = { ...header, laos: dataset.laos, districts: dataset.districts, users: dataset.users, records: { disbursements: disbursementRows(dataset) }, categories: ['disbursement'] };
  const start = performance.now();
  if (which === 'data-only') return { ms: 0, bytes: 0 };
  if (which === 'raw') {
    const bytes = await buildWorkbookBytes({ kind: 'raw', input });
    return { ms: performance.now() - start, bytes: bytes.length };
  }
  const bytes = await plainExceljs(input);
  return { ms: performance.now() - start, bytes };
}

function child(which: Case): Measured {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), which], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as Measured;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const which = process.argv[2] as Case | undefined;
  if (which) {
    const cpu = process.cpuUsage();
    const { ms, bytes } = await run(which);
    // CPU of all the process's threads (zlib runs on the thread pool) while the data is made and the workbook written.
    const used = process.cpuUsage(cpu);
    console.log(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, bytes, peakMB: peakMB() } satisfies Measured));
    return;
  }
  const reps = Math.max(1, Number(process.env.BENCH_REPS ?? 3));
  const runs: Record<Case, Measured[]> = { 'data-only': [], matrix: [], raw: [], 'raw-exceljs': [] };
  for (let i = 0; i < reps; i += 1) {
    // Alternate which side goes first, so neither always gets the cooler machine.
    const order: Case[] = i % 2 === 0 ? ['raw-exceljs', 'raw', 'matrix'] : ['raw', 'raw-exceljs', 'matrix'];
    if (i === 0) order.unshift('data-only');
    for (const c of order) runs[c].push(child(c));
  }
  const summary = Object.fromEntries(CASES.map((c) => [c, {
    ms: median(runs[c].map((r) => r.ms)), cpuMs: median(runs[c].map((r) => r.cpuMs)), peakMB: Math.max(...runs[c].map((r) => r.peakMB)), bytes: runs[c][0]!.bytes,
  }])) as Record<Case, Measured>;
  for (const c of CASES) {
    const r = summary[c];
    console.log(`${c.padEnd(12)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  cpu ${(r.cpuMs / 1000).toFixed(2).padStart(7)} s  peak RSS ${r.peakMB.toFixed(0).padStart(5)} MB  ${(r.bytes / 1e3).toFixed(0).padStart(6)} kB xlsx   runs: ${runs[c].map((x) => (x.ms / 1000).toFixed(2)).join(', ')} s`);
  }
  const raw = summary.raw;
  const plain = summary['raw-exceljs'];
  const base = summary['data-only'].peakMB;
  const ratio = raw.ms / plain.ms;
  const timeOk = ratio <= TARGET.ratio;
  const memoryOk = raw.peakMB <= TARGET.peakMB;
  console.log(`raw (${RAW_ROWS} rows) vs exceljs writing the same values: time ×${ratio.toFixed(2)} (target ≤ ${TARGET.ratio}) ${timeOk ? 'PASS' : 'MISS'}; peak ${raw.peakMB.toFixed(0)} MB (target ≤ ${TARGET.peakMB}) ${memoryOk ? 'PASS' : 'MISS'}`);
  const cpuRatio = (raw.cpuMs - summary['data-only'].cpuMs) / (plain.cpuMs - summary['data-only'].cpuMs);
  console.log(`CPU beyond making the data: ×${cpuRatio.toFixed(2)} (less sensitive than wall time to a busy machine)`);
  console.log(`above the data alone (${base.toFixed(0)} MB): raw +${(raw.peakMB - base).toFixed(0)} MB, exceljs +${(plain.peakMB - base).toFixed(0)} MB`);
  const json = {
    rows: RAW_ROWS, reps,
    exportMs: Math.round(raw.ms), exceljsMs: Math.round(plain.ms), ratio: Number(ratio.toFixed(3)),
    exportCpuMs: Math.round(raw.cpuMs), exceljsCpuMs: Math.round(plain.cpuMs), dataCpuMs: Math.round(summary['data-only'].cpuMs), cpuRatio: Number(cpuRatio.toFixed(3)),
    peakMB: Math.round(raw.peakMB), exceljsPeakMB: Math.round(plain.peakMB), dataOnlyPeakMB: Math.round(base),
    matrixMs: Math.round(summary.matrix.ms), matrixPeakMB: Math.round(summary.matrix.peakMB),
    exportBytes: raw.bytes, exceljsBytes: plain.bytes,
    time: timeOk ? 'PASS' : 'MISS', memory: memoryOk ? 'PASS' : 'MISS',
    targets: { ratio: TARGET.ratio, peakMB: TARGET.peakMB },
  };
  console.log(`BENCH_JSON ${JSON.stringify(json)}`);
}

void main();
