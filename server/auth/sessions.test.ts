import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../store/db';
import { openMigrated, testBackends } from '../store/test-backends';
import { auth, seedWorld, startTestApp, USERS, VERSIONS } from '../sync/test-kit';
import { issueToken, LAST_USED_RESOLUTION_MS, principalForToken, revokeToken } from './sessions';

const T0 = new Date('2026-12-01T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

describe.each(testBackends)('device token last use on $kind', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(backend);
    await seedWorld(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  const lastUsedOf = async (token: string) => {
    const { rows } = await db.query<{ last_used_at: Date | null }>(
      "SELECT last_used_at FROM device_tokens WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')",
      [token],
    );
    return rows[0]!.last_used_at === null ? null : new Date(rows[0]!.last_used_at).toISOString();
  };

  it('is the login time at first, then written only once the stored time is five minutes old (the injected clock)', async () => {
    const { token } = await issueToken(db, { userId: USERS.officer.id, deviceId: 'device-last-used', now: T0, ttlDays: 30 });
    expect(await lastUsedOf(token)).toBe(T0.toISOString());
    const seen: (string | null)[] = [];
    const R = LAST_USED_RESOLUTION_MS;
    for (const ms of [MINUTE, R - 1, R, R + MINUTE, 2 * R - 1, 2 * R + MINUTE]) {
      expect((await principalForToken(db, token, at(ms))).ok).toBe(true);
      seen.push(await lastUsedOf(token));
    }
    expect(seen).toEqual([T0, T0, at(R), at(R), at(R), at(2 * R + MINUTE)].map((time) => time.toISOString()));
  });

  it('is not written by a refused token', async () => {
    const { token, expiresAt } = await issueToken(db, { userId: USERS.officer.id, deviceId: 'device-refused', now: T0, ttlDays: 1 });
    expect(await principalForToken(db, token, expiresAt)).toEqual({ ok: false, code: 'TOKEN_EXPIRED' });
    const revoked = await issueToken(db, { userId: USERS.officer.id, deviceId: 'device-revoked', now: T0, ttlDays: 1 });
    const found = await principalForToken(db, revoked.token, at(MINUTE));
    if (!found.ok) throw new Error('the token should be valid');
    await revokeToken(db, found.principal.tokenId, at(2 * MINUTE));
    expect(await principalForToken(db, revoked.token, at(2 * LAST_USED_RESOLUTION_MS))).toEqual({ ok: false, code: 'TOKEN_REVOKED' });
    // Both still carry the login time.
    expect([await lastUsedOf(token), await lastUsedOf(revoked.token)]).toEqual([T0.toISOString(), T0.toISOString()]);
  });

  it("is written by the server's authentication with its injected clock", async () => {
    let clock = T0.getTime();
    const t = await startTestApp(db, { now: () => new Date(clock) });
    try {
      const { token } = await t.login('officer');
      clock += 2 * LAST_USED_RESOLUTION_MS;
      const response = await t.app.inject({ method: 'GET', url: `/v1/reference?protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`, headers: auth(token) });
      expect(response.statusCode).toBe(200);
      expect(await lastUsedOf(token)).toBe(new Date(clock).toISOString());
    } finally {
      await t.app.close();
    }
  });
});
