/**
 * A record's history as a device shows it: the server's shared history
 * (every write it accepted, from any device) with this laptop's lines that
 * have not reached it yet on top. Offline, or signed out, only this laptop's.
 */
import type { RecordTable } from '../../shared/domain/tables';
import type { HistoryOp, RecordHistoryEntry } from '../../shared/sync/history';
import type { EplanDb, HistoryEntry } from './db';

export interface HistoryLine {
  key: string;
  at: string;
  by: string;
  byName: string | null;
  op: HistoryOp;
  changes: Record<string, { old: unknown; new: unknown }>;
  /** Made on this laptop and not yet pushed. */
  pending: boolean;
}

/** This laptop's lines of a record, and the device times of its changes still in the outbox. */
export interface LocalHistory {
  lines: HistoryEntry[];
  pendingTimes: string[];
}

export async function localHistory(db: EplanDb, table: RecordTable, recordId: string): Promise<LocalHistory> {
  const [lines, pending] = await Promise.all([
    db.history.where('[table+recordId]').equals([table, recordId]).toArray(),
    db.outbox.where('[table+recordId]').equals([table, recordId]).toArray(),
  ]);
  return { lines, pendingTimes: pending.map((entry) => entry.clientTime) };
}

const newestFirst = (a: { at: string }, b: { at: string }) => b.at.localeCompare(a.at);

/**
 * One history from the server's entries (null: not fetched) and the laptop's
 * lines. A laptop line the server holds (same author, same device time: the
 * outbox entry's clientTime is the line's time) shows once, as the server's.
 * Of the others, those still in the outbox come first, marked pending; those
 * older than the server's first entry are history from before the server
 * kept it; the rest the server did not accept (refused, or only a conflict),
 * and a shared history shows only what was accepted.
 */
export function mergeHistory(local: LocalHistory, server: readonly RecordHistoryEntry[] | null): Omit<HistoryLine, 'byName'>[] {
  const ownLine = (line: HistoryEntry, pending: boolean): Omit<HistoryLine, 'byName'> => ({
    key: `local-${line.id ?? line.at}`, at: line.at, by: line.by, op: line.op, changes: line.changes, pending,
  });
  const pendingTimes = new Set(local.pendingTimes);
  const isPending = (line: HistoryEntry) => pendingTimes.has(line.at);
  if (server === null) return [...local.lines].sort(newestFirst).map((line) => ownLine(line, isPending(line)));
  const held = new Set(server.map((entry) => `${entry.userId}|${entry.clientTime}`));
  const firstKept = server.reduce<string | null>((first, entry) => (first === null || entry.at < first ? entry.at : first), null);
  const unheld = local.lines.filter((line) => !held.has(`${line.by}|${line.at}`));
  const pending = unheld.filter(isPending).sort(newestFirst);
  const before = unheld.filter((line) => !isPending(line) && (firstKept === null || line.at < firstKept)).sort(newestFirst);
  const shared = [...server].sort((a, b) => b.version - a.version).map((entry) => ({
    key: `server-${entry.version}`, at: entry.at, by: entry.userId, op: entry.op, changes: entry.changes, pending: false,
  }));
  return [...pending.map((line) => ownLine(line, true)), ...shared, ...before.map((line) => ownLine(line, false))];
}

/** The lines with their authors' display names, where the laptop's reference data knows them. */
export async function withAuthorNames(db: EplanDb, lines: Omit<HistoryLine, 'byName'>[]): Promise<HistoryLine[]> {
  const ids = [...new Set(lines.map((line) => line.by))];
  const users = await db.users.bulkGet(ids);
  const names = new Map(users.flatMap((user) => (user ? [[String(user.id), String(user.displayName)] as const] : [])));
  return lines.map((line) => ({ ...line, byName: names.get(line.by) ?? null }));
}
