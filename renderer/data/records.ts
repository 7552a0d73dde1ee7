import { lockingSignOff, type SignOff } from '../../shared/calendar/signoff';
import Dexie from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import type { RecordTable } from '../../shared/domain/tables';
import { buildValidationContext, tablesReadBy, validateRecord, visitWriterIssues, type ContextRecords, type FieldVisit, type UserRole, type ValidationContext } from '../../shared/domain';
import type { Result, ValidationIssue } from '../../shared/result';
import type { EplanDb, HistoryEntry, OutboxEntry, StoredRecord } from './db';
import { bangkokDateOf } from '../../shared/calendar/isoDate';
import { now as clockNow } from '../../shared/clock';
import { isStampField } from '../../shared/domain/record';
import { historyOpOf } from '../../shared/sync/history';
import { editOnBase } from '../../shared/sync/rebase';

/** Who is writing and from where: stamped on every record, outbox entry and history line. */
export interface Actor {
  userId: string;
  /** The signed-in user's role; absent before sign-in (an officer's rules apply). */
  role?: UserRole;
  now?: () => Date;
}

export type WriteError =
  | { code: 'VALIDATION_FAILED'; issues: ValidationIssue[] }
  | { code: 'NOT_FOUND' }
  | { code: 'QUOTA_EXCEEDED' }
  /** A supervisor signed off the period the record belongs to (shared/calendar/signoff.ts), as the server would refuse it. */
  | { code: 'PERIOD_SIGNED_OFF'; signOff: SignOff }
  | { code: 'WRITE_FAILED'; message: string };


function diff(before: Record<string, unknown> | undefined, after: Record<string, unknown>): OutboxEntry['changes'] {
  const changes: OutboxEntry['changes'] = {};
  for (const [field, value] of Object.entries(after)) {
    if (isStampField(field)) continue;
    const old = before?.[field];
    if (JSON.stringify(old) !== JSON.stringify(value)) changes[field] = { old: old ?? null, new: value };
  }
  return changes;
}

/** The user's changes as validated, each with the value the user saw as `old`. */
function changesSeen(edits: OutboxEntry['changes'], before: StoredRecord, record: StoredRecord): OutboxEntry['changes'] {
  const changes: OutboxEntry['changes'] = {};
  for (const [field, { old }] of Object.entries(edits)) {
    if (JSON.stringify(before[field]) !== JSON.stringify(record[field])) changes[field] = { old, new: record[field] };
  }
  return changes;
}

/** What the shared rules of `table` read (tablesReadBy): this LAO's records of those tables, the one being saved aside. */
async function contextFor(db: EplanDb, table: RecordTable, laoId: string, savingId: string, today: string): Promise<ValidationContext> {
  const lao = await db.laos.get(laoId);
  if (!lao) return { knownLaoIds: new Set(), today };
  const reads = [...tablesReadBy(table)];
  const rows = await Promise.all(reads.map((name) => db.table<StoredRecord, string>(name).where('laoId').equals(laoId).toArray()));
  const records = Object.fromEntries(reads.map((name, i) => [name, rows[i]!.filter((row) => row.id !== savingId)]));
  return buildValidationContext({ laoIds: [laoId], ...records, today } as ContextRecords);
}

