/**
 * Issue 14, item 6: tokens are checked before a body is read, and the last
 * active administrator cannot be demoted or disabled, even by two at once.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Database } from '../store/db';
import { buildApp } from './app';
import { testBackends } from '../store/test-backends';
import { auth, PASSWORD, useTestWorld, USERS, VERSIONS } from '../sync/test-kit';

const versions = `protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`;
const MB = 1024 * 1024;

/** The app over `db` with its JSON parser replaced by one that counts the bodies it parses. */
async function appCountingParses(db: Database): Promise<{ app: FastifyInstance; parsed: () => number }> {
  const app = buildApp({ db, config: { logLevel: 'silent' }, logger: false });
  let parses = 0;
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 30 * MB }, (_request, body, done) => {
    parses += 1;
    done(null, JSON.parse(String(body)));
  });
  await app.ready();
  return { app, parsed: () => parses };
}

const bigBody = JSON.stringify({ provinces: [{ code: 'x'.repeat(19 * MB) }], districts: [], laos: [] });

describe.each(testBackends)('authentication before the body, and the last administrator, on $kind', (backend) => {
  const world = useTestWorld(backend);

  it('refuses unauthenticated bodies (401) and an officer\'s admin call (403) without parsing them', async () => {
    const { app, parsed } = await appCountingParses(world.db);
    try {
      const officer = (await world.t.login('officer')).token;
      const requests = [
        { method: 'POST', url: '/v1/admin/reference/import', token: undefined, expect: [401, 'UNAUTHORIZED'] },
        { method: 'POST', url: '/v1/sync/push', token: 'garbage', expect: [401, 'TOKEN_INVALID'] },
        { method: 'PATCH', url: `/v1/admin/users/${USERS.admin.id}`, token: undefined, expect: [401, 'UNAUTHORIZED'] },
        { method: 'POST', url: '/v1/auth/logout', token: undefined, expect: [401, 'UNAUTHORIZED'] },
        { method: 'POST', url: '/v1/admin/reference/import', token: officer, expect: [403, 'FORBIDDEN'] },
      ] as const;
      for (const request of requests) {
        const response = await app.inject({
          method: request.method,
          url: `${request.url}?${versions}`,
          headers: { 'content-type': 'application/json', ...(request.token ? auth(request.token) : {}) },
          payload: bigBody,
        });
        expect([request.url, response.statusCode, response.json().code]).toEqual([request.url, ...request.expect]);
      }
      expect(parsed()).toBe(0);
      // The counting parser does run for a request that passes.
      const admin = (await world.t.login('admin')).token;
      await app.inject({ method: 'PATCH', url: `/v1/admin/users/${USERS.officer.id}?${versions}`, headers: auth(admin), payload: { displayName: 'Officer' } });
      expect(parsed()).toBe(1);
    } finally {
      await app.close();
    }
  });

  const patch = (token: string, id: string, payload: object) =>
    world.t.app.inject({ method: 'PATCH', url: `/v1/admin/users/${id}?${versions}`, headers: auth(token), payload });

  it('keeps the last active administrator: no demotion, no disabling (409 LAST_ADMIN)', async () => {
    const admin = await world.t.login('admin');
    for (const change of [{ role: 'officer' }, { disabled: true }]) {
      const refused = await patch(admin.token, USERS.admin.id, change);
      expect([refused.statusCode, refused.json().code]).toEqual([409, 'LAST_ADMIN']);
    }
    const row = await world.db.query('SELECT role, disabled FROM users WHERE id = $1', [USERS.admin.id]);
    expect(row.rows).toEqual([{ role: 'admin', disabled: false }]);
    // Other changes of the last administrator still go through.
    expect((await patch(admin.token, USERS.admin.id, { displayName: 'Still admin' })).statusCode).toBe(200);
  });

  it('leaves one administrator when two demote each other at once', async () => {
    const admin = await world.t.login('admin');
    const created = await world.t.app.inject({
      method: 'POST', url: `/v1/admin/users?${versions}`, headers: auth(admin.token),
      payload: { username: 'second-admin', displayName: 'Second', role: 'admin', provinceCodes: [], password: PASSWORD },
    });
    const secondId = created.json().user.id as string;
    const second = await world.t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'second-admin', password: PASSWORD, deviceId: 'second-admin-laptop' } });
    const answers = await Promise.all([
      patch(admin.token, secondId, { role: 'officer' }),
      patch(second.json().token, USERS.admin.id, { disabled: true }),
    ]);
    // One wins. The other is refused as LAST_ADMIN when both passed the token
    // check, or earlier, when the winner committed first: its admin was demoted
    // (403 FORBIDDEN) or disabled (401 USER_DISABLED) by then.
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses[0]).toBe(200);
    expect([[401, 'USER_DISABLED'], [403, 'FORBIDDEN'], [409, 'LAST_ADMIN']]).toContainEqual(
      answers.filter((a) => a.statusCode !== 200).map((a) => [a.statusCode, a.json().code])[0],
    );
    const active = await world.db.query(`SELECT id FROM users WHERE role = 'admin' AND NOT disabled`);
    expect(active.rows).toHaveLength(1);
  });
});
