/**
 * What this laptop holds, judged from every table, and "clear this laptop's
 * data". Loads into it (the demo) are all or nothing: demo.ts, loadMark.ts.
 *
 * Decisions (issue 13, case 6):
 * - Every local table has a role below, and a test fails when a table has
 *   none: "empty" is never again decided from one table (the LAOs).
 * - The demo loads only into a laptop that holds nothing and has nobody
 *   signed in. Loading it again on another date would leave the old
 *   province's rows behind for good, so the officer clears the laptop first.
 * - Clearing refuses while unsynced work exists (any user's outbox entries,
 *   conflict decisions not yet sent) that is not in a file saved first; work
 *   made after the file refuses again. The laptop's device id stays (it is
 *   the laptop's, not the data's) and the outbox numbering runs on with it:
 *   the server refuses a seq it has already answered for this device.
 *   Everything else goes, the session too.
 */
import { bangkokDateOf, bangkokTimeOf } from '../../shared/calendar/fiscal';
import { RECORD_TABLES } from '../../shared/domain/tables';
import type { SyncConflict } from '../../shared/sync/protocol';
import { queuedResolutions } from '../sync/conflictQueue';
import type { QueuedResolution } from '../sync/conflictResolution';
import { META, readMeta } from '../sync/meta';
import type { EplanDb, OutboxEntry, StoredRecord } from './db';
import { readLoadMark, withLoadLock } from './loadMark';

type TableRole = 'records' | 'laos' | 'reference' | 'unsynced' | 'drafts' | 'conflicts' | 'history' | 'derived' | 'meta';

/** Every local table and what its rows say about the laptop. `derived` tables are rebuilt from the records and judge nothing. */
export const TABLE_ROLES: Readonly<Record<string, TableRole>> = {
  ...Object.fromEntries(RECORD_TABLES.map((table) => [table, 'records'])),
  laos: 'laos',
  provinces: 'reference',
  districts: 'reference',
  users: 'reference',
  calendars: 'reference',
  signOffs: 'reference',
  outbox: 'unsynced',
  drafts: 'drafts',
  conflicts: 'conflicts',
  history: 'history',
  completionState: 'derived',
  completionResults: 'derived',
  completionMissing: 'derived',
  // Which LAOs were written, for the completion engine: it follows the records, it says nothing of its own.
  laoWrites: 'derived',
  meta: 'meta',
};

export interface DeviceHoldings {
  records: number;
  laos: number;
  /** Provinces, districts and users. */
  reference: number;
  /** Outbox entries of every user of this laptop, and conflict decisions not yet sent. */
  unsynced: number;
  drafts: number;
  conflicts: number;
  /** Lines of the change history of records edited here. */
  history: number;
  signedIn: boolean;
  /** A load's mark is here: a load runs (in this window or another) or was cut off. */
  loading: boolean;
}

export async function deviceHoldings(db: EplanDb): Promise<DeviceHoldings> {
  const judged = Object.entries(TABLE_ROLES).filter(([, role]) => role !== 'derived' && role !== 'meta');
  const sizes = await Promise.all(judged.map(([table]) => db.table(table).count()));
  const counts: Record<TableRole, number> = { records: 0, laos: 0, reference: 0, unsynced: 0, drafts: 0, conflicts: 0, history: 0, derived: 0, meta: 0 };
  judged.forEach(([, role], i) => (counts[role] += sizes[i]!));
  const [resolutions, user, mark] = await Promise.all([queuedResolutions(db), readMeta(db, META.user), readLoadMark(db)]);
  return {
    records: counts.records,
    laos: counts.laos,
    reference: counts.reference,
    unsynced: counts.unsynced + resolutions.length,
    drafts: counts.drafts,
    conflicts: counts.conflicts,
    history: counts.history,
    signedIn: user !== undefined,
    loading: mark !== null,
  };
}

/** Nothing in any table (derived caches aside), nobody signed in, no load under way. */
export const holdsNothing = (h: DeviceHoldings): boolean =>
  h.records + h.laos + h.reference + h.unsynced + h.drafts + h.conflicts + h.history === 0 && !h.signedIn && !h.loading;

/** Rows the screens cannot show while no LAO is here: left by a load or a session, cleared in Settings. */
export const residueOf = (h: DeviceHoldings): number => h.records + h.unsynced + h.drafts + h.conflicts;

export class DeviceNotEmptyError extends Error {
  constructor() {
    super('This laptop already holds data: clear it before loading the demo');
    this.name = 'DeviceNotEmptyError';
  }
}