export function classifyWriteError(error: unknown): WriteError {
  const names = [error instanceof Error ? error.name : '', (error as { inner?: Error } | null)?.inner?.name ?? ''];
  if (names.includes('QuotaExceededError') || names.includes(Dexie.errnames.QuotaExceeded)) return { code: 'QUOTA_EXCEEDED' };
  return { code: 'WRITE_FAILED', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The one write path: validates with the shared schemas, then writes the
 * record, its outbox entry and its history line in one Dexie transaction, so a
 * crash leaves either all three or none.
 */
/**
 * Saves a record. `seen` is the record as the user saw it when the form (or
 * the draft) opened: only the fields the user changed from it are written,
 * each sent with the value the user saw, so a change pulled in meanwhile is
 * kept, or ends as a conflict on the server, and never silently undone.
 * Without `seen` the stored record is the base.
 */
export async function saveRecord(
  db: EplanDb,
  table: RecordTable,
  input: Record<string, unknown>,
  actor: Actor,
  seen?: StoredRecord,
): Promise<Result<StoredRecord, WriteError>> {
  const instant = actor.now?.() ?? clockNow();
  const now = instant.toISOString();
  const id = typeof input.id === 'string' && input.id ? input.id : uuidv7();
  try {
    const scope = [...new Set<string>([table, ...tablesReadBy(table)])].map((name) => db.table(name));
    return await db.transaction('rw', [...scope, db.laos, db.outbox, db.history, db.signOffs], async () => {
      const before = await db.table<StoredRecord, string>(table).get(id);
      const base = seen?.id === id ? seen : before;
      const edit = editOnBase(base, before, { deleted: false, enteredOnBehalf: false, ...base, ...input });
      const candidate: Record<string, unknown> = {
        deleted: false,
        enteredOnBehalf: false,
        ...edit.record,
        id,
        version: before?.version ?? 0,
        updatedAt: now,
        updatedBy: actor.userId,
        // The server stamps its own on the first push; this one names the author until then.
        ...(before ? {} : { createdBy: actor.userId }),
      };
      const checked = validateRecord(table, candidate, await contextFor(db, table, String(candidate.laoId ?? ''), id, bangkokDateOf(instant)));
      if (!checked.ok) return { ok: false, error: { code: 'VALIDATION_FAILED', issues: checked.error } } as const;
      const record = checked.value as StoredRecord;
      const writerIssues = table === 'fieldVisits' ? visitWriterIssues(record as unknown as FieldVisit, { id: actor.userId, role: actor.role }, before as Partial<FieldVisit> | undefined) : [];
      if (writerIssues.length > 0) return { ok: false, error: { code: 'VALIDATION_FAILED', issues: writerIssues } } as const;
      const changes = before ? changesSeen(edit.changes, before, record) : diff(before, record);
      if (before && Object.keys(changes).length === 0) return { ok: true, value: before } as const;
      // Refused here as the server would refuse it: offline, the officer learns at once why.
      const lock = lockingSignOff(await db.signOffs.where('laoId').equals(String(record.laoId)).toArray(), table, before, record, Object.keys(changes));
      if (lock) return { ok: false, error: { code: 'PERIOD_SIGNED_OFF', signOff: lock } } as const;
      await db.table(table).put(record);
      await appendOutboxAndHistory(db, table, record, before, changes, actor.userId, now);
      return { ok: true, value: record } as const;
    });
  } catch (error) {
    return { ok: false, error: classifyWriteError(error) };
  }
}

async function appendOutboxAndHistory(
  db: EplanDb,
  table: RecordTable,
  record: StoredRecord,
  before: StoredRecord | undefined,
  changes: OutboxEntry['changes'],
  author: string,
  now: string,
): Promise<void> {
  const op: HistoryEntry['op'] = historyOpOf(before ? before.deleted === true : undefined, record.deleted === true);
  await db.outbox.add({
    mutationId: uuidv7(),
    table,
    recordId: record.id,
    op: record.deleted ? 'delete' : 'upsert',
    baseVersion: before?.version ?? 0,
    changes,
    author,
    clientTime: now,
  });
  await db.history.add({ table, recordId: record.id, at: now, by: author, op, changes });
}

/**
 * Every issue of an input, without writing anything: the schema's and the
 * cross-record rules' against the LAO's records, as saveRecord would find them.
 */
export async function checkRecord(db: EplanDb, table: RecordTable, input: Record<string, unknown>): Promise<ValidationIssue[]> {
  const instant = clockNow();
  const candidate = { id: uuidv7(), deleted: false, enteredOnBehalf: false, version: 0, updatedAt: instant.toISOString(), updatedBy: uuidv7(), ...input };
  const context = await contextFor(db, table, String(input.laoId ?? ''), candidate.id, bangkokDateOf(instant));
  const checked = validateRecord(table, candidate, context);
  return checked.ok ? [] : checked.error;
}

/** Soft delete (a tombstone that syncs), undoable with restoreRecord. */
export async function deleteRecord(db: EplanDb, table: RecordTable, id: string, actor: Actor) {
  const existing = await db.table<StoredRecord, string>(table).get(id);
  if (!existing) return { ok: false, error: { code: 'NOT_FOUND' } } as const;
  return saveRecord(db, table, { ...existing, deleted: true }, actor);
}

export async function restoreRecord(db: EplanDb, table: RecordTable, id: string, actor: Actor) {
  const existing = await db.table<StoredRecord, string>(table).get(id);
  if (!existing) return { ok: false, error: { code: 'NOT_FOUND' } } as const;
  return saveRecord(db, table, { ...existing, deleted: false }, actor);
}
