/** Sign-offs as stored (migration 011): read by the push (locks) and the routes (http/signoffs.ts). */
import type { SignOff } from '../../shared/calendar/index';
import type { Principal } from '../auth/access';
import type { Queryable } from '../store/db';

export interface SignOffRow {
  id: string;
  province_code: string;
  lao_id: string;
  fiscal_year: number;
  task_id: string;
  rule: SignOff['rule'];
  month: SignOff['month'];
  signed_by: string;
  signed_at: Date | string;
  note: string;
  reopened_by: string | null;
  reopened_at: Date | string | null;
  reopen_reason: string | null;
}

export const SIGNOFF_COLUMNS = 'id, province_code, lao_id, fiscal_year, task_id, rule, month, signed_by, signed_at, note, reopened_by, reopened_at, reopen_reason';
const iso = (value: Date | string) => new Date(value).toISOString();

export const signOffOf = (row: SignOffRow): SignOff => ({
  id: row.id,
  provinceCode: row.province_code,
  laoId: row.lao_id,
  fiscalYear: row.fiscal_year,
  taskId: row.task_id,
  rule: row.rule,
  month: row.month,
  signedBy: row.signed_by,
  signedAt: iso(row.signed_at),
  note: row.note,
  reopenedBy: row.reopened_by,
  reopenedAt: row.reopened_at === null ? null : iso(row.reopened_at),
  reopenReason: row.reopen_reason,
});

/** The lock one sign-off of an LAO and the pushes to it take in turn (exclusive here, shared in a push). */
export const signOffLockKey = (laoId: string) => `signoff ${laoId}`;

/** Active sign-offs of some LAOs, read under the shared lock a sign-off waits for. */
export async function activeSignOffs(tx: Queryable, laoIds: readonly string[]): Promise<SignOff[]> {
  if (laoIds.length === 0) return [];
  for (const laoId of [...laoIds].sort()) await tx.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [signOffLockKey(laoId)]);
  const { rows } = await tx.query<SignOffRow>(`SELECT ${SIGNOFF_COLUMNS} FROM signoffs WHERE lao_id = ANY($1::text[]) AND reopened_at IS NULL`, [laoIds]);
  return rows.map(signOffOf);
}

/** Every sign-off (reopened ones too: who reopened and why stays visible) of the LAOs the user may read. */
export async function signOffsSeenBy(db: Queryable, principal: Principal, visibleLaos: ReadonlySet<string>): Promise<SignOff[]> {
  const scope = principal.role === 'admin' ? null : principal.provinceCodes;
  const { rows } = await db.query<SignOffRow>(
    `SELECT ${SIGNOFF_COLUMNS} FROM signoffs WHERE $1::text[] IS NULL OR province_code = ANY($1::text[]) ORDER BY signed_at, id`,
    [scope],
  );
  return rows.map(signOffOf).filter((s) => visibleLaos.has(s.laoId));
}
