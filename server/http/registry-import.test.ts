/**
 * The DLA registry carries no English names: an import keeps the English
 * names the server holds (set by an administrator, row by row), whatever the
 * importing laptop, whose copy may be older, fills in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../store/test-backends';
import { auth, LAO_A, P1, seenNow, useTestWorld, VERSIONS } from '../sync/test-kit';

const versions = `protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`;

describe.each(testBackends)('registry import on $kind', (backend) => {
  const world = useTestWorld(backend);
  let admin: { token: string };
  beforeAll(async () => {
    admin = await world.t.login('admin');
  });
  const call = (method: 'POST' | 'PUT', url: string, payload: object) =>
    world.t.app.inject({ method, url: `${url}?${versions}`, headers: auth(admin.token), payload });
  const stored = async (table: string, key: string, value: string) =>
    (await world.db.query<{ name_th: string; name_en: string }>(`SELECT name_th, name_en FROM ${table} WHERE ${key} = $1`, [value])).rows[0];

  it("keeps the English names an administrator set, and takes the registry's Thai names", async () => {
    const row = { code: '9900001', type: 'SAO', nameTh: 'อบต.เอ', provinceCode: P1, districtCode: '9901' };
    expect((await call('PUT', `/v1/admin/reference/laos/${LAO_A}`, { ...row, nameEn: 'Tambon A (set on the server)' })).statusCode).toBe(200);
    expect((await call('PUT', `/v1/admin/reference/districts/9901`, { provinceCode: P1, nameTh: 'อำเภอหนึ่ง', nameEn: 'District One' })).statusCode).toBe(200);

    // An older laptop's import: its own (stale) English names, a renamed LAO, a new one.
    const imported = await call('POST', '/v1/admin/reference/import', {
      provinces: [{ code: P1, nameTh: 'จังหวัดทดสอบ', nameEn: 'stale' }],
      districts: [{ code: '9901', provinceCode: P1, nameTh: 'อำเภอหนึ่ง', nameEn: '' }],
      laos: [
        { ...row, id: LAO_A, nameTh: 'อบต.เอ (ชื่อใหม่)', nameEn: 'SAO A (stale)' },
        { id: '0190c4e2-0000-7000-8000-0000000000d4', code: '9900004', type: 'SAO', nameTh: 'อบต.ดี', nameEn: '', provinceCode: P1, districtCode: '9901' },
      ],
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(await stored('laos', 'id', LAO_A)).toEqual({ name_th: 'อบต.เอ (ชื่อใหม่)', name_en: 'Tambon A (set on the server)' });
    expect(await stored('districts', 'code', '9901')).toEqual({ name_th: 'อำเภอหนึ่ง', name_en: 'District One' });
    expect(await stored('provinces', 'code', P1)).toMatchObject({ name_en: 'Test Province' });
    expect(await stored('laos', 'code', '9900004')).toEqual({ name_th: 'อบต.ดี', name_en: '' });
  });

  it('refuses a file that repeats an LAO id or a district code, naming the row, and stores nothing', async () => {
    const id = '0190c4e2-0000-7000-8000-0000000000a7';
    const lao = (code: string) => ({ id, code, type: 'SAO', nameTh: `อบต.${code}`, nameEn: '', provinceCode: P1, districtCode: '9901' });
    const district = { code: '9902', provinceCode: P1, nameTh: 'อำเภอสอง', nameEn: '' };
    const refused = await call('POST', '/v1/admin/reference/import', { provinces: [], districts: [district, { ...district, nameTh: 'อำเภออื่น' }], laos: [lao('9900007'), lao('9900008')] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ issues: { path: string; code: string }[] }>().issues).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'districts.1.code', code: 'registry.duplicateCode' }),
      expect.objectContaining({ path: 'laos.1.id', code: 'registry.duplicateId' }),
    ]));
    expect((await world.db.query(`SELECT 1 FROM laos WHERE code IN ('9900007', '9900008') UNION ALL SELECT 1 FROM districts WHERE code = '9902'`)).rows).toEqual([]);
  });

  it('stores an LAO id sent in upper case as every id is compared, in lower case, so it can be signed off', async () => {
    const upper = '0190C4E2-0000-7000-8000-0000000000E5';
    const row = { code: '9900005', type: 'SAO', nameTh: 'อบต.อี', nameEn: '', provinceCode: P1, districtCode: '9901' };
    expect((await call('POST', '/v1/admin/reference/import', { provinces: [], districts: [], laos: [{ ...row, id: upper }] })).statusCode).toBe(200);
    expect((await call('PUT', `/v1/admin/reference/laos/${upper.replace('E5', 'F6')}`, { ...row, code: '9900006' })).statusCode).toBe(200);
    const ids = (await world.db.query<{ id: string }>(`SELECT id FROM laos WHERE code IN ('9900005', '9900006') ORDER BY code`)).rows.map((r) => r.id);
    expect(ids).toEqual([upper.toLowerCase(), upper.replace('E5', 'F6').toLowerCase()]);
    const signed = await call('POST', '/v1/signoffs', { fiscalYear: 2568, laoIds: [upper], taskIds: ['q2-progress'], month: null, note: '', seen: await seenNow(world.db) });
    expect(signed.statusCode, signed.body).toBe(200);
  });
});
