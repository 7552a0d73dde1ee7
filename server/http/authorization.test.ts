/**
 * The authorization matrix (issue 14, item 8): every authenticated route,
 * asked by every role, inside and outside its scope, and with every kind of
 * bad token. Each cell is an expectation: allowed (and the answer holds only
 * what the role may see), or refused with the expected status and code, with
 * nothing stored.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { hashToken, issueToken, revokeToken } from '../auth/sessions';
import { defaultTemplate } from '../../shared/calendar/index';
import { calendarsInForce } from './calendars';
import { testBackends } from '../store/test-backends';
import {
  authenticatedRoutes, auth, baseTables, bodyOf, createMutation, LAO_A, openConflict, P1, PASSWORD, sampleRecord, seenNow, tableStates, USERS, useTestWorld, VERSIONS, type TestUser,
} from '../sync/test-kit';

vi.mock('../auth/password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../auth/password')>();
  return { ...actual, hashPassword: (password: string) => actual.hashPassword(password, { N: 1024, r: 8, p: 1 }) };
});

const ROLES = ['admin', 'supervisor', 'officer', 'officerA', 'officerB', 'officer2'] as const satisfies readonly TestUser[];
type Role = (typeof ROLES)[number];
type Session = { token: string; deviceId: string };

/** 'allowed': a 2xx; [status, code]: refused with {code, message}; { result }: a push answered per mutation, rejected with that code. */
type Cell = 'allowed' | [number, string] | { result: string };

interface RouteCase {
  route: string;
  /** The request (fixtures it needs are made fresh for each call). */
  make: (session: Session) => Promise<InjectOptions> | InjectOptions;
  cells: Record<Role, Cell>;
  /** For an allowed cell: what the answer may hold for this role. */
  holds?: (response: LightMyRequestResponse, role: Role) => void;
  /** The role whose token the token-state rows use. */
  tokenRole: Role;
  streams?: boolean;
}

const q = `protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`;
const withVersions = (url: string) => `${url}${url.includes('?') ? '&' : '?'}${q}`;

const ALL: Record<Role, Cell> = { admin: 'allowed', supervisor: 'allowed', officer: 'allowed', officerA: 'allowed', officerB: 'allowed', officer2: 'allowed' };
const FORBIDDEN: [number, string] = [403, 'FORBIDDEN'];
const ADMIN_ONLY: Record<Role, Cell> = { admin: 'allowed', supervisor: FORBIDDEN, officer: FORBIDDEN, officerA: FORBIDDEN, officerB: FORBIDDEN, officer2: FORBIDDEN };
/** Reading province P1: everyone assigned there (LAO-restricted officers see their LAOs only), never the other province's officer. */
const READ_P1: Record<Role, Cell> = { ...ALL, officer2: FORBIDDEN };

/** The LAO ids an answer's records belong to. */
function laosIn(value: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const laoId = (node as Record<string, unknown>).laoId;
      if (typeof laoId === 'string') found.add(laoId);
      Object.values(node).forEach(visit);
    }
  };
  visit(value);
  return found;
}

/** LAO_A's records and conflicts never reach officerB, whose only LAO is LAO_B. */
const onlyVisibleLaos = (response: LightMyRequestResponse, role: Role) => {
  if (role === 'officerB') expect(laosIn(response.json()).has(LAO_A)).toBe(false);
};

