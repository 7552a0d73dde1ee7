import { describe, expect, it } from 'vitest';
import { LAO_TYPE_CODES, LAO_TYPES } from './reference';
import { validateReference } from './index';
import { issuesOf } from './testUtil';

const lao = {
  id: '0190c4e2-0000-7000-8000-000000000001',
  code: '9901001',
  type: 'SAO',
  nameTh: 'องค์การบริหารส่วนตำบลหนองบัว',
  nameEn: 'Nong Bua SAO',
  provinceCode: '99',
  districtCode: '9901',
};
const user = {
  id: '0190c4e2-0000-7000-8000-000000000002',
  username: 'officer1',
  displayName: 'เจ้าหน้าที่ หนึ่ง',
  role: 'officer',
  provinceCodes: ['99'],
  contractSignedOn: '2024-10-01',
  hiringDocsSentOn: '2024-10-10',
};

describe('LAO types', () => {
  it('names all seven types with Thai abbreviations', () => {
    expect(LAO_TYPE_CODES).toHaveLength(7);
    expect(LAO_TYPES.PAO.abbrTh).toBe('อบจ.');
    expect(LAO_TYPES.CITY_MUNICIPALITY.abbrTh).toBe('ทน.');
    expect(LAO_TYPES.TOWN_MUNICIPALITY.abbrTh).toBe('ทม.');
    expect(LAO_TYPES.SUBDISTRICT_MUNICIPALITY.abbrTh).toBe('ทต.');
    expect(LAO_TYPES.SAO.abbrTh).toBe('อบต.');
  });
});

describe('reference schemas', () => {
  it('accepts valid rows', () => {
    expect(issuesOf(validateReference('laos', lao))).toEqual([]);
    expect(issuesOf(validateReference('users', user))).toEqual([]);
    expect(issuesOf(validateReference('districts', { code: '9901', provinceCode: '99', nameTh: 'เมือง', nameEn: 'Mueang' }))).toEqual([]);
  });

  it('checks codes and their province prefix', () => {
    expect(issuesOf(validateReference('laos', { ...lao, code: '99010' }))).toEqual(['code:code.lao']);
    expect(issuesOf(validateReference('laos', { ...lao, type: 'VILLAGE' }))).toEqual(['type:field.invalidOption']);
    expect(issuesOf(validateReference('laos', { ...lao, districtCode: '1001' }))).toEqual(['districtCode:code.provinceMismatch']);
    expect(issuesOf(validateReference('districts', { code: '99011', provinceCode: '99', nameTh: 'a', nameEn: 'a' }))).toEqual([
      'code:code.district',
    ]);
    expect(issuesOf(validateReference('districts', { code: '1001', provinceCode: '99', nameTh: 'a', nameEn: 'a' }))).toEqual([
      'code:code.provinceMismatch',
    ]);
  });

  it('checks users', () => {
    expect(issuesOf(validateReference('users', { ...user, username: 'A B' }))).toEqual(['username:username.format']);
    expect(issuesOf(validateReference('users', { ...user, role: 'root' }))).toEqual(['role:field.invalidOption']);
    expect(issuesOf(validateReference('users', { ...user, hiringDocsSentOn: '2024-09-01' }))).toEqual([
      'hiringDocsSentOn:user.docsBeforeContract',
    ]);
    expect(issuesOf(validateReference('users', { ...user, contractSignedOn: '2024-02-30' }))).toEqual([
      'contractSignedOn:date.invalid',
    ]);
  });
});
