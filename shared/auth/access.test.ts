import { describe, expect, it } from 'vitest';
import { canAdminister, canResolveConflict, canSupervise, canWriteLao, canWriteLaoHere } from './access';

const lao = { id: 'lao-1', provinceCode: '10' };
const other = { id: 'lao-2', provinceCode: '10' };
const elsewhere = { id: 'lao-3', provinceCode: '20' };
const officer = { role: 'officer' as const, provinceCodes: ['10'], laoIds: ['lao-1'] };
const wholeProvinceOfficer = { ...officer, laoIds: null };
const supervisor = { role: 'supervisor' as const, provinceCodes: ['10'], laoIds: null };
const admin = { role: 'admin' as const, provinceCodes: [], laoIds: null };

describe('who may do what', () => {
  it('officers write their own LAOs only; supervisors write none; administrators all', () => {
    expect(canWriteLao(officer, lao)).toBe(true);
    expect(canWriteLao(officer, other)).toBe(false);
    expect(canWriteLao(wholeProvinceOfficer, other)).toBe(true);
    expect(canWriteLao(wholeProvinceOfficer, elsewhere)).toBe(false);
    expect(canWriteLao(supervisor, lao)).toBe(false);
    expect(canWriteLao(admin, elsewhere)).toBe(true);
  });

  it('a laptop nobody signed in on writes its own data; a signed-in user follows the server rule', () => {
    expect(canWriteLaoHere(null, elsewhere)).toBe(true);
    expect(canWriteLaoHere(supervisor, lao)).toBe(false);
    expect(canWriteLaoHere(officer, lao)).toBe(true);
  });

  it('supervisors resolve conflicts of their province but write no records', () => {
    expect(canResolveConflict(supervisor, lao)).toBe(true);
    expect(canResolveConflict(supervisor, elsewhere)).toBe(false);
    expect(canResolveConflict(officer, other)).toBe(false);
  });

  it('administration is for administrators; supervision for supervisors and administrators', () => {
    expect([officer, supervisor, admin].map(canAdminister)).toEqual([false, false, true]);
    expect([officer, supervisor, admin].map(canSupervise)).toEqual([false, true, true]);
  });
});
