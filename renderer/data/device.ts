/**
 * What this laptop holds, judged from every table, and the two ways it is
 * emptied: an interrupted demo load undone, and "clear this laptop's data".
 *
 * Decisions (issue 13, case 6):
 * - The demo loads only into a laptop that holds nothing. Loading it again on
 *   another date would leave the old province's rows behind for good, so the
 *   officer clears the laptop first.
 * - A load marks itself in `meta` before its first write and unmarks itself
 *   with the LAOs, its last write. A failed load removes what it wrote at
 *   once; a load cut off by a closed window or a crash is found by its mark
 *   at the next start and removed then. Either way the laptop is as before.
 * - Clearing refuses while unsynced work exists (any user's), unless that
 *   work was first saved to a file. The laptop's device id stays (it is the
 *   laptop's, not the data's); everything else goes, the session included.
 */
import { RECORD_TABLES } from '../../shared/domain/tables';
import { META, readMeta } from '../sync/meta';
import type { EplanDb, StoredRecord } from './db';

export interface DeviceHoldings {
  records: number;
  laos: number;
  /** Unsynced entries of every user of this laptop. */
  unsynced: number;
  drafts: number;
}

export async function deviceHoldings(db: EplanDb): Promise<DeviceHoldings> {
  const [records, laos, unsynced, drafts] = await Promise.all([
    Promise.all(RECORD_TABLES.map((table) => db.table(table).count())).then((counts) => counts.reduce((sum, n) => sum + n, 0)),
    db.laos.count(),
    db.outbox.count(),
    db.table('drafts').count(),
  ]);
  return { records, laos, unsynced, drafts };
}

export const holdsNothing = (h: DeviceHoldings): boolean => h.records + h.laos + h.unsynced + h.drafts === 0;

/** Set while a demo load is writing; its value is when the load began. */
export const LOADING_KEY = 'demo.loadingSince';

export class DeviceNotEmptyError extends Error {
  constructor() {
    super('This laptop already holds data: clear it before loading the demo');
    this.name = 'DeviceNotEmptyError';
  }
}

/** Every table but `meta` emptied, and of `meta` only the device id kept. */
export async function emptyDevice(db: EplanDb): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) if (table.name !== 'meta') await table.clear();
    await db.meta.filter((entry) => entry.key !== META.deviceId).delete();
  });
}

/** A load running in this window: its mark is not a cut-off load's. */
let loadingHere = false;

/**
 * A load that a closed window or a crash cut off: what it wrote goes. True
 * when there was one, so the screen can say so.
 */
export async function undoInterruptedLoad(db: EplanDb): Promise<boolean> {
  if (loadingHere || (await readMeta<string>(db, LOADING_KEY)) === undefined) return false;
  await emptyDevice(db);
  return true;
}

/**
 * Runs the writes of a load into an empty laptop: marked before the first,
 * `finish` writes the last (and must delete LOADING_KEY in its transaction);
 * anything thrown on the way empties the laptop again and is rethrown.
 */
export async function loadIntoEmptyDevice(db: EplanDb, startedAt: string, write: () => Promise<void>): Promise<void> {
  if (loadingHere) throw new DeviceNotEmptyError();
  await undoInterruptedLoad(db);
  if (!holdsNothing(await deviceHoldings(db))) throw new DeviceNotEmptyError();
  loadingHere = true;
  try {
    await db.meta.put({ key: LOADING_KEY, value: startedAt });
    await write();
  } catch (error) {
    await emptyDevice(db).catch(() => {
      // The mark stays: the next start removes the rest.
    });
    throw error;
  } finally {
    loadingHere = false;
  }
}

/** The unsynced work of this laptop as a file holds it: every entry, the records they change, the drafts. */
export interface UnsyncedExport {
  kind: 'eplan-unsynced-work';
  exportedAt: string;
  deviceId: string | null;
  /** The last entry in the file: clearing is allowed only while no later one exists. */
  throughSeq: number;
  entries: unknown[];
  records: Array<{ table: string; record: StoredRecord }>;
  drafts: unknown[];
}

export async function unsyncedExport(db: EplanDb, exportedAt: string): Promise<UnsyncedExport> {
  const entries = await db.outbox.orderBy('seq').toArray();
  const records: UnsyncedExport['records'] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = `${entry.table}:${entry.recordId}`;
    if (seen.has(key) || !(RECORD_TABLES as readonly string[]).includes(entry.table)) continue;
    seen.add(key);
    const record = await db.table<StoredRecord, string>(entry.table).get(entry.recordId);
    if (record) records.push({ table: entry.table, record });
  }
  return {
    kind: 'eplan-unsynced-work',
    exportedAt,
    deviceId: (await readMeta<string>(db, META.deviceId)) ?? null,
    throughSeq: entries.at(-1)?.seq ?? 0,
    entries,
    records,
    drafts: await db.table('drafts').toArray(),
  };
}

export type ClearResult = { ok: true } | { ok: false; code: 'UNSYNCED_NOT_EXPORTED' };

/**
 * Empties the laptop, unless unsynced work would go with it that was not
 * saved to a file first: `exportedThroughSeq` is the file's throughSeq, and
 * an entry made after the file refuses the clear.
 */
export async function clearDeviceData(db: EplanDb, options: { exportedThroughSeq: number | null }): Promise<ClearResult> {
  return db.transaction('rw', db.tables, async () => {
    const last = (await db.outbox.orderBy('seq').last())?.seq;
    if (last !== undefined && (options.exportedThroughSeq === null || last > options.exportedThroughSeq)) return { ok: false, code: 'UNSYNCED_NOT_EXPORTED' } as const;
    await emptyDevice(db);
    return { ok: true } as const;
  });
}
