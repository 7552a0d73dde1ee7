/** Conflicts kept for a person: listed per scope, resolved by whoever may write the LAO (or its supervisor). */
import type { SyncConflict } from '../../shared/sync/protocol';
import { canResolveConflict } from '../../shared/auth/access';
import type { Principal } from '../auth/access';
import { HttpError } from '../http/errors';
import type { Database, Queryable } from '../store/db';
import { ChangeCollector } from './changelog';
import type { ScopeView } from './pull';
import { withRetry } from './retry';

interface ConflictRow {
  id: string;
  table_name: string;
  record_id: string;
  province_code: string;
  lao_id: string;
  kind: SyncConflict['kind'];
  fields: SyncConflict['fields'];
  server_version: number;
  mutation_id: string;
  author: string;
  device_id: string;
  client_time: string;
  created_at: Date | string;
  resolved_at: Date | string | null;
  resolved_by: string | null;
}

const COLUMNS = `id::text AS id, table_name, record_id::text AS record_id, province_code, lao_id, kind, fields, server_version,
  mutation_id, author, device_id, client_time, created_at, resolved_at, resolved_by`;

function toConflict(row: ConflictRow): SyncConflict {
  return {
    id: row.id,
    table: row.table_name,
    recordId: row.record_id,
    provinceCode: row.province_code,
    laoId: row.lao_id,
    kind: row.kind,
    fields: row.fields,
    serverVersion: row.server_version,
    mutationId: row.mutation_id,
    author: row.author,
    deviceId: row.device_id,
    clientTime: row.client_time,
    createdAt: new Date(row.created_at).toISOString(),
    resolvedAt: row.resolved_at === null ? null : new Date(row.resolved_at).toISOString(),
    resolvedBy: row.resolved_by,
  };
}

export async function listConflicts(db: Queryable, view: ScopeView, openOnly: boolean): Promise<SyncConflict[]> {
  const { rows } = await db.query<ConflictRow>(
    `SELECT ${COLUMNS} FROM conflicts
     WHERE province_code = $1 AND ($2::text[] IS NULL OR lao_id = ANY($2::text[])) AND (NOT $3 OR resolved_at IS NULL)
     ORDER BY created_at, id LIMIT 5000`,
    [view.provinceCode, view.laoIds, openOnly],
  );
  return rows.map(toConflict);
}

/** Marks a conflict resolved (the chosen value itself syncs as an ordinary edit) and logs it for every client of the scope. */
export async function resolveConflict(db: Database, principal: Principal, id: string, now: Date): Promise<{ conflict: SyncConflict; heads: Map<string, number> }> {
  return withRetry(() =>
    db.transaction(async (tx) => {
      const { rows } = await tx.query<ConflictRow>(`SELECT ${COLUMNS} FROM conflicts WHERE id = $1 FOR UPDATE`, [id]);
      const row = rows[0];
      // Someone outside the scope learns nothing about whether the conflict exists.
      if (!row || !canResolveConflict(principal, { id: row.lao_id, provinceCode: row.province_code })) {
        throw new HttpError(404, 'NOT_FOUND', 'No such conflict');
      }
      if (row.resolved_at !== null) return { conflict: toConflict(row), heads: new Map<string, number>() };
      const updated = await tx.query<ConflictRow>(
        `UPDATE conflicts SET resolved_at = $2, resolved_by = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, now, principal.id],
      );
      const conflict = toConflict(updated.rows[0]!);
      const log = new ChangeCollector();
      log.addConflict(conflict);
      return { conflict, heads: await log.commit(tx) };
    }),
  );
}
