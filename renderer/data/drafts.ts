/**
 * Half-typed forms, kept in the local database as the officer types so a
 * closed window, a crash or a reload loses nothing. A draft is keyed by table,
 * LAO and record ('new' for a record not yet saved) and removed once saved.
 */
import type { Table } from 'dexie';
import type { RecordTable } from '../../shared/domain/tables';
import type { Result } from '../../shared/result';
import { classifyWriteError, type WriteError } from './records';
import type { EplanDb } from './db';
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
