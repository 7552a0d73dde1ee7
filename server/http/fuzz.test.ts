/**
 * Every route, fed requests made by changing one place of a valid request at
 * a time and requests drawn from its zod schema (fuzz-kit.ts): never a 5xx,
 * every 4xx a {code, message} body, and a refused request stores nothing
 * (each table's row count and content are the same before and after it).
 */
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { provinceSchema } from '../../shared/domain/reference';
import { loginRequestSchema, pullQuerySchema, pushRequestSchema, snapshotQuerySchema, versionedQuerySchema, type Mutation } from '../../shared/sync/protocol';
import { copyTemplateToYear, defaultTemplate, signOffRequestSchema } from '../../shared/calendar/index';

/** A one-task calendar: every place of it is fuzzed, and a whole seed calendar would multiply the requests for nothing new. */
const seedOf2572 = copyTemplateToYear(defaultTemplate(2570), 2572);
const oneTaskTemplate = { ...seedOf2572, tasks: seedOf2572.tasks.slice(1, 2) };
import { testBackends } from '../store/test-backends';
import {
  baseTables, createMutation, editMutation, LAO_A, LAO_B, openConflict, P1, PASSWORD, sampleRecord, tableStates, USERS, useTestWorld, VERSIONS, type TestUser,
} from '../sync/test-kit';
import { createUserSchema, referenceImportSchema, updateUserSchema } from './admin';
import { bodiesFrom, mutationsOf, queriesFrom, toInject, type RequestShape } from './fuzz-kit';

// The fuzz is about reading requests: a password it sets is hashed at the cheap cost the test world uses.
vi.mock('../auth/password', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../auth/password')>();
  return { ...actual, hashPassword: (password: string) => actual.hashPassword(password, { N: 1024, r: 8, p: 1 }) };
});

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const versionQuery = { protocolVersion: String(VERSIONS.protocolVersion), schemaVersion: String(VERSIONS.schemaVersion) };
const ZERO_TOKEN = '0.00000000-0000-0000-0000-000000000000';

interface RouteSpec {
  base: RequestShape;
  /** Whose token the request carries; 'fresh' logs in anew for each request (logout ends the session). */
  as: TestUser | 'fresh' | null;
  /** Draws this many requests from the schema of the body or the query. */
  bodySchema?: Parameters<typeof bodiesFrom>[0];
  querySchema?: Parameters<typeof queriesFrom>[0];
  samples?: number;
  /** Fresh ids where the request still carries the base's, so a valid request is applied, not replayed. */
  freshen?: (body: unknown) => unknown;
}

const shape = (method: RequestShape['method'], route: string, parts: Partial<RequestShape> = {}): RequestShape => ({
  method, route, params: {}, query: {}, authorization: 'session', ...parts,
});

function freshPush(base: Mutation, fields: ('mutationId' | 'recordId')[]) {
  return (body: unknown) => {
    const mutations = (body as { mutations?: unknown } | null)?.mutations;
    if (!Array.isArray(mutations)) return body;
    const fresh = mutations.map((m: unknown) => {
      if (m === null || typeof m !== 'object') return m;
      const copy = { ...(m as Record<string, unknown>) };
      const recordId = uuidv7();
      for (const field of fields) if (copy[field] === base[field]) copy[field] = field === 'recordId' ? recordId : uuidv7();
      if (fields.includes('recordId') && copy.changes && typeof copy.changes === 'object') {
        const changes = { ...(copy.changes as Record<string, { new?: unknown }>) };
        if (changes.id?.new === base.recordId) changes.id = { ...changes.id, new: copy.recordId };
        copy.changes = changes;
      }
      return copy;
    });
    return { ...(body as object), mutations: fresh };
  };
}

