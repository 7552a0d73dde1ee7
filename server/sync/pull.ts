/**
 * Pull (design.md "Pull") and the initial snapshot. Both read in one
 * REPEATABLE READ transaction, so the changes, the head cursor and the
 * checksum describe the same moment.
 */
import type { ChangeEntry, PullResponse, SnapshotResponse } from '../../shared/sync/protocol';
import { decodeSnapshotToken, encodeSnapshotToken } from '../../shared/sync/cursor';
import type { Database, Queryable } from '../store/db';
import { HttpError } from '../http/errors';
import { RECORD_ROW_COLUMNS, toWireRecord, type RecordRow } from './records';

export interface ScopeView {
  provinceCode: string;
  /** Only these LAOs (an officer assigned to some), or null for the whole province. */
  laoIds: string[] | null;
}

async function readOnlySnapshot<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return fn(tx);
  });
}

async function counterOf(tx: Queryable, provinceCode: string): Promise<{ n: number; compactedThrough: number }> {
  const { rows } = await tx.query<{ n: number; compacted_through: number }>(
    'SELECT n, compacted_through FROM province_counters WHERE province_code = $1',
    [provinceCode],
  );
  return { n: rows[0]?.n ?? 0, compactedThrough: rows[0]?.compacted_through ?? 0 };
}

// Same number as shared/sync/checksum.ts scopeChecksum: first 32 bits of md5(id:version), summed mod 2^32.
const CHECKSUM_SQL = `SELECT (coalesce(sum(('x' || substr(md5(id::text || ':' || version::text), 1, 8))::bit(32)::bigint), 0) % 4294967296)::bigint AS checksum
  FROM records WHERE province_code = $1 AND NOT deleted AND version > 0 AND ($2::text[] IS NULL OR lao_id = ANY($2::text[]))`;

export async function scopeChecksumOf(tx: Queryable, view: ScopeView): Promise<number> {
  const { rows } = await tx.query<{ checksum: number }>(CHECKSUM_SQL, [view.provinceCode, view.laoIds]);
  return Number(rows[0]?.checksum ?? 0);
}

export async function pullChanges(db: Database, view: ScopeView, cursor: number, limit: number): Promise<PullResponse> {
  return readOnlySnapshot(db, async (tx) => {
    const counter = await counterOf(tx, view.provinceCode);
    if (cursor < counter.compactedThrough || cursor > counter.n) {
      throw new HttpError(409, 'RESET_REQUIRED', 'The cursor is outside the kept change log; fetch the scope again with /v1/sync/snapshot');
    }
    const { rows } = await tx.query<{ n: number; kind: 'record' | 'conflict'; table_name: string; payload: unknown }>(
      `SELECT n, kind, table_name, payload FROM change_log
       WHERE province_code = $1 AND n > $2 AND n <= $3 AND ($4::text[] IS NULL OR lao_id = ANY($4::text[]))
       ORDER BY n LIMIT $5`,
      [view.provinceCode, cursor, counter.n, view.laoIds, limit + 1],
    );
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    const changes = page.map((row): ChangeEntry =>
      row.kind === 'record'
        ? { n: row.n, kind: 'record', table: row.table_name, record: row.payload as never }
        : { n: row.n, kind: 'conflict', conflict: row.payload as never },
    );
    return {
      scope: view.provinceCode,
      changes,
      cursor: hasMore ? page[page.length - 1]!.n : counter.n,
      hasMore,
      checksum: hasMore ? null : await scopeChecksumOf(tx, view),
    };
  });
}

export interface SnapshotQuery {
  fiscalYear?: number;
  after?: string;
  limit: number;
  currentFiscalYear: number;
}

const RANK_SQL = `CASE WHEN fiscal_year = $3 THEN 0 WHEN fiscal_year IS NULL THEN 1 WHEN fiscal_year > $3 THEN 2 ELSE 3 + ($3 - fiscal_year) END`;

/** One page of the scope's live records, current fiscal year first, resumable by the `next` token. */
export async function snapshotPage(db: Database, view: ScopeView, query: SnapshotQuery): Promise<SnapshotResponse> {
  const position = query.after === undefined ? { rank: -1, id: '00000000-0000-0000-0000-000000000000' } : decodeSnapshotToken(query.after);
  if (position === null) throw new HttpError(400, 'BAD_SNAPSHOT_TOKEN', 'The snapshot token is not valid; start the snapshot again');
  return readOnlySnapshot(db, async (tx) => {
    const counter = await counterOf(tx, view.provinceCode);
    const { rows } = await tx.query<RecordRow & { rank: number }>(
      `SELECT * FROM (
         SELECT ${RECORD_ROW_COLUMNS}, ${RANK_SQL} AS rank FROM records
         WHERE province_code = $1 AND NOT deleted AND ($2::text[] IS NULL OR lao_id = ANY($2::text[]))
           AND ($4::int IS NULL OR coalesce(fiscal_year, 0) = $4::int)
       ) s
       WHERE (rank, id::uuid) > ($5::int, $6::uuid)
       ORDER BY rank, id::uuid LIMIT $7`,
      [view.provinceCode, view.laoIds, query.currentFiscalYear, query.fiscalYear ?? null, position.rank, position.id, query.limit + 1],
    );
    const hasMore = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      scope: view.provinceCode,
      records: page.map((row) => ({ ...toWireRecord(row), table: row.table_name })),
      next: hasMore && last ? encodeSnapshotToken({ rank: last.rank, id: last.id }) : null,
      cursor: counter.n,
      currentFiscalYear: query.currentFiscalYear,
    };
  });
}
