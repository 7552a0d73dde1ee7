/**
 * Pull (design.md "Pull", "Initial sync"): every page is applied together with
 * its cursor in one Dexie transaction, so a crash never leaves a cursor ahead
 * of the records. The snapshot is stored page by page with its `next` token,
 * so an interrupted initial sync resumes where it stopped.
 */
import { isRecordTable, RECORD_TABLES, type RecordTable } from '../../shared/domain/tables';
import { rowChecksum } from '../../shared/sync/checksum';
import { MAX_PAGE_SIZE, type ChangeEntry, type SnapshotResponse, type WireRecord } from '../../shared/sync/protocol';
import type { EplanDb, StoredRecord } from '../data/db';
import { SyncError, type SyncApi } from './api';
import { applyConflict, applyServerRecords, localEntriesByRecord, recordStores } from './apply';
import { tableOfSnapshotRecord } from './tableOf';
import { META, readMeta, writeMeta, type SnapshotProgress } from './meta';
import { trackedChecksum } from './checksumCache';

export interface PullProgress {
  /** Snapshot rows stored so far in this run. */
  snapshotRows: number;
  /** Rows of this snapshot stored so far, earlier runs included. */
  stored: number;
  /** The scope's records as the snapshot's first page counted them, or null. */
  total: number | null;
  /** This run took the snapshot up from a page token an earlier run stored. */
  resumed: boolean;
}

export interface PullOptions {
  pageSize?: number;
  onProgress?: (progress: PullProgress) => void;
}

/** Brings one scope up to date: finishes a pending snapshot, pulls the log, checks the checksum. */
export async function syncScope(db: EplanDb, api: SyncApi, scope: string, options: PullOptions = {}): Promise<void> {
  const snapshot = await readMeta<SnapshotProgress>(db, META.snapshot(scope));
  const cursor = await readMeta<number>(db, META.cursor(scope));
  const fetched = cursor === undefined || (snapshot && !snapshot.done) ? await fetchSnapshot(db, api, scope, options) : null;
  let pulled: PulledChanges;
  try {
    pulled = await pullChanges(db, api, scope, options.pageSize);
  } catch (error) {
    if (!(error instanceof SyncError && error.code === 'RESET_REQUIRED')) throw error;
    await refetchScope(db, api, scope, options);
    return;
  }
  // Refused entries no longer show on their records (rollBackRefused): only pending ones skip the check.
  if (pulled.checksum === null || (await db.outbox.filter((entry) => entry.rejected === undefined).count()) > 0) return;
  const verifiedKey = META.verifiedChecksum(scope);
  // Nothing applied and the server's checksum is the one already verified: the rows cannot have
  // moved (local edits go through the outbox), so a province's million rows are not read again.
  if (pulled.applied === 0 && fetched === null && (await readMeta<number>(db, verifiedKey)) === pulled.checksum) return;
  // Right after a whole snapshot into empty tables with nothing pulled since, the store holds
  // exactly the snapshot's rows: their sum is the local checksum, without reading them back.
  // Otherwise the rows as stored now, read again only for the LAOs written since the last count.
  const local = fetched?.checksum !== null && fetched?.checksum !== undefined && pulled.applied === 0 ? fetched.checksum : await trackedChecksum(db, scope);
  if (local !== pulled.checksum) {
    await refetchScope(db, api, scope, options);
    return;
  }
  await writeMeta(db, verifiedKey, local);
}

/** The scope again from a fresh snapshot; the outbox is untouched and replayed on top. */
export async function refetchScope(db: EplanDb, api: SyncApi, scope: string, options: PullOptions = {}): Promise<void> {
  await writeMeta(db, META.snapshot(scope), { after: null, cursor: 0, done: false } satisfies SnapshotProgress);
  const { seen } = await fetchSnapshot(db, api, scope, { ...options, force: true });
  if (seen) await pruneUnseen(db, scope, seen);
  await pullChanges(db, api, scope, options.pageSize);
}

export interface PulledChanges {
  /** The server checksum given with the last page. */
  checksum: number | null;
  /** Change entries applied. */
  applied: number;
}

/** Pages of changes after the stored cursor. */
export async function pullChanges(db: EplanDb, api: SyncApi, scope: string, pageSize = 1000): Promise<PulledChanges> {
  let applied = 0;
  for (;;) {
    const cursor = (await readMeta<number>(db, META.cursor(scope))) ?? 0;
    const page = await api.pull(scope, cursor, pageSize);
    await db.transaction('rw', recordStores(db), async () => {
      const local = await localEntriesByRecord(db);
      for (const [table, records] of groupRecords(page.changes)) await applyServerRecords(db, table, records, local);
      for (const change of page.changes) if (change.kind === 'conflict') await applyConflict(db, change.conflict, local);
      await writeMeta(db, META.cursor(scope), page.cursor);
    });
    applied += page.changes.length;
    if (!page.hasMore) return { checksum: page.checksum, applied };
  }
}

/** The latest state per record of a page, grouped by table. */
function groupRecords(changes: readonly ChangeEntry[]): Map<RecordTable, WireRecord[]> {
  const latest = new Map<string, { table: RecordTable; record: WireRecord }>();
  for (const change of changes) {
    if (change.kind === 'record' && isRecordTable(change.table)) latest.set(change.record.id, { table: change.table, record: change.record });
  }
  const byTable = new Map<RecordTable, WireRecord[]>();
  for (const { table, record } of latest.values()) {
    const list = byTable.get(table);
    if (list) list.push(record);
    else byTable.set(table, [record]);
  }
  return byTable;
}