describe.each(testBackends)('fuzzed requests on $kind', (backend) => {
  const world = useTestWorld(backend, { settings: { loginMaxFailures: 1e9, loginMaxFailuresPerAddress: 1e9 } });
  const tokens = new Map<TestUser, string>();
  const routes: RouteSpec[] = [];
  let tables: string[] = [];

  beforeAll(async () => {
    for (const user of ['officer', 'admin', 'officer2', 'supervisor'] as const) {
      const session = await world.t.login(user, `fuzz-${user}-device`);
      tokens.set(user, session.token);
    }
    const officer = { token: tokens.get('officer')!, deviceId: 'fuzz-officer-device' };
    // A record to edit and a conflict to resolve.
    const { record: vision, conflictId } = await openConflict(world.t, officer);
    const create = createMutation('antiDrugActivities', sampleRecord('antiDrugActivities', LAO_A, P1));
    const edit = editMutation('visions', String(vision.id), 2, {
      vision: { old: 'first', new: 'edited' },
      strategies: { old: vision.strategies, new: [{ code: '9', name: 'fuzz', approaches: ['a', 'b'] }] },
    });
    const pushBody = (m: Mutation) => ({ ...VERSIONS, deviceId: officer.deviceId, mutations: [m] });
    const pullQuery = { scope: P1, cursor: '0', limit: '50', ...versionQuery };
    const province = { code: '97', nameTh: 'จังหวัดทดลอง', nameEn: 'Fuzz Province' };
    routes.push(
      { base: shape('GET', '/v1/health', { authorization: null }), as: null },
      {
        base: shape('POST', '/v1/auth/login', { authorization: null, body: { username: 'officer', password: PASSWORD, deviceId: 'fuzz-login-0001', deviceName: 'Fuzz laptop' } }),
        as: null, bodySchema: loginRequestSchema, samples: 10,
      },
      { base: shape('POST', '/v1/auth/logout', { query: versionQuery }), as: 'fresh' },
      { base: shape('GET', '/v1/auth/me', { query: versionQuery }), as: 'officer', querySchema: versionedQuerySchema },
      { base: shape('GET', '/v1/reference/provinces', { query: versionQuery }), as: 'officer' },
      { base: shape('GET', '/v1/reference', { query: versionQuery }), as: 'officer', querySchema: versionedQuerySchema },
      { base: shape('GET', '/v1/admin/users', { query: versionQuery }), as: 'admin' },
      {
        base: shape('POST', '/v1/admin/users', { query: versionQuery, body: { username: 'fuzz-user', displayName: 'Fuzz User', role: 'officer', provinceCodes: [P1], laoIds: [LAO_A], password: 'a long password' } }),
        as: 'admin', bodySchema: createUserSchema, samples: 20,
      },
      {
        base: shape('PATCH', '/v1/admin/users/:id', { query: versionQuery, params: { id: USERS.officerB.id }, body: { displayName: 'Officer B', role: 'officer', provinceCodes: [P1], laoIds: [LAO_B], disabled: false } }),
        as: 'admin', bodySchema: updateUserSchema, samples: 30,
      },
      { base: shape('POST', '/v1/admin/users/:id/revoke-tokens', { query: versionQuery, params: { id: USERS.officerB.id }, body: {} }), as: 'admin' },
      {
        base: shape('POST', '/v1/admin/reference/import', {
          query: versionQuery,
          body: {
            provinces: [province],
            districts: [{ code: '9701', provinceCode: '97', nameTh: 'อำเภอทดลอง', nameEn: 'Fuzz District' }],
            laos: [{ id: '01935a6e-0000-7000-8000-000000000f01', code: '9700001', type: 'SAO', nameTh: 'อบต.ทดลอง', nameEn: 'Fuzz SAO', provinceCode: '97', districtCode: '9701' }],
          },
        }),
        as: 'admin', bodySchema: referenceImportSchema, samples: 40,
      },
      {
        base: shape('PUT', '/v1/admin/reference/:table/:key', { query: versionQuery, params: { table: 'provinces', key: '97' }, body: { nameTh: province.nameTh, nameEn: province.nameEn } }),
        as: 'admin', bodySchema: provinceSchema, samples: 30,
      },
      { base: shape('POST', '/v1/sync/push', { body: pushBody(create) }), as: 'officer', bodySchema: pushRequestSchema, samples: 80, freshen: freshPush(create, ['mutationId', 'recordId']) },
      { base: shape('POST', '/v1/sync/push', { body: pushBody(edit) }), as: 'officer', bodySchema: pushRequestSchema, samples: 40, freshen: freshPush(edit, ['mutationId']) },
      { base: shape('GET', '/v1/sync/pull', { query: pullQuery }), as: 'officer', querySchema: pullQuerySchema, samples: 40 },
      { base: shape('POST', '/v1/sync/pull', { body: { ...VERSIONS, scope: P1, cursor: 0, limit: 50 } }), as: 'officer', bodySchema: pullQuerySchema, samples: 40 },
      {
        base: shape('GET', '/v1/sync/snapshot', { query: { scope: P1, fiscalYear: '2568', after: ZERO_TOKEN, limit: '50', ...versionQuery } }),
        as: 'officer', querySchema: snapshotQuerySchema, samples: 40,
      },
      {
        base: shape('GET', '/v1/records/:table/:id/history', { query: versionQuery, params: { table: 'visions', id: String(vision.id) } }),
        as: 'officer', querySchema: versionedQuerySchema,
      },
      { base: shape('GET', '/v1/calendars', { query: versionQuery }), as: 'officer' },
      { base: shape('GET', '/v1/calendars/:fiscalYear/versions', { query: versionQuery, params: { fiscalYear: '2570' } }), as: 'officer' },
      {
        base: shape('POST', '/v1/admin/calendars/:fiscalYear', { query: versionQuery, params: { fiscalYear: '2572' }, body: { template: oneTaskTemplate, baseVersion: null, note: 'fuzz' } }),
        as: 'admin',
      },
      {
        base: shape('POST', '/v1/signoffs', { query: versionQuery, body: { fiscalYear: 2568, laoIds: [LAO_A], taskIds: ['monthly-grants'], month: { year: 2025, month: 3 }, note: 'fuzz', seen: { [P1]: 0 } } }),
        as: 'supervisor', bodySchema: signOffRequestSchema, samples: 30,
      },
      { base: shape('POST', '/v1/signoffs/:id/reopen', { query: versionQuery, params: { id: '0190c4e2-0000-7000-8000-00000000dead' }, body: { reason: 'fuzz' } }), as: 'supervisor' },
      { base: shape('GET', '/v1/sync/conflicts', { query: { scope: P1, open: 'true', ...versionQuery } }), as: 'officer' },
      { base: shape('POST', '/v1/sync/conflicts/:id/resolve', { query: versionQuery, params: { id: conflictId }, body: {} }), as: 'officer' },
      // Another province's stream, refused: an accepted one would stream until the test ends.
      { base: shape('GET', '/v1/sync/events', { query: { scope: P1, ...versionQuery } }), as: 'officer2' },
    );
    tables = await baseTables(world.db);
  });

  /** Every request of a route: the base, one change at a time, then draws from its schema. */
  function* requestsOf(route: RouteSpec, index: number): Generator<{ label: string; request: RequestShape }> {
    yield { label: 'valid', request: route.base };
    yield* mutationsOf(route.base);
    const samples = route.samples ?? 20;
    if (route.bodySchema) {
      for (const body of fc.sample(bodiesFrom(route.bodySchema, route.base.body), { numRuns: samples, seed: SEED + index })) {
        yield { label: `drawn body ${JSON.stringify(body)?.slice(0, 120)}`, request: { ...route.base, body } };
      }
    }
    if (route.querySchema) {
      for (const query of fc.sample(queriesFrom(route.querySchema, route.base.query), { numRuns: samples, seed: SEED + index })) {
        yield { label: `drawn query ${JSON.stringify(query).slice(0, 120)}`, request: { ...route.base, query } };
      }
    }
  }

  it('answers 1,000+ generated requests over every route without a 5xx, every refusal coded, nothing of it stored', async () => {
    const tally = { requests: 0, ok: 0, refused: 0 };
    const failures: string[] = [];
    const failuresByRoute: Record<string, number> = {};
    let before = await tableStates(world.db, tables);
    for (const [index, route] of routes.entries()) {
      for (const { label, request } of requestsOf(route, index)) {
        const token = route.as === 'fresh' ? (await world.t.login('officer')).token : route.as === null ? null : tokens.get(route.as)!;
        if (route.as === 'fresh') before = await tableStates(world.db, tables);
        const body = route.freshen && request.body !== undefined ? route.freshen(request.body) : request.body;
        const response = await world.t.app.inject(toInject({ ...request, body }, token));
        const after = await tableStates(world.db, tables);
        const where = `${request.method} ${request.route} ${label} → ${response.statusCode} ${response.body.slice(0, 200)}`;
        tally.requests++;
        const failed = failures.length;
        if (response.statusCode >= 500) failures.push(`5xx: ${where}`);
        else if (response.statusCode >= 400) {
          tally.refused++;
          if (!isApiError(safeJson(response.body))) failures.push(`uncoded: ${where}`);
          const changed = tables.filter((t) => before[t] !== after[t]);
          if (changed.length > 0) failures.push(`stored ${changed.join(', ')}: ${where}`);
        } else tally.ok++;
        if (failures.length > failed) failuresByRoute[`${request.method} ${request.route}`] = (failuresByRoute[`${request.method} ${request.route}`] ?? 0) + 1;
        before = after;
      }
    }
    console.info(`fuzz on ${backend.kind} (seed ${SEED}): ${tally.requests} requests, ${tally.ok} accepted, ${tally.refused} refused, ${failures.length} failures`);
    expect({ seed: SEED, failuresByRoute, first: failures.slice(0, 20) }).toEqual({ seed: SEED, failuresByRoute: {}, first: [] });
    expect(tally.requests).toBeGreaterThanOrEqual(1000);
  }, 180_000);
});

/** Our error shape exactly: {code, message} and perhaps issues, nothing of Fastify's own (error, statusCode). */
function isApiError(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  const { code, message, ...rest } = body as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string' && Object.keys(rest).every((key) => key === 'issues');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
