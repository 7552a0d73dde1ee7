import { describe, expect, it } from 'vitest';
import { ANTI_DRUG_KIND_LABELS, ANTI_DRUG_KINDS } from './antiDrug';
import { check } from './testUtil';

describe('anti-drug activity', () => {
  it('is held inside its fiscal year', () => {
    expect(check('antiDrugActivities', { heldOn: '2024-10-01' })).toEqual([]);
    expect(check('antiDrugActivities', { heldOn: '2025-10-01' })).toEqual(['heldOn:date.outsideFiscalYear']);
  });

  it('counts participants as a non-negative integer and allows the result later', () => {
    expect(check('antiDrugActivities', { participants: -1 })).toEqual(['participants:number.negative']);
    expect(check('antiDrugActivities', { participants: 2.5 })).toEqual(['participants:number.notInteger']);
    expect(check('antiDrugActivities', { result: null })).toEqual([]);
    expect(check('antiDrugActivities', { kind: 'party' })).toEqual(['kind:field.invalidOption']);
    expect(Object.keys(ANTI_DRUG_KIND_LABELS)).toEqual([...ANTI_DRUG_KINDS]);
  });
});
