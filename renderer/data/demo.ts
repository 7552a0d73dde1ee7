import type { DemoDataset } from '../../shared/demo/generate';
import { RECORD_TABLES } from '../../shared/domain/tables';
import type { EplanDb, StoredRecord } from './db';
import { now as clockNow, today } from '../../shared/clock';
import { LOADING_KEY, loadIntoEmptyDevice } from './device';

const CHUNK = 2_000;

/**
 * Writes a generated demo province into an empty laptop in chunks of a few
 * thousand rows per transaction, reporting progress as a fraction 0..1. The
 * LAOs are written last, so screens never show a half-loaded province; a
 * load that fails or is cut off is removed whole (device.ts).
 */
export async function loadDemoDataset(db: EplanDb, dataset: DemoDataset, onProgress: (fraction: number) => void = () => {}): Promise<void> {
  await loadIntoEmptyDevice(db, clockNow().toISOString(), () => writeDemo(db, dataset, onProgress));
}

async function writeDemo(db: EplanDb, dataset: DemoDataset, onProgress: (fraction: number) => void): Promise<void> {
  const recordTotal = RECORD_TABLES.reduce((sum, table) => sum + (dataset.records[table]?.length ?? 0), 0);
  let written = 0;
  for (const table of RECORD_TABLES) {
    const rows = (dataset.records[table] ?? []) as unknown as StoredRecord[];
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      await db.transaction('rw', db.table(table), () => db.table(table).bulkPut(chunk));
      written += chunk.length;
      onProgress(recordTotal === 0 ? 1 : written / recordTotal);
    }
  }
  // Reference data last: the app counts the province as loaded once its LAOs exist.
  await db.transaction('rw', [db.provinces, db.districts, db.laos, db.users, db.meta], async () => {
    await db.provinces.put({ ...dataset.province });
    await db.districts.bulkPut(dataset.districts.map((row) => ({ ...row })));
    await db.laos.bulkPut(dataset.laos.map((row) => ({ ...row })));
    await db.users.bulkPut(dataset.users.map((row) => ({ ...row })));
    const officer = dataset.users.find((user) => user.role === 'officer');
    await db.meta.put({ key: 'currentUserId', value: officer?.id ?? 'local-user' });
    await db.meta.put({ key: 'demo', value: true });
    await db.meta.delete(LOADING_KEY);
  });
  onProgress(1);
}

/** Generates the demo province lazily so the generator is not in the start-up bundle. */
export async function generateAndLoadDemo(db: EplanDb, onProgress: (fraction: number) => void): Promise<void> {
  const { everydayDemoOptions, generateDemoProvince } = await import('../../shared/demo/generate');
  const dataset = generateDemoProvince(everydayDemoOptions(today()));
  await loadDemoDataset(db, dataset, onProgress);
}