describe.each(testBackends)('authorization matrix on $kind', (backend) => {
  // The server's clock, fixed: tokens expire against it.
  const NOW = new Date('2027-02-28T03:00:00Z');
  const world = useTestWorld(backend, { now: () => NOW });
  const sessions = new Map<Role, Session>();
  let tables: string[] = [];
  let victimId = '';
  const cases: RouteCase[] = [];

  beforeAll(async () => {
    for (const role of ROLES) sessions.set(role, await world.t.login(role, `matrix-${role}`));
    victimId = randomUUID();
    await world.db.query(
      `INSERT INTO users (id, username, display_name, role, province_codes, lao_ids) VALUES ($1, 'matrix-victim', 'Victim', 'officer', $2, NULL)`,
      [victimId, [P1]],
    );
    const officer = sessions.get('officer')!;
    const conflictInLaoA = async () => (await openConflict(world.t, officer)).conflictId;
    // LAO_A has records and an open conflict for the read routes to show (or hide).
    const { record: visionOfLaoA } = await openConflict(world.t, officer);
    let probe = 0;
    cases.push(
      { route: 'GET /v1/auth/me', tokenRole: 'officer', cells: ALL, make: () => ({ method: 'GET', url: withVersions('/v1/auth/me') }) },
      {
        route: 'POST /v1/auth/logout', tokenRole: 'officer', cells: ALL,
        // Its own session, so the matrix's sessions live on.
        make: () => ({ method: 'POST', url: withVersions('/v1/auth/logout') }),
      },
      { route: 'GET /v1/reference', tokenRole: 'officer', cells: ALL, make: () => ({ method: 'GET', url: withVersions('/v1/reference') }), holds: onlyVisibleLaos },
      { route: 'GET /v1/reference/provinces', tokenRole: 'officer', cells: ALL, make: () => ({ method: 'GET', url: withVersions('/v1/reference/provinces') }) },
      { route: 'GET /v1/admin/users', tokenRole: 'admin', cells: ADMIN_ONLY, make: () => ({ method: 'GET', url: withVersions('/v1/admin/users') }) },
      {
        route: 'POST /v1/admin/users', tokenRole: 'admin', cells: ADMIN_ONLY,
        make: () => ({
          method: 'POST', url: withVersions('/v1/admin/users'),
          payload: { username: `matrix-new-${++probe}`, displayName: 'New', role: 'officer', provinceCodes: [P1], laoIds: null, password: 'a long password' },
        }),
      },
      {
        route: 'PATCH /v1/admin/users/:id', tokenRole: 'admin', cells: ADMIN_ONLY,
        make: () => ({ method: 'PATCH', url: withVersions(`/v1/admin/users/${victimId}`), payload: { displayName: `Renamed ${++probe}` } }),
      },
      {
        route: 'POST /v1/admin/users/:id/revoke-tokens', tokenRole: 'admin', cells: ADMIN_ONLY,
        make: () => ({ method: 'POST', url: withVersions(`/v1/admin/users/${victimId}/revoke-tokens`), payload: {} }),
      },
      {
        route: 'POST /v1/admin/reference/import', tokenRole: 'admin', cells: ADMIN_ONLY,
        make: () => ({
          method: 'POST', url: withVersions('/v1/admin/reference/import'),
          payload: {
            provinces: [{ code: '96', nameTh: 'จังหวัดนำเข้า', nameEn: `Imported ${++probe}` }],
            districts: [{ code: '9601', provinceCode: '96', nameTh: 'อำเภอนำเข้า', nameEn: 'Imported District' }],
            laos: [{ id: '01935a6e-0000-7000-8000-000000000961', code: '9600001', type: 'SAO', nameTh: 'อบต.นำเข้า', nameEn: 'SAO Imported', provinceCode: '96', districtCode: '9601' }],
          },
        }),
      },
      {
        route: 'PUT /v1/admin/reference/:table/:key', tokenRole: 'admin', cells: ADMIN_ONLY,
        make: () => ({ method: 'PUT', url: withVersions('/v1/admin/reference/provinces/95'), payload: { nameTh: 'จังหวัดใหม่', nameEn: `New ${++probe}` } }),
      },
      {
        route: 'POST /v1/sync/push', tokenRole: 'officer',
        // Writing LAO_A: its officers and administrators; a supervisor reads only; others are outside its scope.
        cells: { admin: 'allowed', officer: 'allowed', officerA: 'allowed', supervisor: { result: 'FORBIDDEN' }, officerB: { result: 'FORBIDDEN' }, officer2: { result: 'FORBIDDEN' } },
        make: (session) => ({
          method: 'POST', url: '/v1/sync/push',
          payload: { ...VERSIONS, deviceId: session.deviceId, mutations: [createMutation('antiDrugActivities', sampleRecord('antiDrugActivities', LAO_A, P1))] },
        }),
        holds: (response) => expect(response.json().results.map((r: { status: string }) => r.status)).toEqual(['applied']),
      },
      { route: 'GET /v1/sync/pull', tokenRole: 'officer', cells: READ_P1, make: () => ({ method: 'GET', url: withVersions(`/v1/sync/pull?scope=${P1}&cursor=0`) }), holds: onlyVisibleLaos },
      { route: 'POST /v1/sync/pull', tokenRole: 'officer', cells: READ_P1, make: () => ({ method: 'POST', url: '/v1/sync/pull', payload: { ...VERSIONS, scope: P1, cursor: 0 } }), holds: onlyVisibleLaos },
      { route: 'GET /v1/sync/snapshot', tokenRole: 'officer', cells: READ_P1, make: () => ({ method: 'GET', url: withVersions(`/v1/sync/snapshot?scope=${P1}`) }), holds: onlyVisibleLaos },
      { route: 'GET /v1/sync/conflicts', tokenRole: 'officer', cells: READ_P1, make: () => ({ method: 'GET', url: withVersions(`/v1/sync/conflicts?scope=${P1}`) }), holds: onlyVisibleLaos },
      {
        route: 'POST /v1/sync/conflicts/:id/resolve', tokenRole: 'officer',
        // Whoever may write LAO_A, and its province's supervisor; to anyone else the conflict does not exist.
        cells: { admin: 'allowed', officer: 'allowed', officerA: 'allowed', supervisor: 'allowed', officerB: [404, 'NOT_FOUND'], officer2: [404, 'NOT_FOUND'] },
        make: async () => ({ method: 'POST', url: withVersions(`/v1/sync/conflicts/${await conflictInLaoA()}/resolve`), payload: {} }),
      },
      {
        route: 'GET /v1/records/:table/:id/history', tokenRole: 'officer',
        // Read like the record itself: LAO_A's readers; to anyone else the record does not exist.
        cells: { ...READ_P1, officerB: [404, 'NOT_FOUND'], officer2: [404, 'NOT_FOUND'] },
        make: () => ({ method: 'GET', url: withVersions(`/v1/records/visions/${String(visionOfLaoA.id)}/history`) }),
        holds: (response) => expect(response.json().history.map((h: { userId: string }) => h.userId)).toEqual([USERS.officer.id, USERS.officer.id]),
      },
      { route: 'GET /v1/calendars', tokenRole: 'officer', cells: ALL, make: () => ({ method: 'GET', url: withVersions('/v1/calendars') }) },
      { route: 'GET /v1/calendars/:fiscalYear/versions', tokenRole: 'officer', cells: ALL, make: () => ({ method: 'GET', url: withVersions('/v1/calendars/2570/versions') }) },
      {
        route: 'POST /v1/admin/calendars/:fiscalYear', tokenRole: 'admin', cells: ADMIN_ONLY,
        // Each allowed publication changes a note and a label, on top of the version in force.
        make: async () => {
          const current = (await calendarsInForce(world.db)).find((c) => c.fiscalYear === 2570);
          const template = current?.template ?? defaultTemplate(2570);
          const first = template.tasks[0]!;
          const changed = { ...template, tasks: [{ ...first, label: { ...first.label, en: `Probe ${++probe}` } }, ...template.tasks.slice(1)] };
          return { method: 'POST', url: withVersions('/v1/admin/calendars/2570'), payload: { template: changed, baseVersion: current?.version ?? null, note: 'matrix' } };
        },
      },
      {
        route: 'POST /v1/signoffs', tokenRole: 'supervisor',
        // LAO_A's period: its province's supervisor and administrators; officers never; nobody else learns the LAO exists.
        cells: { admin: 'allowed', supervisor: 'allowed', officer: FORBIDDEN, officerA: FORBIDDEN, officerB: FORBIDDEN, officer2: FORBIDDEN },
        make: async () => {
          // A month no probe signed off before, of the fiscal year it lies in (January of year Y: B.E. Y + 543).
          const year = 2000 + ++probe;
          const seen = await seenNow(world.db);
          return { method: 'POST', url: withVersions('/v1/signoffs'), payload: { fiscalYear: year + 543, laoIds: [LAO_A], taskIds: ['monthly-grants'], month: { year, month: 1 }, note: '', seen } };
        },
      },
      {
        route: 'POST /v1/signoffs/:id/reopen', tokenRole: 'supervisor',
        cells: { admin: 'allowed', supervisor: 'allowed', officer: FORBIDDEN, officerA: FORBIDDEN, officerB: FORBIDDEN, officer2: FORBIDDEN },
        make: async () => {
          // A month no probe signed off before, of the fiscal year it lies in (February of year Y: B.E. Y + 543).
          const year = 2000 + ++probe;
          const made = await world.t.app.inject({
            method: 'POST', url: withVersions('/v1/signoffs'), headers: auth(sessions.get('admin')!.token),
            payload: { fiscalYear: year + 543, laoIds: [LAO_A], taskIds: ['monthly-grants'], month: { year, month: 2 }, note: '', seen: await seenNow(world.db) },
          });
          return { method: 'POST', url: withVersions(`/v1/signoffs/${String(made.json().signOffs[0].id)}/reopen`), payload: { reason: 'matrix' } };
        },
      },
      { route: 'GET /v1/sync/events', tokenRole: 'officer', cells: READ_P1, streams: true, make: () => ({ method: 'GET', url: withVersions(`/v1/sync/events?scope=${P1}`) }) },
    );
    tables = await baseTables(world.db);
  });

  /** The request with this token in the Authorization header (none when null); made before the caller reads the tables. */
  async function prepare(routeCase: RouteCase, session: Session, token: string | null): Promise<() => Promise<LightMyRequestResponse>> {
    const options = await routeCase.make(session);
    return () => world.t.app.inject({ ...options, headers: { ...(options.headers ?? {}), ...(token === null ? {} : auth(token)) } });
  }

  /** Only the tables a refusal may touch: none for a 4xx; a rejected push stores its answer and the device's position. */
  const PUSH_BOOKKEEPING = new Set(['sync_mutations', 'sync_devices']);

  it('covers every route the server has but health and login', async () => {
    expect(await authenticatedRoutes(world.db)).toEqual(cases.map((c) => c.route).sort());
  });

  it('answers every route for every role as the matrix says, refusals storing nothing', async () => {
    const failures: string[] = [];
    let cells = 0;
    for (const routeCase of cases) {
      for (const role of ROLES) {
        const cell = routeCase.cells[role];
        cells++;
        // A session of its own for logout; an allowed stream is checked over a socket below.
        const session = routeCase.route.endsWith('/logout') ? await world.t.login(role) : sessions.get(role)!;
        if (routeCase.streams && cell === 'allowed') continue;
        const send = await prepare(routeCase, session, session.token);
        const before = await tableStates(world.db, tables);
        const response = await send();
        const after = await tableStates(world.db, tables);
        const label = `${routeCase.route} as ${role}`;
        if (cell === 'allowed') {
          if (response.statusCode >= 300) failures.push(`${label}: ${response.statusCode} ${response.body.slice(0, 160)}`);
          else routeCase.holds?.(response, role);
          continue;
        }
        const touched = tables.filter((t) => before[t] !== after[t]);
        if (Array.isArray(cell)) {
          const body = bodyOf(response);
          const got = [response.statusCode, body.code, Object.keys(body).sort().join(',')];
          if (JSON.stringify(got) !== JSON.stringify([...cell, 'code,message'])) failures.push(`${label}: ${JSON.stringify(got)}`);
          if (touched.length > 0) failures.push(`${label}: stored ${touched.join(', ')}`);
        } else {
          const results = response.json().results as { status: string; code?: string }[];
          if (response.statusCode !== 200 || results[0]?.status !== 'rejected' || results[0]?.code !== cell.result) failures.push(`${label}: ${response.body.slice(0, 160)}`);
          const wrote = touched.filter((t) => !PUSH_BOOKKEEPING.has(t));
          if (wrote.length > 0) failures.push(`${label}: stored ${wrote.join(', ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(cells).toBe(cases.length * ROLES.length);
  });

  it('streams events to every role that may read the province (checked over a socket)', async () => {
    const address = await world.t.app.listen({ port: 0, host: '127.0.0.1' });
    for (const routeCase of cases.filter((c) => c.streams)) {
      for (const role of ROLES.filter((r) => routeCase.cells[r] === 'allowed')) {
        const session = sessions.get(role)!;
        const { url } = await routeCase.make(session);
        const aborted = new AbortController();
        const response = await fetch(`${address}${String(url)}`, { headers: auth(session.token), signal: aborted.signal });
        const first = new TextDecoder().decode((await response.body!.getReader().read()).value);
        aborted.abort();
        expect({ role, status: response.status, ready: first.includes('event: ready') }).toEqual({ role, status: 200, ready: true });
      }
    }
  });

  it('refuses every route with no token, a made-up one, an expired, a revoked one and a disabled user\'s, with 401 and nothing stored', async () => {
    const now = NOW;
    const tokenFor = async (role: Role, state: 'expired' | 'revoked' | 'disabled'): Promise<string> => {
      const userId = state === 'disabled' ? randomUUID() : USERS[role].id;
      if (state === 'disabled') {
        await world.db.query(
          `INSERT INTO users (id, username, display_name, role, province_codes, lao_ids, disabled)
           SELECT $1, $2, display_name, role, province_codes, lao_ids, true FROM users WHERE id = $3`,
          [userId, `matrix-disabled-${userId.slice(0, 8)}`, USERS[role].id],
        );
      }
      // Issued a year before the server's clock with a lifetime of a day.
      const issuedAt = state === 'expired' ? new Date(now.getTime() - 366 * 86_400_000) : now;
      const issued = await issueToken(world.db, { userId, deviceId: `matrix-${state}-${randomUUID()}`, now: issuedAt, ttlDays: state === 'expired' ? 1 : 30 });
      if (state === 'revoked') {
        const { rows } = await world.db.query<{ id: string }>('SELECT id FROM device_tokens WHERE token_hash = $1', [hashToken(issued.token)]);
        await revokeToken(world.db, rows[0]!.id, now);
      }
      return issued.token;
    };
    const STATES: { state: string; token: (role: Role) => Promise<string | null>; code: string }[] = [
      { state: 'no token', token: async () => null, code: 'UNAUTHORIZED' },
      { state: 'a made-up token', token: async () => 'x'.repeat(43), code: 'TOKEN_INVALID' },
      { state: 'an expired token', token: (role) => tokenFor(role, 'expired'), code: 'TOKEN_EXPIRED' },
      { state: 'a revoked token', token: (role) => tokenFor(role, 'revoked'), code: 'TOKEN_REVOKED' },
      { state: "a disabled user's token", token: (role) => tokenFor(role, 'disabled'), code: 'USER_DISABLED' },
    ];
    const failures: string[] = [];
    let asked = 0;
    for (const routeCase of cases) {
      for (const { state, token, code } of STATES) {
        const send = await prepare(routeCase, sessions.get(routeCase.tokenRole)!, await token(routeCase.tokenRole));
        const before = await tableStates(world.db, tables);
        const response = await send();
        const after = await tableStates(world.db, tables);
        asked++;
        const touched = tables.filter((t) => before[t] !== after[t]);
        const body = bodyOf(response);
        const got = [response.statusCode, body.code, Object.keys(body).sort().join(',')];
        if (JSON.stringify(got) !== JSON.stringify([401, code, 'code,message'])) failures.push(`${routeCase.route} with ${state}: ${JSON.stringify(got)}`);
        if (touched.length > 0) failures.push(`${routeCase.route} with ${state}: stored ${touched.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(asked).toBe(cases.length * STATES.length);
  });
  it("refuses another user's device: a login with it (DEVICE_TAKEN), a push that names it (DEVICE_MISMATCH), nothing stored", async () => {
    const officer = sessions.get('officer')!;
    const colleagueDevice = sessions.get('officerA')!.deviceId;
    const before = await tableStates(world.db, tables);
    const login = await world.t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'officer', password: PASSWORD, deviceId: colleagueDevice } });
    expect([login.statusCode, bodyOf(login).code]).toEqual([403, 'DEVICE_TAKEN']);
    const pushed = await world.t.app.inject({
      method: 'POST', url: '/v1/sync/push', headers: auth(officer.token),
      payload: { ...VERSIONS, deviceId: colleagueDevice, mutations: [createMutation('antiDrugActivities', sampleRecord('antiDrugActivities', LAO_A, P1))] },
    });
    expect([pushed.statusCode, bodyOf(pushed).code]).toEqual([403, 'DEVICE_MISMATCH']);
    expect(await tableStates(world.db, tables)).toEqual(before);
  });
});
