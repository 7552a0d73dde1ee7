/**
 * Every authenticated route checks the client's protocol and schema versions
 * (versions.ts): a request without them, or claiming one that never existed
 * (0, below 0, not a whole number) or a future one, is refused with
 * {code, message} and stores nothing; with the versions the route does its work.
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkClientVersions } from '../../shared/sync/protocol';
import { copyTemplateToYear, defaultTemplate } from '../../shared/calendar/index';
import { testBackends } from '../store/test-backends';
import {
  authenticatedRoutes, auth, baseTables, bodyOf, createMutation, LAO_A, openConflict, P1, sampleRecord, seenNow, tableStates, USERS, useTestWorld, VERSIONS, type TestUser,
} from '../sync/test-kit';

// A password an admin route sets is hashed at the cheap cost the test world uses.
vi.mock('../auth/password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../auth/password')>();
  return { ...actual, hashPassword: (password: string) => actual.hashPassword(password, { N: 1024, r: 8, p: 1 }) };
});

const P = VERSIONS.protocolVersion;
const S = VERSIONS.schemaVersion;
const VERSION_CODES = ['VERSION_REQUIRED', 'CLIENT_TOO_OLD', 'SERVER_TOO_OLD'];

/** What a request says about its versions: each value as sent (undefined: not sent; an array: a repeated query parameter). */
type Claim = Partial<Record<'protocolVersion' | 'schemaVersion', unknown>>;

interface VersionedRoute {
  /** 'METHOD /pattern', as the server registers it. */
  route: string;
  url: string;
  /** 'session': a session of its own, made for each request (logout ends it). */
  as: TestUser | 'session';
  body?: Record<string, unknown>;
  /** Where the app puts the versions. */
  versionsIn: 'query' | 'body';
  /** With the right versions: the answer and what the route did. */
  accepted: (response: Answer, token: string) => Promise<void> | void;
  /** It answers with an endless stream: accepted() is checked over a socket instead. */
  streams?: boolean;
}

type Answer = Pick<LightMyRequestResponse, 'statusCode' | 'body' | 'json'>;

/** Requests claiming versions that do not exist, or none, and how each is refused. */
const REFUSED: { claim: string; versions: Claim; status: number; code: string }[] = [
  { claim: 'no versions', versions: {}, status: 400, code: 'VERSION_REQUIRED' },
  { claim: 'no schema version', versions: { protocolVersion: P }, status: 400, code: 'VERSION_REQUIRED' },
  { claim: 'protocol 0', versions: { protocolVersion: 0, schemaVersion: S }, status: 426, code: 'CLIENT_TOO_OLD' },
  { claim: 'schema 0', versions: { protocolVersion: P, schemaVersion: 0 }, status: 426, code: 'CLIENT_TOO_OLD' },
  { claim: 'protocol -1', versions: { protocolVersion: -1, schemaVersion: S }, status: 426, code: 'CLIENT_TOO_OLD' },
  { claim: 'schema -3', versions: { protocolVersion: P, schemaVersion: -3 }, status: 426, code: 'CLIENT_TOO_OLD' },
  { claim: 'protocol 1.5', versions: { protocolVersion: 1.5, schemaVersion: S }, status: 400, code: 'VERSION_REQUIRED' },
  { claim: 'schema "one"', versions: { protocolVersion: P, schemaVersion: 'one' }, status: 400, code: 'VERSION_REQUIRED' },
  { claim: 'a future protocol', versions: { protocolVersion: P + 1, schemaVersion: S }, status: 400, code: 'SERVER_TOO_OLD' },
  { claim: 'a future schema', versions: { protocolVersion: P, schemaVersion: S + 1 }, status: 400, code: 'SERVER_TOO_OLD' },
];

/** The version a value claims: a whole number, or in text decimal digits only. */
function claimedVersion(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  return typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : null;
}