/** Every table but `meta` emptied, and of `meta` only the device ids kept. */
async function emptyDevice(db: EplanDb): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    // clear() keeps the outbox's key generator, so this device's seq never starts again at 1.
    for (const table of db.tables) if (table.name !== 'meta') await table.clear();
    await db.meta.filter((entry) => entry.key !== META.deviceId && entry.key !== META.userDeviceIds).delete();
  });
}

/** Which unsynced work a file holds, or the laptop holds now: compared before clearing. */
export interface WorkStamp {
  /** The last outbox entry (0: none). */
  throughSeq: number;
  /** Conflict decisions waiting to be sent, by conflict id. */
  resolutions: string[];
}

/** Whether a saved file holds all the work: no entry after it, no decision missing from it. */
export function fileCovers(file: WorkStamp | null, work: WorkStamp): boolean {
  const nothing = work.throughSeq === 0 && work.resolutions.length === 0;
  if (nothing) return true;
  if (!file) return false;
  return work.throughSeq <= file.throughSeq && work.resolutions.every((id) => file.resolutions.includes(id));
}

/** The unsynced work this laptop holds now. */
export async function currentWork(db: EplanDb): Promise<WorkStamp> {
  const [last, resolutions] = await Promise.all([db.outbox.orderBy('seq').last(), queuedResolutions(db)]);
  return { throughSeq: last?.seq ?? 0, resolutions: resolutions.map((r) => r.conflictId) };
}

/** The unsynced work of this laptop as a file holds it: every entry, the records they change, decisions, drafts. */
export interface UnsyncedExport extends WorkStamp {
  kind: 'eplan-unsynced-work';
  version: 1;
  exportedAt: string;
  deviceId: string | null;
  entries: OutboxEntry[];
  /** Who made the entries, so the file can be read without the server. */
  authors: Array<{ id: string; username?: unknown; displayName?: unknown }>;
  records: Array<{ table: string; record: StoredRecord }>;
  resolutionQueue: QueuedResolution[];
  conflicts: SyncConflict[];
  drafts: unknown[];
}

export async function unsyncedExport(db: EplanDb, exportedAt: string): Promise<UnsyncedExport> {
  return db.transaction('r', db.tables, async () => {
    const entries = await db.outbox.orderBy('seq').toArray();
    const resolutionQueue = await queuedResolutions(db);
    const records: UnsyncedExport['records'] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      const key = `${entry.table}:${entry.recordId}`;
      if (seen.has(key) || !(RECORD_TABLES as readonly string[]).includes(entry.table)) continue;
      seen.add(key);
      const record = await db.table<StoredRecord, string>(entry.table).get(entry.recordId);
      if (record) records.push({ table: entry.table, record });
    }
    const authorIds = [...new Set([...entries.map((e) => e.author), ...resolutionQueue.map((r) => r.by)])];
    const users = await db.users.bulkGet(authorIds);
    return {
      kind: 'eplan-unsynced-work',
      version: 1,
      exportedAt,
      deviceId: (await readMeta<string>(db, META.deviceId)) ?? null,
      throughSeq: entries.at(-1)?.seq ?? 0,
      resolutions: resolutionQueue.map((r) => r.conflictId),
      entries,
      authors: authorIds.map((id, i) => ({ id, username: users[i]?.username, displayName: users[i]?.displayName })),
      records,
      resolutionQueue,
      conflicts: (await db.conflicts.bulkGet(resolutionQueue.map((r) => r.conflictId))).filter((c): c is SyncConflict => c !== undefined),
      drafts: await db.table('drafts').toArray(),
    };
  });
}

/** 'eplan-unsynced-work-2026-11-25-1405.json': the Bangkok day and time it was saved, so files of one day stay apart. */
export function unsyncedFileName(at: Date): string {
  const time = bangkokTimeOf(at).replace(':', '');
  return `eplan-unsynced-work-${bangkokDateOf(at)}-${time}.json`;
}

export type ClearResult = { ok: true } | { ok: false; code: 'UNSYNCED_NOT_EXPORTED' | 'LOAD_RUNNING' };

/**
 * Empties the laptop, unless unsynced work would go with it that was not
 * saved to a file first (`exported`: the stamp of the file saved, if any),
 * or a load runs (in another window) that would write on after it.
 */
export async function clearDeviceData(db: EplanDb, options: { exported: WorkStamp | null }): Promise<ClearResult> {
  return withLoadLock<ClearResult>(
    () =>
      db.transaction('rw', db.tables, async () => {
        if (!fileCovers(options.exported, await currentWork(db))) return { ok: false, code: 'UNSYNCED_NOT_EXPORTED' } as const;
        await emptyDevice(db);
        return { ok: true } as const;
      }),
    () => ({ ok: false, code: 'LOAD_RUNNING' }),
  );
}
