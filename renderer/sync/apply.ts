/**
 * Writing server state into the local database without losing local work:
 * a record with outbox entries gets the server's state with its pending
 * fields replayed on top (rebase). Callers run these inside one Dexie
 * transaction over recordStores(db).
 */
import { isRecordTable, RECORD_TABLES, type RecordTable } from '../../shared/domain/tables';
import type { SyncConflict, WireRecord } from '../../shared/sync/protocol';
import type { EplanDb, OutboxEntry, StoredRecord } from '../data/db';


/** Every store a pull or snapshot page touches. */
export function recordStores(db: EplanDb) {
  return [...RECORD_TABLES.map((table) => db.table(table)), db.outbox, db.meta, db.conflicts];
}

/**
 * Pending local entries by `${table}:${recordId}`, in seq order. Entries the
 * server refused are not among them: they stay in the outbox for the officer
 * to read, but the record shows the server's value (docs/roles.md "Refused changes").
 */
export async function localEntriesByRecord(db: EplanDb): Promise<Map<string, OutboxEntry[]>> {
  const byRecord = new Map<string, OutboxEntry[]>();
  for (const entry of await db.outbox.orderBy('seq').toArray()) {
    if (entry.rejected !== undefined) continue;
    const key = `${entry.table}:${entry.recordId}`;
    const list = byRecord.get(key);
    if (list) list.push(entry);
    else byRecord.set(key, [entry]);
  }
  return byRecord;
}

/** The server's record with the local entries' new values replayed on top. */
export function rebase(server: Record<string, unknown>, entries: readonly OutboxEntry[] = []): StoredRecord {
  // A snapshot row names its table on the wire (SnapshotRecord); the stored record does not.
  const { table: _table, ...fields } = server;
  const row: Record<string, unknown> = { enteredOnBehalf: false, ...fields };
  for (const entry of entries) for (const [field, change] of Object.entries(entry.changes)) row[field] = change.new;
  // The version stays the server's: it is the base of the next local edit.
  row.version = server.version;
  return row as StoredRecord;
}

export interface ApplyOptions {
  /** Overwrite even a locally newer version (a re-fetch of the whole scope). */
  force?: boolean;
}

/**
 * Applies server records of one table. Rows older than the local copy are
 * skipped (a snapshot can be newer than the log entries pulled after it);
 * the same version is applied again, since a merge can add fields at it.
 */
export async function applyServerRecords(
  db: EplanDb,
  table: RecordTable,
  records: readonly WireRecord[],
  local: Map<string, OutboxEntry[]>,
  options: ApplyOptions = {},
): Promise<number> {
  const store = db.table<StoredRecord, string>(table);
  const existing = options.force ? [] : await store.bulkGet(records.map((record) => record.id));
  const rows: StoredRecord[] = [];
  records.forEach((record, index) => {
    const current = existing[index];
    if (current && current.version > record.version) return;
    rows.push(rebase(record, local.get(`${table}:${record.id}`)));
  });
  await store.bulkPut(rows);
  return rows.length;
}

/**
 * Keeps a conflict for review and makes the local record show the value that
 * stayed on the server, with pending local fields replayed on top.
 */
export async function applyConflict(db: EplanDb, conflict: SyncConflict, local: Map<string, OutboxEntry[]>): Promise<void> {
  await db.conflicts.put(conflict);
  if (conflict.resolvedAt !== null || !isRecordTable(conflict.table)) return;
  const store = db.table<StoredRecord, string>(conflict.table);
  const current = await store.get(conflict.recordId);
  if (!current || current.version > conflict.serverVersion) return;
  const server: Record<string, unknown> = { ...current, version: conflict.serverVersion };
  for (const [field, values] of Object.entries(conflict.fields)) server[field] = values.server;
  await store.put(rebase(server, local.get(`${conflict.table}:${conflict.recordId}`)));
}

/**
 * Takes refused changes back off a record: each field a local entry touched
 * returns to the value the first of them saw (the server's, per design.md
 * "Writes carry the user's base"), and the entries still pending are replayed
 * on top. A record the server never accepted, with nothing pending, goes.
 * The refused entries themselves stay in the outbox with their values.
 */
export async function rollBackRefused(db: EplanDb, table: RecordTable, recordId: string): Promise<void> {
  const store = db.table<StoredRecord, string>(table);
  const record = await store.get(recordId);
  if (!record) return;
  const entries = await db.outbox.where('[table+recordId]').equals([table, recordId]).sortBy('seq');
  const pending = entries.filter((entry) => entry.rejected === undefined);
  if (record.version === 0 && pending.length === 0) {
    await store.delete(recordId);
    return;
  }
  const server: Record<string, unknown> = { ...record };
  const restored = new Set<string>();
  for (const entry of entries) {
    for (const [field, change] of Object.entries(entry.changes)) {
      if (restored.has(field)) continue;
      restored.add(field);
      server[field] = change.old;
    }
  }
  await store.put(rebase(server, pending));
}
