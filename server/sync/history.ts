/**
 * Shared history (issue 15): an audit entry for every write the server
 * accepts, made by push.ts in the push's own transaction, and read back per
 * record by whoever may read the record.
 */
import { isStampField } from '../../shared/domain/record';
import type { RecordTable } from '../../shared/domain/tables';
import { historyOpOf, MAX_HISTORY_ENTRIES, type RecordHistoryEntry } from '../../shared/sync/history';
import { sameValue } from '../../shared/sync/merge';
import type { WireRecord } from '../../shared/sync/protocol';
import { canReadLao } from '../../shared/auth/access';
import type { Principal } from '../auth/access';
import type { Queryable } from '../store/db';

export const HISTORY_INSERT =
  'INSERT INTO record_history (record_id, version, table_name, province_code, lao_id, op, user_id, device_id, mutation_id, client_time, changed_at, changes, entered_on_behalf)';
/** The changes column's position in a history row, for its ::jsonb cast. */
export const HISTORY_CHANGES_COLUMN = 11;

export interface HistoryWrite {
  table: RecordTable;
  /** The record as the server held it; undefined for a new one. */
  before: Record<string, unknown> | undefined;
  after: WireRecord;
  appliedFields: readonly string[];
  userId: string;
  deviceId: string;
  mutationId: string;
  clientTime: string;
  now: Date;
}

/** One write as a row of record_history: each applied field whose stored value differs, old (the server's) → new. */
export function historyRow(write: HistoryWrite): unknown[] {
  const { before, after } = write;
  const changes: Record<string, { old: unknown; new: unknown }> = {};
  for (const field of write.appliedFields) {
    if (isStampField(field)) continue;
    const old = before?.[field] ?? null;
    const next = after[field] ?? null;
    if (!sameValue(old, next)) changes[field] = { old, new: next };
  }
  const op = historyOpOf(before ? before.deleted === true : undefined, after.deleted === true);
  return [
    after.id, after.version, write.table, after.provinceCode, after.laoId, op, write.userId, write.deviceId,
    write.mutationId, write.clientTime, write.now, JSON.stringify(changes), after.enteredOnBehalf === true,
  ];
}

interface HistoryRow {
  version: number;
  op: RecordHistoryEntry['op'];
  user_id: string;
  device_id: string;
  changed_at: Date | string;
  client_time: string;
  changes: RecordHistoryEntry['changes'];
  entered_on_behalf: boolean;
}

/**
 * A record's history, newest first, or null when the record is not one the
 * user may read (or not there, or of another table): the same answer either
 * way, so nobody learns that a record outside their scope exists.
 */
export async function readRecordHistory(db: Queryable, principal: Principal, table: RecordTable, id: string): Promise<{ history: RecordHistoryEntry[]; older: boolean } | null> {
  const { rows: records } = await db.query<{ table_name: string; lao_id: string; province_code: string }>(
    'SELECT table_name, lao_id, province_code FROM records WHERE id = $1::uuid',
    [id],
  );
  const record = records[0];
  if (!record || record.table_name !== table || !canReadLao(principal, { id: record.lao_id, provinceCode: record.province_code })) return null;
  const { rows } = await db.query<HistoryRow>(
    `SELECT version, op, user_id, device_id, changed_at, client_time, changes, entered_on_behalf
     FROM record_history WHERE record_id = $1::uuid ORDER BY version DESC LIMIT $2`,
    [id, MAX_HISTORY_ENTRIES + 1],
  );
  const history = rows.slice(0, MAX_HISTORY_ENTRIES).map((row) => ({
    version: row.version,
    op: row.op,
    userId: row.user_id,
    deviceId: row.device_id,
    at: new Date(row.changed_at).toISOString(),
    clientTime: row.client_time,
    changes: row.changes,
    enteredOnBehalf: row.entered_on_behalf,
  }));
  return { history, older: rows.length > MAX_HISTORY_ENTRIES };
}
