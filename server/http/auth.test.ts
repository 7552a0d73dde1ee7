import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../store/db';
import { openMigrated, testBackends } from '../store/test-backends';
import {
  auth, createMutation, editMutation, LAO_A, LAO_C, P1, P2, PASSWORD, push, sampleRecord, seedWorld, startTestApp, USERS, VERSIONS,
  type TestApp, type TestUser,
} from '../sync/test-kit';

const versions = `protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`;

describe.each(testBackends)('auth and authorization on $kind', (backend) => {
  let db: Database;
  let t: TestApp;
  let clock = new Date('2026-01-15T03:00:00Z').getTime();
  beforeAll(async () => {
    db = await openMigrated(backend);
    await seedWorld(db);
    t = await startTestApp(db, { now: () => new Date(clock), settings: { loginMaxFailures: 3, tokenTtlDays: 30 } });
  });
  afterAll(async () => {
    await t?.app.close();
    await db?.close();
  });

  const login = (username: string, password: string, deviceId = `device-auth-${username}`) =>
    t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username, password, deviceId } });
  const me = (token: string) => t.app.inject({ method: 'GET', url: `/v1/auth/me?${versions}`, headers: auth(token) });

  it('logs in with the right password and refuses wrong ones alike', async () => {
    const good = await login('officer', PASSWORD);
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ token: expect.any(String), user: { id: USERS.officer.id, role: 'officer', provinceCodes: [P1] } });
    expect((await me(good.json().token)).json()).toMatchObject({ user: { username: 'officer' }, deviceId: 'device-auth-officer' });
    for (const [username, password] of [['officer', 'wrong password'], ['nobody', PASSWORD]]) {
      const bad = await login(username!, password!);
      expect([bad.statusCode, bad.json().code]).toEqual([401, 'INVALID_CREDENTIALS']);
    }
    const stored = await db.query<{ token_hash: string }>('SELECT token_hash FROM device_tokens');
    expect(stored.rows.every((r) => r.token_hash !== good.json().token)).toBe(true);
  });

  it('delays failed logins per username and address, then lets the user in after the wait', async () => {
    for (let i = 0; i < 3; i++) expect((await login('officera', 'guess')).statusCode).toBe(401);
    const limited = await login('officera', PASSWORD);
    expect([limited.statusCode, limited.json().code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    clock += 16 * 60_000;
    expect((await login('officera', PASSWORD)).statusCode).toBe(200);
  });

  it('refuses missing, unknown, expired and revoked tokens', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/v1/auth/me' })).json().code).toBe('UNAUTHORIZED');
    expect((await me('not-a-token')).json().code).toBe('TOKEN_INVALID');
    const session = await t.login('officer');
    clock += 31 * 86_400_000;
    const expired = await me(session.token);
    expect([expired.statusCode, expired.json().code]).toEqual([401, 'TOKEN_EXPIRED']);
    const fresh = await t.login('officer');
    expect((await t.app.inject({ method: 'POST', url: `/v1/auth/logout?${versions}`, headers: auth(fresh.token) })).statusCode).toBe(204);
    expect((await me(fresh.token)).json().code).toBe('TOKEN_REVOKED');
    const other = await t.login('officer');
    const admin = await t.login('admin');
    const revoked = await t.app.inject({ method: 'POST', url: `/v1/admin/users/${USERS.officer.id}/revoke-tokens?${versions}`, headers: auth(admin.token) });
    expect(revoked.json().revoked).toBeGreaterThan(0);
    expect((await me(other.token)).json().code).toBe('TOKEN_REVOKED');
  });

  it('lets administrators manage users and assignments, and only them', async () => {
    const admin = await t.login('admin');
    const created = await t.app.inject({
      method: 'POST', url: `/v1/admin/users?${versions}`, headers: auth(admin.token),
      payload: { username: 'new-officer', displayName: 'New', role: 'officer', provinceCodes: [P1], laoIds: [LAO_A], password: 'a long password' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().user.id;
    expect((await login('new-officer', 'a long password')).statusCode).toBe(200);
    const badLao = await t.app.inject({ method: 'PATCH', url: `/v1/admin/users/${id}?${versions}`, headers: auth(admin.token), payload: { laoIds: [LAO_C] } });
    expect([badLao.statusCode, badLao.json().code]).toEqual([400, 'UNKNOWN_LAO']);
    const moved = await t.app.inject({ method: 'PATCH', url: `/v1/admin/users/${id}?${versions}`, headers: auth(admin.token), payload: { provinceCodes: [P2], laoIds: null } });
    expect(moved.json().user).toMatchObject({ provinceCodes: [P2], laoIds: null });
    const dup = await t.app.inject({ method: 'POST', url: `/v1/admin/users?${versions}`, headers: auth(admin.token), payload: { username: 'new-officer', displayName: 'X', role: 'officer', provinceCodes: [], password: 'a long password' } });
    expect(dup.json().code).toBe('USERNAME_TAKEN');
    const short = await t.app.inject({ method: 'POST', url: `/v1/admin/users?${versions}`, headers: auth(admin.token), payload: { username: 'short-pw', displayName: 'X', role: 'officer', provinceCodes: [], password: 'short' } });
    expect(short.json().code).toBe('PASSWORD_TOO_SHORT');
    const disabled = await t.app.inject({ method: 'PATCH', url: `/v1/admin/users/${id}?${versions}`, headers: auth(admin.token), payload: { disabled: true } });
    expect(disabled.json().user.disabled).toBe(true);
    expect((await login('new-officer', 'a long password')).statusCode).toBe(401);
  });

  it('imports a registry all or nothing: one bad row and nothing of the file is stored', async () => {
    const admin = await t.login('admin');
    const file = {
      provinces: [{ code: '97', nameTh: 'จังหวัดนำเข้า', nameEn: 'Imported' }],
      districts: [{ code: '9701', provinceCode: '97', nameTh: 'อำเภอหนึ่ง', nameEn: 'One' }],
      laos: [
        { id: '01935a6e-0000-7000-8000-000000000971', code: '9700001', type: 'SAO', nameTh: 'อบต.นำเข้า', nameEn: 'SAO Imported', provinceCode: '97', districtCode: '9701' },
        // A district the file does not hold and the server does not know.
        { id: '01935a6e-0000-7000-8000-000000000972', code: '9700002', type: 'SAO', nameTh: 'อบต.ผิด', nameEn: 'SAO Wrong', provinceCode: '97', districtCode: '9709' },
      ],
    };
    const refused = await t.app.inject({ method: 'POST', url: `/v1/admin/reference/import?${versions}`, headers: auth(admin.token), payload: file });
    // The row is named, with what is wrong with it.
    expect([refused.statusCode, refused.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(refused.json().issues.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual([['laos.1.districtCode', 'registry.unknownDistrict']]);
    expect((await db.query(`SELECT code FROM provinces WHERE code = '97'`)).rows).toEqual([]);
    // Every bad row at once, each by its place in the file.
    const invalid = await t.app.inject({
      method: 'POST', url: `/v1/admin/reference/import?${versions}`, headers: auth(admin.token),
      payload: { ...file, laos: [{ ...file.laos[0], code: 'x' }, file.laos[0], { ...file.laos[0], id: '01935a6e-0000-7000-8000-000000000973', nameTh: '' }] },
    });
    expect([invalid.statusCode, invalid.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(invalid.json().issues.map((i: { path: string }) => i.path.split('.').slice(0, 2).join('.'))).toEqual(['laos.0', 'laos.2']);
    const officer = await t.login('officer');
    const forbidden = await t.app.inject({ method: 'POST', url: `/v1/admin/reference/import?${versions}`, headers: auth(officer.token), payload: { ...file, laos: [file.laos[0]] } });
    expect(forbidden.statusCode).toBe(403);
    const stored = await t.app.inject({ method: 'POST', url: `/v1/admin/reference/import?${versions}`, headers: auth(admin.token), payload: { ...file, laos: [file.laos[0]] } });
    expect(stored.json()).toEqual({ provinces: 1, districts: 1, laos: 1, keptIds: {} });
    expect((await db.query(`SELECT code, district_code FROM laos WHERE province_code = '97'`)).rows).toEqual([{ code: '9700001', district_code: '9701' }]);

    // Imported again from a laptop that does not hold the LAO (its parse made a new id): matched by code, the server's id kept.
    const again = await t.app.inject({
      method: 'POST', url: `/v1/admin/reference/import?${versions}`, headers: auth(admin.token),
      payload: { ...file, laos: [{ ...file.laos[0], id: '01935a6e-0000-7000-8000-0000000009ff', nameTh: 'อบต.นำเข้า (ชื่อใหม่)' }] },
    });
    expect(again.json()).toEqual({ provinces: 1, districts: 1, laos: 1, keptIds: { '01935a6e-0000-7000-8000-0000000009ff': file.laos[0]!.id } });
    expect((await db.query(`SELECT id, name_th FROM laos WHERE code = '9700001'`)).rows).toEqual([{ id: file.laos[0]!.id, name_th: 'อบต.นำเข้า (ชื่อใหม่)' }]);
    // One code twice in a file: both rows named.
    const twice = await t.app.inject({
      method: 'POST', url: `/v1/admin/reference/import?${versions}`, headers: auth(admin.token),
      payload: { ...file, laos: [file.laos[0], { ...file.laos[0], id: '01935a6e-0000-7000-8000-000000000974' }] },
    });
    expect(twice.json().issues).toEqual([expect.objectContaining({ path: 'laos.1.code', code: 'registry.duplicateCode' })]);
  });

  // Expected status per role for every protected route; `officer2` works in the other province.
  const roles: (TestUser | 'anonymous')[] = ['anonymous', 'officer', 'officerA', 'supervisor', 'admin', 'officer2'];
  const routes: { method: 'GET' | 'POST' | 'PATCH' | 'PUT'; url: string; payload?: object; expect: number[] }[] = [
    { method: 'GET', url: `/v1/auth/me?${versions}`, expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: `/v1/reference?${versions}`, expect: [401, 200, 200, 200, 200, 200] },
    { method: 'GET', url: `/v1/admin/users?${versions}`, expect: [401, 403, 403, 403, 200, 403] },
    { method: 'PATCH', url: `/v1/admin/users/${USERS.officerA.id}?${versions}`, payload: { displayName: 'A' }, expect: [401, 403, 403, 403, 200, 403] },
    { method: 'PUT', url: `/v1/admin/reference/provinces/97?${versions}`, payload: { nameTh: 'ใหม่', nameEn: 'New' }, expect: [401, 403, 403, 403, 200, 403] },
    { method: 'GET', url: `/v1/sync/pull?scope=${P1}&cursor=0&${versions}`, expect: [401, 200, 200, 200, 200, 403] },
    { method: 'POST', url: '/v1/sync/pull', payload: { scope: P1, cursor: 0, ...VERSIONS }, expect: [401, 200, 200, 200, 200, 403] },
    { method: 'GET', url: `/v1/sync/snapshot?scope=${P1}&${versions}`, expect: [401, 200, 200, 200, 200, 403] },
    { method: 'GET', url: `/v1/sync/conflicts?scope=${P1}&${versions}`, expect: [401, 200, 200, 200, 200, 403] },
    { method: 'GET', url: `/v1/sync/snapshot?scope=${P2}&${versions}`, expect: [401, 403, 403, 403, 200, 200] },
    // Last: the admin revokes its own tokens.
    { method: 'POST', url: `/v1/admin/users/${USERS.admin.id}/revoke-tokens?${versions}`, expect: [401, 403, 403, 403, 200, 403] },
  ];

  it('authorizes every route for every role', async () => {
    const tokens = new Map<string, string>();
    for (const role of roles) if (role !== 'anonymous') tokens.set(role, (await t.login(role)).token);
    for (const route of routes) {
      const statuses: number[] = [];
      for (const role of roles) {
        const token = tokens.get(role);
        const response = await t.app.inject({ method: route.method, url: route.url, headers: token ? auth(token) : {}, ...(route.payload ? { payload: route.payload } : {}) });
        statuses.push(response.statusCode);
      }
      expect({ route: `${route.method} ${route.url}`, statuses }).toEqual({ route: `${route.method} ${route.url}`, statuses: route.expect });
    }
  });

  it('filters reference data and conflicts to the scope; resolving is for writers and supervisors', async () => {
    const officer2 = await t.login('officer2');
    const reference = (await t.app.inject({ method: 'GET', url: `/v1/reference?${versions}`, headers: auth(officer2.token) })).json();
    expect(reference.provinces.map((p: { code: string }) => p.code)).toEqual([P2]);
    expect(reference.laos.map((l: { id: string }) => l.id)).toEqual([LAO_C]);
    const officerA = (await t.app.inject({ method: 'GET', url: `/v1/reference?${versions}`, headers: auth((await t.login('officerA')).token) })).json();
    expect(officerA.laos.map((l: { id: string }) => l.id)).toEqual([LAO_A]);

    const officer = await t.login('officer');
    const record = sampleRecord('antiDrugActivities', LAO_A, P1);
    await push(t, officer, [createMutation('antiDrugActivities', record)]);
    await push(t, officer, [editMutation('antiDrugActivities', String(record.id), 1, { participants: { old: 150, new: 1 } })]);
    const other = await t.login('officer');
    const clash = await push(t, other, [editMutation('antiDrugActivities', String(record.id), 1, { participants: { old: 150, new: 2 } })]);
    const conflictId = clash.body.results[0]!.conflictId!;
    const resolveAs = async (role: TestUser) =>
      t.app.inject({ method: 'POST', url: `/v1/sync/conflicts/${conflictId}/resolve?${versions}`, headers: auth((await t.login(role)).token) });
    expect((await resolveAs('officer2')).statusCode).toBe(404);
    const resolved = await resolveAs('supervisor');
    expect(resolved.json().conflict).toMatchObject({ id: conflictId, resolvedBy: USERS.supervisor.id });
    const open = await t.app.inject({ method: 'GET', url: `/v1/sync/conflicts?scope=${P1}&${versions}`, headers: auth(officer.token) });
    expect(open.json().conflicts.map((c: { id: string }) => c.id)).not.toContain(conflictId);
  });

  it('allows the desktop and local origins only', async () => {
    const preflight = await t.app.inject({ method: 'OPTIONS', url: '/v1/sync/push', headers: { origin: 'app://renderer', 'access-control-request-method': 'POST' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('app://renderer');
    expect(preflight.headers['access-control-allow-headers']).toContain('Authorization');
    const local = await t.app.inject({ method: 'GET', url: '/v1/health', headers: { origin: 'http://localhost:5173' } });
    expect(local.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const evil = await t.app.inject({ method: 'GET', url: '/v1/health', headers: { origin: 'https://evil.example' } });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });
});
