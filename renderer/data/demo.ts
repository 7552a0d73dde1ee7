import { bangkokDateOf } from '../../shared/calendar/fiscal';
import type { DemoDataset } from '../../shared/demo/generate';
import { RECORD_TABLES } from '../../shared/domain/tables';
import { now as clockNow, today } from '../../shared/clock';
import type { EplanDb, StoredRecord } from './db';
import { DeviceNotEmptyError, deviceHoldings, holdsNothing } from './device';
import { LEGACY_LOAD_MARK_KEY, LOAD_MARK_KEY, readLoadMark, withLoadLock, type LoadMark } from './loadMark';

const CHUNK = 2_000;

/** Another window is loading the demo (or undoing a cut-off load) right now. */
export class LoadRunningError extends Error {
  constructor() {
    super('A load is running in another window');
    this.name = 'LoadRunningError';
  }
}

/**
 * Writes a generated demo province into an empty laptop in chunks of a few
 * thousand rows per transaction, reporting progress as a fraction 0..1. The
 * LAOs are written last, with the removal of the load's mark, so screens
 * never show a half-loaded province. A load that fails (a full disk) removes
 * what it wrote before it rethrows; one cut off by a closed window or a crash
 * is removed at the next start (undoInterruptedLoad). Either way the laptop
 * is as it was before the load.
 */
export async function loadDemoDataset(db: EplanDb, dataset: DemoDataset, onProgress: (fraction: number) => void = () => {}): Promise<void> {
  const mark: LoadMark = { kind: 'demo', startedAt: clockNow().toISOString(), options: dataset.options };
  await withLoadLock(
    async () => {
      await undoLocked(db);
      // Over data already here (another date's demo, a synced province) the old rows would stay for good.
      if (!holdsNothing(await deviceHoldings(db))) throw new DeviceNotEmptyError();
      await db.meta.put({ key: LOAD_MARK_KEY, value: mark });
      try {
        await writeDemo(db, dataset, onProgress);
      } catch (error) {
        await removeDemoRows(db, dataset).catch(() => {
          // The mark stays: the next start removes the rest.
        });
        throw error;
      }
    },
    () => {
      throw new LoadRunningError();
    },
  );
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
    await db.meta.bulkDelete([LOAD_MARK_KEY, LEGACY_LOAD_MARK_KEY]);
  });
  onProgress(1);
}

/**
 * Removes the record rows a load of `dataset` may have written, and then its
 * mark. Only those rows: the reference rows come in the load's last
 * transaction, which also removes the mark, so they exist only when the load
 * finished. A row with local edits waiting (none can, but it would be work) stays.
 */
async function removeDemoRows(db: EplanDb, dataset: DemoDataset): Promise<void> {
  const edited = new Set((await db.outbox.toArray()).map((entry) => `${entry.table}:${entry.recordId}`));
  for (const table of RECORD_TABLES) {
    const ids = (dataset.records[table] ?? []).map((row) => String(row.id)).filter((id) => !edited.has(`${table}:${id}`));
    for (let start = 0; start < ids.length; start += CHUNK) {
      const chunk = ids.slice(start, start + CHUNK);
      await db.transaction('rw', db.table(table), () => db.table(table).bulkDelete(chunk));
    }
  }
  await db.meta.bulkDelete([LOAD_MARK_KEY, LEGACY_LOAD_MARK_KEY]);
}

/** With the load lock held: a marked load's rows regenerated from its options and removed. */
async function undoLocked(db: EplanDb, onRemoving: () => void = () => {}): Promise<boolean> {
  const mark = await readLoadMark(db);
  if (!mark) return false;
  onRemoving();
  const { everydayDemoOptions, generateDemoProvince } = await import('../../shared/demo/generate');
  // A first-version mark holds only its start: that load used the everyday options of that day.
  const options = mark.options ?? everydayDemoOptions(bangkokDateOf(new Date(mark.startedAt)));
  await removeDemoRows(db, generateDemoProvince(options));
  return true;
}

export type UndoOutcome = 'removed' | 'none' | 'busy';

/**
 * A load that a closed window, a crash or a failed clean-up cut off: what it
 * wrote goes, and nothing else. 'removed' when there was one, so the app can
 * say so; `onRemoving` is told first, as it takes a second or two. A load
 * running in another window is left alone ('busy'), or with `wait` waited for.
 */
export async function undoInterruptedLoad(db: EplanDb, options: { onRemoving?: () => void; wait?: boolean } = {}): Promise<UndoOutcome> {
  return withLoadLock<UndoOutcome>(async () => ((await undoLocked(db, options.onRemoving)) ? 'removed' : 'none'), () => 'busy', { wait: options.wait ?? false });
}

/** Generates the demo province lazily so the generator is not in the start-up bundle. */
export async function generateAndLoadDemo(db: EplanDb, onProgress: (fraction: number) => void): Promise<void> {
  const { everydayDemoOptions, generateDemoProvince } = await import('../../shared/demo/generate');
  const dataset = generateDemoProvince(everydayDemoOptions(today()));
  await loadDemoDataset(db, dataset, onProgress);
}
