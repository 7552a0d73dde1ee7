import { describe, expect, it } from 'vitest';
import { check } from './testUtil';

describe('grant', () => {
  it('commits no more than allocated and disburses no more than committed', () => {
    expect(check('grants', { committed: 200_000_001 })).toEqual(['committed:grant.committedAboveAllocated']);
    expect(check('grants', { disbursed: 190_000_001 })).toEqual(['disbursed:grant.disbursedAboveCommitted']);
    expect(check('grants', { allocated: 0, committed: 0, disbursed: 0 })).toEqual([]);
  });

  it('is updated from the start of its fiscal year to the end of the next', () => {
    expect(check('grants', { updatedOn: '2024-10-01' })).toEqual([]);
    expect(check('grants', { updatedOn: '2026-09-30' })).toEqual([]);
    expect(check('grants', { updatedOn: '2024-09-30' })).toEqual(['updatedOn:date.outsideCarryOverWindow']);
    expect(check('grants', { updatedOn: '2026-10-01' })).toEqual(['updatedOn:date.outsideCarryOverWindow']);
  });
});
