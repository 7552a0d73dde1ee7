/**
 * Pull (design.md "Pull", "Initial sync"): every page is applied together with
 * its cursor in one Dexie transaction, so a crash never leaves a cursor ahead
 * of the records. The snapshot is stored page by page with its `next` token,
 * so an interrupted initial sync resumes where it stopped.
 */
import { RECORD_TABLES, type RecordTable } from '../../shared/domain/tables';
import { scopeChecksum } from '../../shared/sync/checksum';
import type { ChangeEntry, WireRecord } from '../../shared/sync/protocol';
import type { EplanDb, StoredRecord } from '../data/db';
import { SyncError, type SyncApi } from './api';
import { applyConflict, applyServerRecords, isRecordTable, localEntriesByRecord, recordStores } from './apply';
import { tableOfSnapshotRecord } from './tableOf';
import { META, readMeta, writeMeta, type SnapshotProgress } from './meta';

export interface PullProgress {
  /** Snapshot rows stored so far in this run. */
  snapshotRows: number;
}

export interface PullOptions {
  pageSize?: number;
  onProgress?: (progress: PullProgress) => void;
}

/** Brings one scope up to date: finishes a pending snapshot, pulls the log, checks the checksum. */
export async function syncScope(db: EplanDb, api: SyncApi, scope: string, options: PullOptions = {}): Promise<void> {
  const snapshot = await readMeta<SnapshotProgress>(db, META.snapshot(scope));
  const cursor = await readMeta<number>(db, META.cursor(scope));
  if (cursor === undefined || (snapshot && !snapshot.done)) await fetchSnapshot(db, api, scope, options);
  let checksum: number | null;
  try {
    checksum = await pullChanges(db, api, scope, options.pageSize);
  } catch (error) {
    if (!(error instanceof SyncError && error.code === 'RESET_REQUIRED')) throw error;
    await refetchScope(db, api, scope, options);
    return;
  }
  if (checksum !== null && (await db.outbox.count()) === 0 && (await localChecksum(db, scope)) !== checksum) {
    await refetchScope(db, api, scope, options);
  }
}

/** The scope again from a fresh snapshot; the outbox is untouched and replayed on top. */
export async function refetchScope(db: EplanDb, api: SyncApi, scope: string, options: PullOptions = {}): Promise<void> {
  await writeMeta(db, META.snapshot(scope), { after: null, cursor: 0, done: false } satisfies SnapshotProgress);
  const seen = await fetchSnapshot(db, api, scope, { ...options, force: true });
  if (seen) await pruneUnseen(db, scope, seen);
  await pullChanges(db, api, scope, options.pageSize);
}

/** Pages of changes after the stored cursor; returns the server checksum of the last page. */
export async function pullChanges(db: EplanDb, api: SyncApi, scope: string, pageSize = 1000): Promise<number | null> {
  for (;;) {
    const cursor = (await readMeta<number>(db, META.cursor(scope))) ?? 0;
    const page = await api.pull(scope, cursor, pageSize);
    await db.transaction('rw', recordStores(db), async () => {
      const local = await localEntriesByRecord(db);
      for (const [table, records] of groupRecords(page.changes)) await applyServerRecords(db, table, records, local);
      for (const change of page.changes) if (change.kind === 'conflict') await applyConflict(db, change.conflict, local);
      await writeMeta(db, META.cursor(scope), page.cursor);
    });
    if (!page.hasMore) return page.checksum;
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

/**
 * Stores snapshot pages from the saved token. Returns the ids seen when the
 * whole snapshot ran in this call (so stale rows can be pruned), else null.
 */
async function fetchSnapshot(db: EplanDb, api: SyncApi, scope: string, options: PullOptions & { force?: boolean }): Promise<Set<string> | null> {
  let progress = (await readMeta<SnapshotProgress>(db, META.snapshot(scope))) ?? { after: null, cursor: 0, done: false };
  const seen = progress.after === null ? new Set<string>() : null;
  let rows = 0;
  for (;;) {
    const page = await api.snapshot(scope, progress.after, options.pageSize ?? 2000);
    const first = progress.after === null;
    progress = { after: page.next, cursor: first ? page.cursor : progress.cursor, done: page.next === null };
    const saved = progress;
    await db.transaction('rw', recordStores(db), async () => {
      const local = await localEntriesByRecord(db);
      const changes = page.records.map((record, n): ChangeEntry => ({ n, kind: 'record', table: tableOfSnapshotRecord(record) ?? '', record }));
      for (const [table, records] of groupRecords(changes)) {
        await applyServerRecords(db, table, records, local, { force: options.force ?? false });
      }
      await writeMeta(db, META.snapshot(scope), saved);
      if (saved.done) await writeMeta(db, META.cursor(scope), saved.cursor);
    });
    for (const record of page.records) seen?.add(record.id);
    rows += page.records.length;
    options.onProgress?.({ snapshotRows: rows });
    if (saved.done) return seen;
  }
}

/** Synced rows of the scope the server no longer has (and that have no local entries). */
async function pruneUnseen(db: EplanDb, scope: string, seen: Set<string>): Promise<void> {
  await db.transaction('rw', recordStores(db), async () => {
    const local = await localEntriesByRecord(db);
    for (const table of RECORD_TABLES) {
      const stale = await db.table<StoredRecord, string>(table).where('provinceCode').equals(scope)
        .filter((row) => row.version > 0 && !seen.has(row.id) && !local.has(`${table}:${row.id}`)).primaryKeys();
      await db.table(table).bulkDelete(stale);
    }
  });
}

/** The same checksum the server computes: live, synced rows of the scope. */
export async function localChecksum(db: EplanDb, scope: string): Promise<number> {
  const rows: StoredRecord[] = [];
  for (const table of RECORD_TABLES) {
    rows.push(...(await db.table<StoredRecord, string>(table).where('provinceCode').equals(scope).filter((row) => !row.deleted).toArray()));
  }
  return scopeChecksum(rows);
}
