/**
 * The per-province change log (design.md "Change log"). Entries are collected
 * while a transaction writes and numbered by `commit`, which must be the last
 * statement group of the transaction: the counter row stays locked until
 * COMMIT, so a later number always belongs to a later commit.
 */
import type { SyncConflict, WireRecord } from '../../shared/sync/protocol';
import type { Queryable } from '../store/db';

interface PendingEntry {
  laoId: string;
  kind: 'record' | 'conflict';
  table: string;
  entityId: string;
  payload: WireRecord | SyncConflict;
}

export class ChangeCollector {
  private readonly byProvince = new Map<string, PendingEntry[]>();

  addRecord(table: string, record: WireRecord): void {
    this.add(record.provinceCode, { laoId: record.laoId, kind: 'record', table, entityId: record.id, payload: record });
  }

  addConflict(conflict: SyncConflict): void {
    this.add(conflict.provinceCode, { laoId: conflict.laoId, kind: 'conflict', table: 'conflicts', entityId: conflict.id, payload: conflict });
  }

  private add(provinceCode: string, entry: PendingEntry): void {
    const list = this.byProvince.get(provinceCode) ?? [];
    list.push(entry);
    this.byProvince.set(provinceCode, list);
  }

  /** Takes the counters (provinces in code order, so two writers cannot deadlock) and writes the entries; returns each province's new head. */
  async commit(tx: Queryable): Promise<Map<string, number>> {
    const heads = new Map<string, number>();
    for (const provinceCode of [...this.byProvince.keys()].sort()) {
      const entries = this.byProvince.get(provinceCode) ?? [];
      const { rows } = await tx.query<{ n: number }>(
        `INSERT INTO province_counters (province_code, n) VALUES ($1, $2)
         ON CONFLICT (province_code) DO UPDATE SET n = province_counters.n + EXCLUDED.n
         RETURNING n`,
        [provinceCode, entries.length],
      );
      const head = rows[0]!.n;
      await insertEntries(tx, provinceCode, head - entries.length + 1, entries);
      heads.set(provinceCode, head);
    }
    this.byProvince.clear();
    return heads;
  }
}

async function insertEntries(tx: Queryable, provinceCode: string, first: number, entries: PendingEntry[]): Promise<void> {
  const CHUNK = 500;
  for (let start = 0; start < entries.length; start += CHUNK) {
    const chunk = entries.slice(start, start + CHUNK);
    const params: unknown[] = [];
    const tuples = chunk.map((entry, i) => {
      params.push(provinceCode, first + start + i, entry.laoId, entry.kind, entry.table, entry.entityId, JSON.stringify(entry.payload));
      const b = i * 7;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}::jsonb)`;
    });
    await tx.query(
      `INSERT INTO change_log (province_code, n, lao_id, kind, table_name, entity_id, payload) VALUES ${tuples.join(', ')}`,
      params,
    );
  }
}

/**
 * Removes log entries committed before `before`, keeping at least the newest
 * `keepLatest` per province; cursors older than what is removed must reset.
 */
export async function compactChangeLog(db: Queryable, before: Date, keepLatest = 0): Promise<number> {
  const { rows } = await db.query<{ province_code: string; through: number }>(
    `SELECT l.province_code, max(l.n) AS through
     FROM change_log l JOIN province_counters c ON c.province_code = l.province_code
     WHERE l.committed_at < $1 AND l.n <= c.n - $2
     GROUP BY l.province_code`,
    [before, keepLatest],
  );
  let removed = 0;
  for (const row of rows) {
    // Raise the floor first: a reader then either sees the old floor and the rows, or the new floor.
    await db.query('UPDATE province_counters SET compacted_through = greatest(compacted_through, $2) WHERE province_code = $1', [row.province_code, row.through]);
    const deleted = await db.query('DELETE FROM change_log WHERE province_code = $1 AND n <= $2', [row.province_code, row.through]);
    removed += deleted.rowCount;
  }
  return removed;
}
