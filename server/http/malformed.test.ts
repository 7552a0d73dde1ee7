/**
 * The malformed requests of issue 14 that once reached the database (or the
 * stack) and answered 500: each is refused with a coded 4xx and stores nothing.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../store/test-backends';
import { auth, createMutation, editMutation, LAO_A, P1, sampleRecord, USERS, useTestWorld, VERSIONS } from '../sync/test-kit';

const versions = `protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`;
const NUL = '\u0000';
const LONE_HIGH = '\ud800';
const LONE_LOW = '\udc00';

type Session = { token: string; deviceId: string };

describe.each(testBackends)('malformed requests on $kind', (backend) => {
  const world = useTestWorld(backend);
  let admin: Session;
  let officer: Session;
  beforeAll(async () => {
    admin = await world.t.login('admin');
    officer = await world.t.login('officer');
  });

  const inject = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, session: Session | null, payload?: unknown) =>
    world.t.app.inject({
      method,
      url,
      headers: session ? auth(session.token) : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const rowCount = async (table: string) => (await world.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  const pushOne = (mutation: unknown) =>
    inject('POST', '/v1/sync/push', officer, { ...VERSIONS, deviceId: officer.deviceId, mutations: [mutation] });

  const expectInvalidText = (response: { statusCode: number; json: () => unknown }) =>
    expect([response.statusCode, response.json()]).toEqual([400, expect.objectContaining({ code: 'INVALID_TEXT', message: expect.any(String) })]);

  it('refuses NUL and lone surrogates in a login before any lookup', async () => {
    for (const bad of [NUL, LONE_HIGH, LONE_LOW]) {
      expectInvalidText(await inject('POST', '/v1/auth/login', null, { username: `admin${bad}`, password: 'x', deviceId: 'probe-dev-0001' }));
      expectInvalidText(await inject('POST', '/v1/auth/login', null, { username: 'admin', password: `x${bad}`, deviceId: 'probe-dev-0001' }));
    }
  });

  it('refuses a device name that PostgreSQL cannot store or would store as U+FFFD', async () => {
    const tokens = await rowCount('device_tokens');
    for (const bad of [NUL, LONE_HIGH, `${LONE_LOW}x`]) {
      expectInvalidText(await inject('POST', '/v1/auth/login', null, { username: 'officer', password: 'correct horse 1', deviceId: 'probe-dev-0001', deviceName: `laptop${bad}` }));
    }
    expect(await rowCount('device_tokens')).toBe(tokens);
    expect((await world.db.query("SELECT 1 FROM device_tokens WHERE device_name LIKE '%' || chr(65533) || '%'")).rows).toEqual([]);
  });

  it('refuses bad text anywhere in a push: ids, field names, values, nested values', async () => {
    const before = await rowCount('sync_mutations');
    const record = sampleRecord('visions', LAO_A, P1);
    const valid = createMutation('visions', record);
    const cases = [
      { ...valid, mutationId: `m${NUL}` },
      { ...valid, author: `me${LONE_HIGH}` },
      { ...valid, clientTime: `2026${NUL}` },
      { ...valid, changes: { ...valid.changes, vision: { old: null, new: `a vision${NUL}` } } },
      { ...valid, changes: { ...valid.changes, vision: { old: null, new: `a vision${LONE_HIGH}` } } },
      { ...valid, changes: { ...valid.changes, laoId: { old: null, new: `${LAO_A}${NUL}` } } },
      { ...valid, changes: { ...valid.changes, [`vision${NUL}`]: { old: null, new: 'x' } } },
      { ...valid, changes: { ...valid.changes, missions: { old: [`old${LONE_LOW}`], new: ['fine'] } } },
      { ...valid, changes: { ...valid.changes, strategies: { old: null, new: [{ code: '1', name: 'n', approaches: [`a${NUL}`] }] } } },
    ];
    for (const mutation of cases) expectInvalidText(await pushOne(mutation));
    expect(await rowCount('sync_mutations')).toBe(before);
  });

  it('refuses ids that are not ids', async () => {
    const record = sampleRecord('visions', LAO_A, P1);
    const valid = createMutation('visions', record);
    for (const mutationId of ['has space', 'a/b', 'x'.repeat(101), '']) {
      const response = await pushOne({ ...valid, mutationId });
      expect([mutationId, response.statusCode, response.json().code]).toEqual([mutationId, 400, 'VALIDATION_FAILED']);
    }
    const user = await inject('PATCH', `/v1/admin/users/${encodeURIComponent(NUL)}?${versions}`, admin, { displayName: 'x' });
    expect([user.statusCode, user.json().code]).toEqual([400, 'INVALID_TEXT']);
    for (const id of ['not-a-uuid', '%00', `${USERS.officer.id}x`]) {
      const revoke = await inject('POST', `/v1/admin/users/${id}/revoke-tokens?${versions}`, admin, {});
      expect([id, revoke.statusCode]).toEqual([id, 400]);
    }
    const lao = await inject('PATCH', `/v1/admin/users/${USERS.officerB.id}?${versions}`, admin, { laoIds: [`${LAO_A}${NUL}`] });
    expectInvalidText(lao);
  });

  it('refuses bad text in the admin API and stores nothing', async () => {
    const users = await rowCount('users');
    for (const bad of [NUL, LONE_HIGH]) {
      expectInvalidText(await inject('POST', `/v1/admin/users?${versions}`, admin, { username: 'probe-user', displayName: `Probe${bad}`, role: 'officer', provinceCodes: [P1], password: 'a long password' }));
      expectInvalidText(await inject('POST', `/v1/admin/users?${versions}`, admin, { username: 'probe-user', displayName: 'Probe', role: 'officer', provinceCodes: [P1], password: `a long password${bad}` }));
      expectInvalidText(await inject('PATCH', `/v1/admin/users/${USERS.officerB.id}?${versions}`, admin, { displayName: `B${bad}` }));
      expectInvalidText(await inject('PUT', `/v1/admin/reference/provinces/${P1}?${versions}`, admin, { nameTh: `ชื่อ${bad}`, nameEn: 'Name' }));
      expectInvalidText(await inject('POST', `/v1/admin/reference/import?${versions}`, admin, { provinces: [{ code: '96', nameTh: 'ก', nameEn: `Name${bad}` }], districts: [], laos: [] }));
    }
    expect(await rowCount('users')).toBe(users);
    expect((await world.db.query("SELECT code FROM provinces WHERE code = '96'")).rows).toEqual([]);
    const names = await world.db.query<{ name_th: string }>('SELECT name_th FROM provinces WHERE code = $1', [P1]);
    expect(names.rows[0]!.name_th).toBe('จังหวัดทดสอบ');
    expect((await world.db.query("SELECT 1 FROM users WHERE display_name LIKE 'B%' AND id = $1", [USERS.officerB.id])).rows).toEqual([]);
  });

  it('parses snapshot tokens strictly', async () => {
    for (const after of ['0.------------------------------------', '0.gggggggg-0000-0000-0000-000000000000', `0.${'0'.repeat(36)}`, '1.0190c4e2-0000-7000-8000-00000000000', `0.${NUL}`]) {
      const response = await inject('GET', `/v1/sync/snapshot?scope=${P1}&after=${encodeURIComponent(after)}&${versions}`, officer);
      expect([after, response.statusCode]).toEqual([after, 400]);
      expect(response.json()).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    }
    const good = await inject('GET', `/v1/sync/snapshot?scope=${P1}&after=${encodeURIComponent('0.0190c4e2-0000-7000-8000-000000000001')}&${versions}`, officer);
    expect(good.statusCode).toBe(200);
  });

  it('refuses a value nested deeper than the bound before merging it', async () => {
    // Written as text: JSON.stringify itself would overflow on the way out.
    const deep = '[{"a":'.repeat(2500) + '"x"' + '}]'.repeat(2500);
    const record = sampleRecord('visions', LAO_A, P1);
    expect((await pushOne(createMutation('visions', record))).statusCode).toBe(200);
    const created = createMutation('visions', sampleRecord('visions', LAO_A, P1));
    const edit = editMutation('visions', String(record.id), 1, { vision: { old: record.vision, new: 'v' } });
    const before = await rowCount('sync_mutations');
    // The edit is merged against the stored record (canonicalJson); the new record is stored as sent.
    for (const [valid, field, side] of [[edit, 'vision', 'new'], [edit, 'vision', 'old'], [edit, 'other', 'new'], [created, 'vision', 'new'], [created, 'vision', 'old']] as const) {
      const mutation = { ...valid, changes: { ...valid.changes, [field]: { old: null, new: 'v', [side]: '@DEEP@' } } };
      const payload = JSON.stringify({ ...VERSIONS, deviceId: officer.deviceId, mutations: [mutation] }).replace('"@DEEP@"', deep);
      const response = await world.t.app.inject({ method: 'POST', url: '/v1/sync/push', headers: { ...auth(officer.token), 'content-type': 'application/json' }, payload });
      expect([field, side, response.statusCode, response.json().code]).toEqual([field, side, 400, 'VALIDATION_FAILED']);
    }
    expect(await rowCount('sync_mutations')).toBe(before);
  });

  it('takes numbers in queries and bodies only as numbers', async () => {
    for (const [name, value] of [['cursor', ''], ['cursor', '1.5'], ['cursor', '1e3'], ['cursor', ' 1'], ['limit', ''], ['limit', '0x10']] as const) {
      const query = { scope: P1, cursor: '0', limit: '10', [name]: value };
      const url = `/v1/sync/pull?${new URLSearchParams(query).toString()}&${versions}`;
      const response = await inject('GET', url, officer);
      expect([name, value, response.statusCode, response.json().code]).toEqual([name, value, 400, 'VALIDATION_FAILED']);
    }
    const repeated = await inject('GET', `/v1/sync/pull?scope=${P1}&cursor=0&cursor=0&${versions}`, officer);
    expect(repeated.statusCode).toBe(400);
    const emptyYear = await inject('GET', `/v1/sync/snapshot?scope=${P1}&fiscalYear=&${versions}`, officer);
    expect(emptyYear.statusCode).toBe(400);
    for (const cursor of [null, true, [], '', [0], {}]) {
      const response = await inject('POST', '/v1/sync/pull', officer, { ...VERSIONS, scope: P1, cursor });
      expect([cursor, response.statusCode]).toEqual([cursor, 400]);
    }
    const numeric = await inject('POST', '/v1/sync/pull', officer, { ...VERSIONS, scope: P1, cursor: 0 });
    expect(numeric.statusCode).toBe(200);
    const text = await inject('GET', `/v1/sync/pull?scope=${P1}&cursor=0&limit=10&${versions}`, officer);
    expect(text.statusCode).toBe(200);
  });

  it("answers Fastify's own refusals with {code, message}: 414, bad URLs, 431", async () => {
    const long = await inject('PATCH', `/v1/admin/users/${'a'.repeat(600)}?${versions}`, admin, { displayName: 'x' });
    expect([long.statusCode, long.json()]).toEqual([414, { code: 'URI_TOO_LONG', message: expect.any(String) }]);
    const badUrl = await inject('PATCH', `/v1/admin/users/%E0%A4%A?${versions}`, admin, { displayName: 'x' });
    expect([badUrl.statusCode, badUrl.json()]).toEqual([400, { code: 'BAD_URL', message: expect.any(String) }]);

    // Header overflow happens in Node's parser, before Fastify: only a real socket shows it.
    await world.t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = world.t.app.server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/v1/health', headers: { 'x-padding': 'x'.repeat(64 * 1024) } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body)).toEqual({ code: 'HEADERS_TOO_LARGE', message: expect.any(String) });
  });
});
