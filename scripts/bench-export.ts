/**
 * Export benchmark: a 334-LAO province's checklist matrix (whole year) and a
 * 100k-row raw disbursement sheet, built by renderer/export, against exceljs
 * writing the same rows directly (no styles). Each case runs in its own
 * process so peak RSS (maxRSS) is its own.
 *
 *   npx tsx scripts/bench-export.ts
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { defaultTemplate } from '../shared/calendar/index';
import { generateDemoProvince } from '../shared/demo/generate';
import { RECORD_TABLES } from '../shared/domain/tables';
import type { Disbursement } from '../shared/domain/disbursement';
import { CompletionCache, groupByLao } from '../renderer/data/completionCache';
import { buildWorkbookBytes } from '../renderer/export/exportJob';

const FY = 2569;
const AS_OF = '2026-09-30';
const RAW_ROWS = 100_000;
const CASES = ['data-only', 'matrix', 'raw', 'raw-plain'] as const;
type Case = (typeof CASES)[number];

function province() {
  return generateDemoProvince({ seed: 'bench-export', laoCount: 334, fiscalYears: [2568, FY], asOf: AS_OF, recordScale: 0.25 });
}

/** The year's disbursements, repeated with new ids up to RAW_ROWS. */
function disbursementRows(dataset: ReturnType<typeof province>): Disbursement[] {
  const base = dataset.records.disbursements.filter((d) => d.fiscalYear === FY);
  return Array.from({ length: RAW_ROWS }, (_v, i) => ({ ...base[i % base.length]!, id: `${base[i % base.length]!.id.slice(0, 24)}${String(i).padStart(12, '0')}` }));
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
  const rows = disbursementRows(dataset);
  const start = performance.now();
  if (which === 'data-only') return { ms: performance.now() - start, bytes: 0 };
  if (which === 'raw') {
    const bytes = await buildWorkbookBytes({ kind: 'raw', input: { ...header, laos: dataset.laos, districts: dataset.districts, records: { disbursements: rows }, categories: ['disbursement'] } });
    return { ms: performance.now() - start, bytes: bytes.length };
  }
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('raw');
  for (const d of rows) ws.addRow([d.laoId, d.id, d.fiscalYear, d.ordinanceItemId, d.contractId ?? null, d.paidOn, d.amount / 100, d.enteredOnBehalf, d.updatedAt]);
  const buffer = await workbook.xlsx.writeBuffer();
  return { ms: performance.now() - start, bytes: buffer.byteLength };
}

async function main() {
  const which = process.argv[2] as Case | undefined;
  if (which) {
    const { ms, bytes } = await run(which);
    console.log(JSON.stringify({ ms, bytes, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const results = Object.fromEntries(CASES.map((c) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', self, c], { encoding: 'utf8' });
    return [c, JSON.parse(out.trim().split('\n').pop()!) as { ms: number; bytes: number; peakRssMb: number }];
  }));
  for (const [name, r] of Object.entries(results)) {
    console.log(`${name.padEnd(10)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  peak RSS ${r.peakRssMb.toFixed(0).padStart(5)} MB  ${(r.bytes / 1e3).toFixed(0)} kB xlsx`);
  }
  console.log(`raw vs plain exceljs: time ×${(results.raw!.ms / results['raw-plain']!.ms).toFixed(2)}, peak RSS ×${(results.raw!.peakRssMb / results['raw-plain']!.peakRssMb).toFixed(2)}`);
  const base = results['data-only']!.peakRssMb;
  console.log(`above the data alone (${base.toFixed(0)} MB): raw +${(results.raw!.peakRssMb - base).toFixed(0)} MB, plain +${(results['raw-plain']!.peakRssMb - base).toFixed(0)} MB`);
}

void main();
