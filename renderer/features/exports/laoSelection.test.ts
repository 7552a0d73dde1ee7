import { describe, expect, it } from 'vitest';
import { keepInDistrict, pickableLaos, selectedLaos } from './laoSelection';

const laos = [
  { id: 'a1', districtCode: 'A' }, { id: 'a2', districtCode: 'A' },
  { id: 'b1', districtCode: 'B' }, { id: 'b2', districtCode: 'B' }, { id: 'b3', districtCode: 'B' },
];
const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

describe('the LAOs an export covers', () => {
  it('is the whole province with nothing chosen', () => {
    expect(ids(selectedLaos(laos, { district: '', laoIds: [] }))).toEqual(['a1', 'a2', 'b1', 'b2', 'b3']);
  });

  it('is every LAO of the district when only a district is chosen', () => {
    expect(ids(selectedLaos(laos, { district: 'B', laoIds: [] }))).toEqual(['b1', 'b2', 'b3']);
  });

  it('is exactly the chosen LAOs, across districts when no district is set', () => {
    expect(ids(selectedLaos(laos, { district: '', laoIds: ['b3', 'a1'] }))).toEqual(['a1', 'b3']);
  });

  it('never exports a chosen LAO of another district', () => {
    expect(ids(selectedLaos(laos, { district: 'B', laoIds: ['a1', 'b2'] }))).toEqual(['b2']);
    expect(ids(selectedLaos(laos, { district: 'A', laoIds: ['b1'] }))).toEqual([]);
  });

  it('offers the district LAOs in the picker and drops choices outside a new district', () => {
    expect(ids(pickableLaos(laos, 'A'))).toEqual(['a1', 'a2']);
    expect(pickableLaos(laos, '')).toHaveLength(5);
    expect(keepInDistrict(laos, ['a1', 'b1', 'b2'], 'B')).toEqual(['b1', 'b2']);
    expect(keepInDistrict(laos, ['a1', 'b1'], '')).toEqual(['a1', 'b1']);
  });
});
