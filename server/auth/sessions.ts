/** Device tokens: random, stored as SHA-256, expiring, revocable. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SessionUser } from '../../shared/sync/protocol';
import type { Queryable } from '../store/db';
import type { Principal } from './access';

export const DEFAULT_TOKEN_TTL_DAYS = 90;

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: SessionUser['role'];
  province_codes: string[];
  lao_ids: string[] | null;
  disabled: boolean;
  password_hash: string | null;
}

export const USER_COLUMNS = 'id, username, display_name, role, province_codes, lao_ids, disabled, password_hash';

export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    provinceCodes: row.province_codes,
    laoIds: row.lao_ids,
  };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function issueToken(
  db: Queryable,
  args: { userId: string; deviceId: string; deviceName?: string; now: Date; ttlDays: number },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(args.now.getTime() + args.ttlDays * 86_400_000);
  await db.query(
    // Issued at a login, which is a use: the first requests after it need not write again.
    `INSERT INTO device_tokens (id, token_hash, user_id, device_id, device_name, created_at, expires_at, last_used_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $6)`,
    [randomUUID(), hashToken(token), args.userId, args.deviceId, args.deviceName ?? null, args.now, expiresAt],
  );
  return { token, expiresAt };
}

/** last_used_at is written at most this often per token, so reads do not each cost a write. */
export const LAST_USED_RESOLUTION_MS = 5 * 60_000;

export type TokenProblem = 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_REVOKED' | 'USER_DISABLED';

export async function principalForToken(
  db: Queryable,
  token: string,
  now: Date,
): Promise<{ ok: true; principal: Principal } | { ok: false; code: TokenProblem }> {
  const { rows } = await db.query<UserRow & { token_id: string; device_id: string; expires_at: Date; revoked_at: Date | null; last_used_at: Date | null }>(
    `SELECT t.id AS token_id, t.device_id, t.expires_at, t.revoked_at, t.last_used_at,
            u.id, u.username, u.display_name, u.role, u.province_codes, u.lao_ids, u.disabled, u.password_hash
     FROM device_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return { ok: false, code: 'TOKEN_INVALID' };
  if (row.revoked_at !== null) return { ok: false, code: 'TOKEN_REVOKED' };
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { ok: false, code: 'TOKEN_EXPIRED' };
  if (row.disabled) return { ok: false, code: 'USER_DISABLED' };
  await touchToken(db, row.token_id, row.last_used_at, now);
  return { ok: true, principal: { ...toSessionUser(row), tokenId: row.token_id, deviceId: row.device_id } };
}

/** Records the token's use when the stored time is older than LAST_USED_RESOLUTION_MS (the WHERE keeps parallel requests to one write). */
async function touchToken(db: Queryable, tokenId: string, lastUsedAt: Date | null, now: Date): Promise<void> {
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (lastUsedAt !== null && new Date(lastUsedAt).getTime() > staleBefore.getTime()) return;
  await db.query('UPDATE device_tokens SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)', [tokenId, now, staleBefore]);
}

export async function revokeToken(db: Queryable, tokenId: string, now: Date): Promise<void> {
  await db.query('UPDATE device_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [tokenId, now]);
}

export async function revokeUserTokens(db: Queryable, userId: string, now: Date): Promise<number> {
  const result = await db.query('UPDATE device_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [userId, now]);
  return result.rowCount;
}

/**
 * Makes the user the device id's owner if it has none (migration 008).
 * False when another user owns it: the caller refuses the login and, in a
 * transaction, writes nothing.
 */
export async function claimDevice(tx: Queryable, userId: string, deviceId: string, now: Date): Promise<boolean> {
  await tx.query('INSERT INTO device_owners (device_id, user_id, registered_at) VALUES ($1, $2, $3) ON CONFLICT (device_id) DO NOTHING', [deviceId, userId, now]);
  const { rows } = await tx.query<{ user_id: string }>('SELECT user_id FROM device_owners WHERE device_id = $1', [deviceId]);
  return rows[0]?.user_id === userId;
}