interface FetchedSnapshot {
  /** Ids stored, when the whole snapshot ran in this call of a re-fetch (so stale rows can be pruned), else null. */
  seen: Set<string> | null;
  /** scopeChecksum of the rows stored, when the whole snapshot ran in this call into empty record tables, else null. */
  checksum: number | null;
}

/** Rows per snapshot page: the protocol's largest, since per-request costs dominate small pages. */
const SNAPSHOT_PAGE_SIZE = MAX_PAGE_SIZE;

/**
 * Stores snapshot pages from the saved token. The next page is requested as
 * soon as the previous one arrives, so the server prepares it while this
 * one is written; each page is still stored with its token in one transaction.
 * A finished snapshot brings the scope's open conflicts too (storeOpenConflicts).
 */
async function fetchSnapshot(db: EplanDb, api: SyncApi, scope: string, options: PullOptions & { force?: boolean }): Promise<FetchedSnapshot> {
  let progress = (await readMeta<SnapshotProgress>(db, META.snapshot(scope))) ?? { after: null, cursor: 0, done: false };
  const fromStart = progress.after === null;
  const resumed = !fromStart;
  const seen = fromStart && options.force ? new Set<string>() : null;
  // A table empty when the snapshot starts holds only this snapshot's rows (each id comes once)
  // and local creations (version 0): no stored copy can be newer, so its rows skip the version read.
  const counts = await Promise.all(RECORD_TABLES.map((table) => db.table(table).count()));
  const empty = new Set(RECORD_TABLES.filter((_, i) => counts[i] === 0));
  let checksum: number | null = fromStart && empty.size === RECORD_TABLES.length ? 0 : null;
  const pageSize = options.pageSize ?? SNAPSHOT_PAGE_SIZE;
  let rows = 0;
  let pending: Promise<SnapshotResponse> = api.snapshot(scope, progress.after, pageSize);
  for (;;) {
    const page = await pending;
    if (page.next !== null) {
      pending = api.snapshot(scope, page.next, pageSize);
      // Handled when awaited; this only keeps an early failure from being reported as unhandled.
      pending.catch(() => {});
    }
    const first = progress.after === null;
    progress = {
      after: page.next,
      cursor: first ? page.cursor : progress.cursor,
      done: page.next === null,
      stored: (first ? 0 : (progress.stored ?? 0)) + page.records.length,
      total: first ? (page.total ?? null) : (progress.total ?? null),
    };
    const saved = progress;
    await db.transaction('rw', recordStores(db), async () => {
      const local = await localEntriesByRecord(db);
      for (const [table, records] of groupSnapshot(page.records)) {
        await applyServerRecords(db, table, records, local, { force: (options.force ?? false) || empty.has(table) });
      }
      await writeMeta(db, META.snapshot(scope), saved);
      if (saved.done) await writeMeta(db, META.cursor(scope), saved.cursor);
    });
    for (const record of page.records) {
      seen?.add(record.id);
      if (checksum !== null) checksum = (checksum + rowChecksum(record.id, record.version)) % 2 ** 32;
    }
    rows += page.records.length;
    options.onProgress?.({ snapshotRows: rows, stored: saved.stored ?? rows, total: saved.total ?? null, resumed });
    if (saved.done) {
      await storeOpenConflicts(db, api, scope);
      return { seen, checksum };
    }
  }
}

/**
 * A snapshot holds records, not conflicts: the conflicts logged before its
 * cursor come from the server's list, so a user who signs in (or whose
 * scope was fetched again) sees the open ones of their LAOs at once. One
 * this laptop already holds keeps its local state (a resolution may be queued).
 */
async function storeOpenConflicts(db: EplanDb, api: SyncApi, scope: string): Promise<void> {
  const { conflicts } = await api.listConflicts(scope);
  await db.transaction('rw', db.conflicts, async () => {
    const held = new Set(await db.conflicts.where('id').anyOf(conflicts.map((c) => c.id)).primaryKeys());
    await db.conflicts.bulkPut(conflicts.filter((conflict) => !held.has(conflict.id)));
  });
}

/** Snapshot rows grouped by table (a snapshot has each id once, so no de-duplication is needed). */
function groupSnapshot(records: readonly WireRecord[]): Map<RecordTable, WireRecord[]> {
  const byTable = new Map<RecordTable, WireRecord[]>();
  for (const record of records) {
    const table = tableOfSnapshotRecord(record);
    if (!table || !isRecordTable(table)) continue;
    const list = byTable.get(table);
    if (list) list.push(record);
    else byTable.set(table, [record]);
  }
  return byTable;
}

/** Rows of the scope the server does not have (and that have no local entries): deleted since, or residue. */
async function pruneUnseen(db: EplanDb, scope: string, seen: Set<string>): Promise<void> {
  await db.transaction('rw', recordStores(db), async () => {
    const local = await localEntriesByRecord(db);
    for (const table of RECORD_TABLES) {
      const stale = await db.table<StoredRecord, string>(table).where('provinceCode').equals(scope)
        .filter((row) => !seen.has(row.id) && !local.has(`${table}:${row.id}`)).primaryKeys();
      await db.table(table).bulkDelete(stale);
    }
  });
}

