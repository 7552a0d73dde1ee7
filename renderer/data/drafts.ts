/**
 * Half-typed forms, kept in the local database as the officer types so a
 * closed window, a crash or a reload loses nothing. A draft is keyed by table,
 * LAO and record ('new' for a record not yet saved) and removed once saved.
 */
import type { Table } from 'dexie';
import type { RecordTable } from '../../shared/domain/tables';
import type { Result } from '../../shared/result';
import { classifyWriteError, type WriteError } from './records';
import type { EplanDb, StoredRecord } from './db';
import { now as clockNow } from '../../shared/clock';

export interface RecordDraft {
  key: string;
  table: RecordTable;
  laoId: string;
  /** null while the record is new. */
  recordId: string | null;
  /** The form's values as typed: plain JSON. */
  values: Record<string, unknown>;
  /**
   * The record as the user saw it when the form opened (absent for a new
   * record and in drafts kept before this was stored): what a save is based on.
   */
  seen?: Record<string, unknown> | null;
  updatedAt: string;
}

const NEW = 'new';

export function draftKey(table: RecordTable, laoId: string, recordId: string | null): string {
  return `${table}:${laoId}:${recordId ?? NEW}`;
}

const drafts = (db: EplanDb) => db.table('drafts') as Table<RecordDraft, string>;

export async function saveDraft(
  db: EplanDb,
  draft: Omit<RecordDraft, 'key' | 'updatedAt'>,
  now: Date = clockNow(),
): Promise<Result<RecordDraft, WriteError>> {
  const row: RecordDraft = { ...draft, key: draftKey(draft.table, draft.laoId, draft.recordId), updatedAt: now.toISOString() };
  try {
    await drafts(db).put(row);
    return { ok: true, value: row };
  } catch (error) {
    return { ok: false, error: classifyWriteError(error) };
  }
}

export async function loadDraft(db: EplanDb, table: RecordTable, laoId: string, recordId: string | null): Promise<RecordDraft | undefined> {
  return drafts(db).get(draftKey(table, laoId, recordId));
}

export async function discardDraft(db: EplanDb, table: RecordTable, laoId: string, recordId: string | null): Promise<void> {
  await drafts(db).delete(draftKey(table, laoId, recordId));
}

/** An LAO's drafts of one table, newest first: what the section offers to continue. */
export async function draftsOf(db: EplanDb, table: RecordTable, laoId: string): Promise<RecordDraft[]> {
  const rows = await drafts(db).where('key').startsWith(`${table}:${laoId}:`).toArray();
  return rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** A draft with the record it edits as the laptop holds it now: deleted or not, undefined where it holds none. */
export interface DraftOnRecord {
  draft: RecordDraft;
  record: StoredRecord | undefined;
}

/** An LAO's drafts of one table, newest first, each with its record (read whatever its year or state). */
export async function draftsWithRecords(db: EplanDb, table: RecordTable, laoId: string): Promise<DraftOnRecord[]> {
  const list = await draftsOf(db, table, laoId);
  const records = await db.table<StoredRecord, string>(table).bulkGet(list.map((draft) => draft.recordId ?? ''));
  return list.map((draft, i) => ({ draft, record: draft.recordId ? records[i] : undefined }));
}

/**
 * What a list shows of a draft: a new record's or a live record's ('pending'),
 * one whose record was deleted by a sync since ('deleted'), one whose record
 * the laptop no longer holds ('gone'), or nothing where the record lives in
 * another fiscal year (its own year's list shows it). A draft is never hidden
 * for good: typing is not lost because someone else deleted what it edits.
 */
export function draftShown({ draft, record }: DraftOnRecord, fiscalYear: number | undefined): 'pending' | 'deleted' | 'gone' | null {
  if (!draft.recordId) return 'pending';
  if (!record) return 'gone';
  if (record.deleted) return 'deleted';
  return fiscalYear === undefined || record.fiscalYear === fiscalYear ? 'pending' : null;
}

/**
 * Moves a draft whose record is gone to the table's new-record draft, so it
 * can be saved as a new record. Refused (false) while another new-record
 * draft exists: neither is overwritten.
 */
export async function adoptAsNew(db: EplanDb, draft: RecordDraft): Promise<boolean> {
  const key = draftKey(draft.table, draft.laoId, null);
  return db.transaction('rw', drafts(db), async () => {
    if (await drafts(db).get(key)) return false;
    await drafts(db).put({ ...draft, key, recordId: null, seen: null });
    await drafts(db).delete(draft.key);
    return true;
  });
}
