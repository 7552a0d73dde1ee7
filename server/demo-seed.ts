import { bangkokDateOf } from '../shared/calendar/fiscal';
import { everydayDemoOptions, generateDemoProvince } from '../shared/demo/generate';
import type { Database } from './store/db';
import { isEmpty, seedRecords, seedReference } from './store/seed';

/** Seeds the demo province into an empty database; a database with data is left alone. */
export async function seedDemoIfEmpty(db: Database, log: (line: string) => void = () => {}, asOf = bangkokDateOf(new Date())): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const dataset = generateDemoProvince(everydayDemoOptions(asOf));
  await seedReference(db, dataset);
  const report = await seedRecords(db, dataset.records as unknown as Parameters<typeof seedRecords>[1]);
  const total = Object.values(report.inserted).reduce((sum, n) => sum + n, 0);
  log(`Seeded the demo province "${dataset.province.nameEn}" (${dataset.laos.length} LAOs, ${total} records). It is demo data, not any real LAO's.`);
  return true;
}
