import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignedLaoIds } from './assignments';

const laos = [
  { id: 'a', provinceCode: '99' },
  { id: 'b', provinceCode: '99' },
  { id: 'c', provinceCode: '98' },
];

describe('assignedLaoIds', () => {
  it('counts the listed LAOs this device holds, or every LAO of the user’s provinces when there is no list', () => {
    expect(assignedLaoIds({ provinceCodes: ['99'], laoIds: ['b', 'elsewhere'] }, laos)).toEqual(['b']);
    expect(assignedLaoIds({ provinceCodes: ['99'], laoIds: null }, laos)).toEqual(['a', 'b']);
    expect(assignedLaoIds({ provinceCodes: ['99'] }, laos)).toEqual(['a', 'b']);
    expect(assignedLaoIds({ provinceCodes: ['97'], laoIds: null }, laos)).toEqual([]);
    expect(assignedLaoIds({ provinceCodes: ['99'], laoIds: [] }, laos)).toEqual([]);
  });

  it('never counts an LAO outside the list or the provinces, nor one twice', () => {
    const id = fc.constantFrom<string>('a', 'b', 'c', 'x');
    fc.assert(
      fc.property(fc.option(fc.array(id), { nil: null }), fc.subarray(['99', '98', '97']), (laoIds, provinceCodes) => {
        const got = assignedLaoIds({ provinceCodes, laoIds }, laos);
        expect(new Set(got).size).toBe(got.length);
        for (const laoId of got) {
          const lao = laos.find((l) => l.id === laoId)!;
          expect(laoIds ? laoIds.includes(laoId) : provinceCodes.includes(lao.provinceCode)).toBe(true);
        }
      }),
    );
  });
});
