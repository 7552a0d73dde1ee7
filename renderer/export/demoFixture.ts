/** A small demo province evaluated the way the screens evaluate it (CompletionCache), for export tests. */
import { defaultTemplate, tasksForMonth } from '../../shared/calendar/index';
import { generateDemoProvince, type DemoDataset } from '../../shared/demo/generate';
import { RECORD_TABLES } from '../../shared/domain/tables';
import { CompletionCache, groupByLao, type LaoTaskResults } from '../../shared/calendar/completionCache';

export const FIXTURE_FY = 2569;
export const FIXTURE_AS_OF = '2026-03-20';

export interface DemoFixture {
  dataset: DemoDataset;
  results: ReadonlyMap<string, LaoTaskResults>;
  template: ReturnType<typeof defaultTemplate>;
  marchTasks: ReturnType<typeof tasksForMonth>;
}

let cached: DemoFixture | undefined;

export function demoFixture(): DemoFixture {
  if (cached) return cached;
  const dataset = generateDemoProvince({ seed: 'exports', laoCount: 36, fiscalYears: [2568, 2569], asOf: FIXTURE_AS_OF, recordScale: 0.2 });
  const template = defaultTemplate(FIXTURE_FY);
  const cache = new CompletionCache(template, { asOf: FIXTURE_AS_OF, fiscalYear: FIXTURE_FY });
  const byLao = groupByLao(Object.fromEntries(RECORD_TABLES.map((t) => [t, dataset.records[t]])));
  for (const lao of dataset.laos) cache.update(lao.id, byLao.get(lao.id) ?? {});
  cached = { dataset, results: cache.snapshot(), template, marchTasks: tasksForMonth(template, 2026, 3) };
  return cached;
}