/** Our error shape exactly: {code, message}. */
function errorOf(response: LightMyRequestResponse): { status: number; code: unknown; keys: string[] } {
  const body = bodyOf(response);
  return { status: response.statusCode, code: body.code, keys: Object.keys(body).sort() };
}

describe.each(testBackends)('protocol and schema versions on $kind', (backend) => {
  const world = useTestWorld(backend);
  const tokens = new Map<TestUser, string>();
  const routes: VersionedRoute[] = [];
  let tables: string[] = [];

  beforeAll(async () => {
    for (const user of ['officer', 'officer2', 'admin', 'officerB'] as const) tokens.set(user, (await world.t.login(user, `versions-${user}`)).token);
    const officer = { token: tokens.get('officer')!, deviceId: 'versions-officer' };
    const { conflictId, record: vision } = await openConflict(world.t, officer);
    const created = createMutation('antiDrugActivities', sampleRecord('antiDrugActivities', LAO_A, P1));
    const me = (token: string) => world.t.app.inject({ method: 'GET', url: `/v1/auth/me?protocolVersion=${P}&schemaVersion=${S}`, headers: auth(token) });
    const ok = (response: Answer, status = 200) => expect([response.statusCode, response.body.slice(0, 200)]).toEqual([status, expect.any(String)]);

    const signed = await world.t.app.inject({
      method: 'POST', url: `/v1/signoffs?protocolVersion=${P}&schemaVersion=${S}`, headers: auth(tokens.get('admin')!),
      payload: { fiscalYear: 2568, laoIds: [LAO_A], taskIds: ['monthly-grants'], month: { year: 2025, month: 1 }, note: '', seen: await seenNow(world.db) },
    });
    const signOffId = String(signed.json().signOffs[0].id);

    routes.push(
      { route: 'GET /v1/auth/me', url: '/v1/auth/me', as: 'officer', versionsIn: 'query', accepted: (r) => expect(r.json().user.username).toBe('officer') },
      {
        route: 'POST /v1/auth/logout', url: '/v1/auth/logout', as: 'session', versionsIn: 'query',
        accepted: async (r, token) => {
          ok(r, 204);
          expect((await me(token)).json().code).toBe('TOKEN_REVOKED');
        },
      },
      { route: 'GET /v1/reference', url: '/v1/reference', as: 'officer', versionsIn: 'query', accepted: (r) => expect(r.json().laos.length).toBeGreaterThan(0) },
      { route: 'GET /v1/reference/provinces', url: '/v1/reference/provinces', as: 'officer', versionsIn: 'query', accepted: (r) => expect(r.json().provinces.map((p: { code: string }) => p.code)).toEqual([P1]) },
      { route: 'GET /v1/admin/users', url: '/v1/admin/users', as: 'admin', versionsIn: 'query', accepted: (r) => expect(r.json().users.length).toBe(Object.keys(USERS).length) },
      {
        route: 'POST /v1/admin/users', url: '/v1/admin/users', as: 'admin', versionsIn: 'query',
        body: { username: 'versions-probe', displayName: 'Probe', role: 'officer', provinceCodes: [P1], laoIds: null, password: 'a long password' },
        accepted: (r) => {
          ok(r, 201);
          expect(r.json().user.username).toBe('versions-probe');
        },
      },
      {
        route: 'PATCH /v1/admin/users/:id', url: `/v1/admin/users/${USERS.officerA.id}`, as: 'admin', versionsIn: 'query', body: { displayName: 'Renamed' },
        accepted: (r) => expect(r.json().user.displayName).toBe('Renamed'),
      },
      {
        route: 'POST /v1/admin/users/:id/revoke-tokens', url: `/v1/admin/users/${USERS.officerB.id}/revoke-tokens`, as: 'admin', versionsIn: 'query', body: {},
        accepted: (r) => expect(r.json().revoked).toBeGreaterThan(0),
      },
      {
        route: 'POST /v1/admin/reference/import', url: '/v1/admin/reference/import', as: 'admin', versionsIn: 'query',
        body: {
          provinces: [{ code: '96', nameTh: 'จังหวัดนำเข้า', nameEn: 'Imported' }],
          districts: [{ code: '9601', provinceCode: '96', nameTh: 'อำเภอนำเข้า', nameEn: 'Imported District' }],
          laos: [{ id: '01935a6e-0000-7000-8000-000000000961', code: '9600001', type: 'SAO', nameTh: 'อบต.นำเข้า', nameEn: 'SAO Imported', provinceCode: '96', districtCode: '9601' }],
        },
        accepted: (r) => expect(r.json()).toEqual({ provinces: 1, districts: 1, laos: 1, keptIds: {} }),
      },
      {
        route: 'PUT /v1/admin/reference/:table/:key', url: '/v1/admin/reference/provinces/95', as: 'admin', versionsIn: 'query', body: { nameTh: 'จังหวัดใหม่', nameEn: 'New' },
        accepted: (r) => expect(r.json().province).toMatchObject({ code: '95', nameEn: 'New' }),
      },
      {
        route: 'POST /v1/sync/push', url: '/v1/sync/push', as: 'officer', versionsIn: 'body', body: { deviceId: officer.deviceId, mutations: [created] },
        accepted: (r) => expect(r.json().results.map((x: { status: string }) => x.status)).toEqual(['applied']),
      },
      { route: 'GET /v1/sync/pull', url: `/v1/sync/pull?scope=${P1}&cursor=0`, as: 'officer', versionsIn: 'query', accepted: (r) => expect(r.json().changes.length).toBeGreaterThan(0) },
      { route: 'POST /v1/sync/pull', url: '/v1/sync/pull', as: 'officer', versionsIn: 'body', body: { scope: P1, cursor: 0 }, accepted: (r) => expect(r.json().changes.length).toBeGreaterThan(0) },
      { route: 'GET /v1/sync/snapshot', url: `/v1/sync/snapshot?scope=${P1}`, as: 'officer', versionsIn: 'query', accepted: (r) => expect(r.json().records.length).toBeGreaterThan(0) },
      {
        route: 'GET /v1/records/:table/:id/history', url: `/v1/records/visions/${String(vision.id)}/history`, as: 'officer', versionsIn: 'query',
        accepted: (r) => expect(r.json().history.map((h: { version: number }) => h.version)).toEqual([2, 1]),
      },
      { route: 'GET /v1/calendars', url: '/v1/calendars', as: 'officer', versionsIn: 'query', accepted: (r) => expect(r.json().calendars).toEqual([]) },
      { route: 'GET /v1/calendars/:fiscalYear/versions', url: '/v1/calendars/2570/versions', as: 'officer', versionsIn: 'query', accepted: (r) => expect(r.json().versions).toEqual([]) },
      {
        route: 'POST /v1/admin/calendars/:fiscalYear', url: '/v1/admin/calendars/2571', as: 'admin', versionsIn: 'query',
        body: { template: copyTemplateToYear(defaultTemplate(2570), 2571), baseVersion: null, note: 'versions probe' },
        accepted: (r) => expect(r.json().calendar).toMatchObject({ fiscalYear: 2571, version: 1 }),
      },
      {
        route: 'POST /v1/signoffs', url: '/v1/signoffs', as: 'admin', versionsIn: 'query',
        body: { fiscalYear: 2568, laoIds: [LAO_A], taskIds: ['ordinance-passed'], month: null, note: 'versions probe', seen: await seenNow(world.db) },
        accepted: (r) => expect(r.json().signOffs.map((s: { taskId: string }) => s.taskId)).toEqual(['ordinance-passed']),
      },
      {
        route: 'POST /v1/signoffs/:id/reopen', url: `/v1/signoffs/${signOffId}/reopen`, as: 'admin', versionsIn: 'query', body: { reason: 'versions probe' },
        accepted: (r) => expect(r.json().signOff).toMatchObject({ id: signOffId, reopenReason: 'versions probe' }),
      },
      {
        route: 'GET /v1/sync/conflicts', url: `/v1/sync/conflicts?scope=${P1}`, as: 'officer', versionsIn: 'query',
        accepted: (r) => expect(r.json().conflicts.map((c: { id: string }) => c.id)).toContain(conflictId),
      },
      {
        route: 'POST /v1/sync/conflicts/:id/resolve', url: `/v1/sync/conflicts/${conflictId}/resolve`, as: 'officer', versionsIn: 'query', body: {},
        accepted: (r) => expect(r.json().conflict).toMatchObject({ id: conflictId, resolvedBy: USERS.officer.id }),
      },
      {
        route: 'GET /v1/sync/events', url: `/v1/sync/events?scope=${P1}`, as: 'officer', versionsIn: 'query', streams: true,
        accepted: (r) => expect(r.body).toContain('event: ready'),
      },
    );
    tables = await baseTables(world.db);
  });

  /** The route's request with the claimed versions where the app puts them. */
  function request(route: VersionedRoute, versions: Claim, token: string) {
    const query = new URLSearchParams();
    let payload = route.body;
    if (route.versionsIn === 'body') payload = { ...route.body, ...versions };
    else {
      for (const [name, value] of Object.entries(versions)) {
        for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(name, String(one));
      }
    }
    const text = query.toString();
    const url = text === '' ? route.url : `${route.url}${route.url.includes('?') ? '&' : '?'}${text}`;
    return { method: route.route.split(' ')[0] as 'GET', url, headers: auth(token), ...(payload === undefined ? {} : { payload }) };
  }

  /** The answer, or 'streaming' for a stream that has not ended a second later (an unchecked event stream never ends). */
  async function answerOf(route: VersionedRoute, options: ReturnType<typeof request>): Promise<LightMyRequestResponse | 'streaming'> {
    const answer = world.t.app.inject(options);
    if (!route.streams) return answer;
    return Promise.race([answer, new Promise<'streaming'>((resolve) => setTimeout(() => resolve('streaming'), 1000))]);
  }

  const tokenOf = async (as: VersionedRoute['as']) => (as === 'session' ? (await world.t.login('officer')).token : tokens.get(as)!);

  it('knows every route the server has: all but health and login are in the table', async () => {
    expect(await authenticatedRoutes(world.db)).toEqual(routes.map((r) => r.route).sort());
  });

  it('refuses, on every authenticated route, no versions, versions that never existed and future ones, with {code, message}, storing nothing', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const { claim, versions, status, code } of REFUSED) {
        const token = await tokenOf(route.as);
        const before = await tableStates(world.db, tables);
        const response = await answerOf(route, request(route, versions, token));
        const after = await tableStates(world.db, tables);
        if (response === 'streaming') {
          failures.push(`${route.route}, ${claim}: streamed instead of refusing`);
          continue;
        }
        const got = errorOf(response);
        const expected = { status, code, keys: ['code', 'message'] };
        if (JSON.stringify(got) !== JSON.stringify(expected)) failures.push(`${route.route}, ${claim}: ${JSON.stringify(got)} (${response.body.slice(0, 120)})`);
        const stored = tables.filter((t) => before[t] !== after[t]);
        if (stored.length > 0) failures.push(`${route.route}, ${claim}: stored ${stored.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets every authenticated route do its work with the versions that exist', async () => {
    for (const route of routes.filter((r) => !r.streams)) {
      const token = await tokenOf(route.as);
      const response = await world.t.app.inject(request(route, VERSIONS, token));
      expect({ route: route.route, status: response.statusCode < 300 }).toEqual({ route: route.route, status: true });
      await route.accepted(response, token);
    }
  });

  it('streams events with the versions that exist (checked over a socket: the stream does not end)', async () => {
    const address = await world.t.app.listen({ port: 0, host: '127.0.0.1' });
    for (const route of routes.filter((r) => r.streams)) {
      const token = await tokenOf(route.as);
      const { url, headers } = request(route, VERSIONS, token);
      const aborted = new AbortController();
      const response = await fetch(`${address}${url}`, { headers, signal: aborted.signal });
      const reader = response.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      aborted.abort();
      expect(response.status).toBe(200);
      await route.accepted({ statusCode: response.status, body: first, json: () => JSON.parse(first) }, token);
    }
  });

  it('answers any version values, in the query or in a JSON body, never with a 5xx: only versions that exist pass, a refusal stores nothing', async () => {
    // Versions that exist are drawn often enough that both values of a request are right about a fifth of the time.
    const inQuery = (right: number) => fc.oneof(
      { arbitrary: fc.constant(String(right)), weight: 4 },
      fc.integer({ min: -3, max: 5 }).map(String),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('', '1.0', '1e0', ' 1', '1 ', '+1', '0x1', 'NaN', 'Infinity', '-0', '01', '99999999999999999999', '１'),
      fc.array(fc.constantFrom('0', '1', '2'), { minLength: 2, maxLength: 3 }),
      fc.constant(undefined),
    );
    const inBody = (right: number) => fc.oneof(
      { arbitrary: fc.constant(right), weight: 5 },
      fc.integer({ min: -3, max: 5 }),
      fc.integer(),
      fc.double(),
      fc.constantFrom(-0, 1.0000000000000002, 2 ** 53, 1e21, '1', '1.0', '', null, true, false),
      fc.string({ maxLength: 8 }),
      fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 2 }),
      fc.dictionary(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 2 }), { maxKeys: 2 }),
      fc.constant(undefined),
    );
    const tally = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: routes.length - 1 }), fc.boolean(), inQuery(P), inQuery(S), inBody(P), inBody(S), async (index, placeInBody, qp, qs, bp, bs) => {
        const route = routes[index]!;
        const body = placeInBody && route.versionsIn === 'body';
        const placed: VersionedRoute = { ...route, versionsIn: body ? 'body' : 'query' };
        // What the server reads: a JSON body loses undefined and turns NaN and Infinity into null.
        const sent: Claim = body ? JSON.parse(JSON.stringify({ protocolVersion: bp, schemaVersion: bs })) : { protocolVersion: qp, schemaVersion: qs };
        const claimed = [sent.protocolVersion, sent.schemaVersion].map(claimedVersion);
        const exists = claimed.every((v) => v !== null) && checkClientVersions(claimed[0]!, claimed[1]!) === 'ok';
        // A stream would not end: another province's officer is refused it just after the versions.
        const token = route.streams ? tokens.get('officer2')! : await tokenOf(route.as);
        const before = await tableStates(world.db, tables);
        const response = await world.t.app.inject(request(placed, sent, token));
        const got = errorOf(response);
        expect(response.statusCode).toBeLessThan(500);
        const refusedForVersions = VERSION_CODES.includes(String(got.code));
        expect({ route: route.route, sent, refusedForVersions }).toEqual({ route: route.route, sent, refusedForVersions: !exists });
        if (exists) {
          tally.accepted++;
          return;
        }
        tally.refused++;
        expect(got).toEqual({ status: got.code === 'CLIENT_TOO_OLD' ? 426 : 400, code: got.code, keys: ['code', 'message'] });
        // Too old only for a claim below the previous version (or below 1), too new only for one past the current.
        const oldest = (current: number) => Math.max(1, current - 1);
        if (got.code === 'CLIENT_TOO_OLD') expect(claimed[0]! < oldest(P) || claimed[1]! < oldest(S)).toBe(true);
        if (got.code === 'SERVER_TOO_OLD') expect(claimed[0]! > P || claimed[1]! > S).toBe(true);
        expect(await tableStates(world.db, tables)).toEqual(before);
      }),
      { numRuns: 300, seed: 20_261_205 },
    );
    expect(tally).toEqual({ accepted: expect.toSatisfy((n: number) => n >= 20), refused: expect.toSatisfy((n: number) => n >= 150) });
  });
});
