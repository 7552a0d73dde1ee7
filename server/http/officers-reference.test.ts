/**
 * Issue 15, item 1: officers as the server knows them. Administrators store
 * each user's contract dates; /v1/reference sends assignments and those dates
 * to the laptops that may see them, cut to the viewer's scope.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../store/test-backends';
import { auth, baseTables, LAO_A, LAO_B, P1, P2, tableStates, useTestWorld, USERS, VERSIONS, type TestUser } from '../sync/test-kit';

const versions = `protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`;

interface SeenUser {
  id: string;
  role: string;
  provinceCodes: string[];
  laoIds: string[] | null;
  contractSignedOn: string | null;
  hiringDocsSentOn: string | null;
}

describe.each(testBackends)('contract dates and assignments through the server, on $kind', (backend) => {
  const world = useTestWorld(backend);
  let admin = '';
  let tables: string[] = [];
  const patch = (id: string, payload: unknown) =>
    world.t.app.inject({ method: 'PATCH', url: `/v1/admin/users/${id}?${versions}`, headers: auth(admin), payload: payload as object });
  const create = (payload: object) => world.t.app.inject({ method: 'POST', url: `/v1/admin/users?${versions}`, headers: auth(admin), payload });
  const listed = async (id: string) => {
    const response = await world.t.app.inject({ method: 'GET', url: `/v1/admin/users?${versions}`, headers: auth(admin) });
    return (response.json<{ users: SeenUser[] }>().users).find((user) => user.id === id)!;
  };
  const reference = async (user: TestUser) => {
    const { token } = await world.t.login(user);
    const response = await world.t.app.inject({ method: 'GET', url: `/v1/reference?${versions}`, headers: auth(token) });
    expect(response.statusCode).toBe(200);
    return new Map(response.json<{ users: SeenUser[] }>().users.map((u) => [u.id, u]));
  };

  beforeAll(async () => {
    admin = (await world.t.login('admin')).token;
    tables = await baseTables(world.db);
    for (const [user, dates] of [
      [USERS.officerA.id, { contractSignedOn: '2025-10-01', hiringDocsSentOn: '2025-10-10' }],
      [USERS.officerB.id, { contractSignedOn: '2025-10-01' }],
      [USERS.officer2.id, { contractSignedOn: '2025-09-01', hiringDocsSentOn: '2025-09-30' }],
    ] as const) expect((await patch(user, dates)).statusCode).toBe(200);
  });

  it('stores the dates an administrator sets, keeps them when a change leaves them out, and clears them with null', async () => {
    expect(await listed(USERS.officerA.id)).toMatchObject({ contractSignedOn: '2025-10-01', hiringDocsSentOn: '2025-10-10' });
    const renamed = await patch(USERS.officerA.id, { displayName: 'Officer A' });
    expect(renamed.json().user).toMatchObject({ displayName: 'Officer A', contractSignedOn: '2025-10-01', hiringDocsSentOn: '2025-10-10' });

    const created = await create({ username: 'new-officer', displayName: 'ใหม่', role: 'officer', provinceCodes: [P1], laoIds: [LAO_B], password: 'a long password', contractSignedOn: '2026-02-28' });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ user: SeenUser }>().user.id;
    expect(await listed(id)).toMatchObject({ laoIds: [LAO_B], contractSignedOn: '2026-02-28', hiringDocsSentOn: null });
    expect((await patch(id, { hiringDocsSentOn: '2026-03-20' })).json().user).toMatchObject({ contractSignedOn: '2026-02-28', hiringDocsSentOn: '2026-03-20' });
    expect((await patch(id, { contractSignedOn: null, hiringDocsSentOn: null })).json().user).toMatchObject({ contractSignedOn: null, hiringDocsSentOn: null });
    const { rows } = await world.db.query('SELECT contract_signed_on, hiring_docs_sent_on FROM users WHERE id = $1', [id]);
    expect(rows).toEqual([{ contract_signed_on: null, hiring_docs_sent_on: null }]);
  });

  it('refuses bad dates with 400 {code, message} and stores nothing', async () => {
    const before = await tableStates(world.db, tables);
    const refusals: Array<[object, string]> = [
      [{ contractSignedOn: '2025-02-29' }, 'VALIDATION_FAILED'],
      [{ contractSignedOn: '01/10/2568' }, 'VALIDATION_FAILED'],
      [{ hiringDocsSentOn: 20251010 }, 'VALIDATION_FAILED'],
      [{ hiringDocsSentOn: '' }, 'VALIDATION_FAILED'],
      // The officer's stored signing date is 2025-10-01: documents cannot go out before it.
      [{ hiringDocsSentOn: '2025-09-30' }, 'DOCS_BEFORE_CONTRACT'],
      [{ contractSignedOn: '2025-10-11' }, 'DOCS_BEFORE_CONTRACT'],
    ];
    for (const [payload, code] of refusals) {
      const response = await patch(USERS.officerA.id, payload);
      expect([JSON.stringify(payload), response.statusCode, response.json().code, typeof response.json().message]).toEqual([JSON.stringify(payload), 400, code, 'string']);
    }
    const created = await create({ username: 'early-docs', displayName: 'ก', role: 'officer', provinceCodes: [P1], password: 'a long password', contractSignedOn: '2025-10-05', hiringDocsSentOn: '2025-10-04' });
    expect([created.statusCode, created.json().code]).toEqual([400, 'DOCS_BEFORE_CONTRACT']);
    expect(await tableStates(world.db, tables)).toEqual(before);
  });

  it('refuses any value that is not an ISO date or null, on both fields of both routes (fast-check)', async () => {
    const notADate = fc.oneof(
      fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
      // Shaped like a date, but no such day.
      fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
        .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
        .filter((s) => Number.isNaN(Date.parse(`${s}T00:00:00Z`)) || new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) !== s),
      fc.integer(), fc.boolean(), fc.constant({}), fc.constant([]), fc.constantFrom('2025-10-01T00:00:00Z', ' 2025-10-01', '2025-10-01\u0000', '２０２５-10-01'),
    );
    const before = await tableStates(world.db, tables);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('contractSignedOn', 'hiringDocsSentOn'), fc.boolean(), notADate, async (field, creating, value) => {
        const response = creating
          ? await create({ username: 'fuzz-dates', displayName: 'ก', role: 'officer', provinceCodes: [P1], password: 'a long password', [field]: value })
          : await patch(USERS.officerB.id, { [field]: value });
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ code: expect.stringMatching(/^(VALIDATION_FAILED|INVALID_TEXT)$/), message: expect.any(String) });
      }),
      { numRuns: 120, seed: 20_261_204 },
    );
    expect(await tableStates(world.db, tables)).toEqual(before);
  });

  it('sends a supervisor the officers of their province with assignments and contract dates, and no one from elsewhere', async () => {
    const seen = await reference('supervisor');
    expect(seen.has(USERS.officer2.id)).toBe(false);
    expect(seen.get(USERS.officerA.id)).toMatchObject({ role: 'officer', provinceCodes: [P1], laoIds: [LAO_A], contractSignedOn: '2025-10-01', hiringDocsSentOn: '2025-10-10' });
    expect(seen.get(USERS.officerB.id)).toMatchObject({ laoIds: [LAO_B], contractSignedOn: '2025-10-01', hiringDocsSentOn: null });
    // null: every LAO of the officer's provinces.
    expect(seen.get(USERS.officer.id)).toMatchObject({ provinceCodes: [P1], laoIds: null });
  });

  it('cuts what an officer sees to their own LAOs and their own contract', async () => {
    const seen = await reference('officerB');
    expect(seen.has(USERS.officer2.id)).toBe(false);
    expect(seen.get(USERS.officerB.id)).toMatchObject({ laoIds: [LAO_B], contractSignedOn: '2025-10-01' });
    // A colleague: their LAO outside officerB's sight is not named, their contract is not officerB's business.
    expect(seen.get(USERS.officerA.id)).toMatchObject({ laoIds: [], contractSignedOn: null, hiringDocsSentOn: null });
  });

  it('sends an administrator everyone as stored', async () => {
    const seen = await reference('admin');
    expect(seen.get(USERS.officer2.id)).toMatchObject({ provinceCodes: [P2], laoIds: null, contractSignedOn: '2025-09-01', hiringDocsSentOn: '2025-09-30' });
  });
});
