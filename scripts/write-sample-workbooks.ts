/**
 * Writes the four export workbooks of a demo province to a folder, for the
 * render check (scripts/render-workbook.sh) or a look in a spreadsheet app.
 *
 *   npx tsx scripts/write-sample-workbooks.ts /tmp/workbooks [th|en]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTemplate, tasksForMonth } from '../shared/calendar/index';
import { generateDemoProvince } from '../shared/demo/generate';
import { RECORD_TABLES } from '../shared/domain/tables';
import { CompletionCache, groupByLao } from '../shared/calendar/completionCache';
import { buildWorkbookBytes, type ExportRequest } from '../renderer/export/exportJob';

const out = process.argv[2] ?? 'workbooks';
const language = process.argv[3] === 'en' ? 'en' : 'th';
const FY = 2569;
const AS_OF = '2026-03-20';

async function main() {
  const dataset = generateDemoProvince({ seed: 'render-check', laoCount: 60, fiscalYears: [2568, FY], asOf: AS_OF, recordScale: 0.2 });
  const template = defaultTemplate(FY);
  const cache = new CompletionCache(template, { asOf: AS_OF, fiscalYear: FY });
  const byLao = groupByLao(Object.fromEntries(RECORD_TABLES.map((t) => [t, dataset.records[t]])));
  for (const lao of dataset.laos) cache.update(lao.id, byLao.get(lao.id) ?? {});
  const results = cache.snapshot();
  const header = { province: dataset.province, fiscalYear: FY, asOf: AS_OF, exportedBy: 'ผู้ตรวจสอบ สาธิต', language } as const;
  const { laos, districts, users } = dataset;
  const requests: ExportRequest[] = [
    { kind: 'matrix', input: { ...header, laos, districts, tasks: tasksForMonth(template, 2026, 3), results, month: { year: 2026, month: 3 } } },
    { kind: 'budget', input: { ...header, laos, districts, records: dataset.records } },
    { kind: 'officers', input: { ...header, users, laos, template, results, activity: { records: RECORD_TABLES.flatMap((t) => dataset.records[t] as never[]), visits: dataset.records.fieldVisits } } },
    { kind: 'raw', input: { ...header, laos, districts, users, records: dataset.records, categories: ['ordinance', 'disbursement'] } },
  ];
  mkdirSync(out, { recursive: true });
  for (const request of requests) {
    const file = join(out, `${request.kind}-${language}.xlsx`);
    writeFileSync(file, await buildWorkbookBytes(request));
    console.log(file);
  }
}

void main();
