/** The checklist's "last visit" per LAO, read again after every write of visits (a download's pages too). */
import { describe, expect, it } from 'vitest';
import type { FieldVisit } from '../../shared/domain/visit';
import { lastVisitsOf } from './province';

const visit = (id: string, laoId: string, visitedOn: string, version = 1) =>
  ({ id, laoId, visitedOn, version, updatedAt: `${visitedOn}T00:00:00.000Z` }) as unknown as FieldVisit;

describe('lastVisitsOf', () => {
  it('takes the first visit of each LAO from visits newest first', () => {
    const last = lastVisitsOf([visit('b', 'lao-1', '2027-02-01'), visit('c', 'lao-2', '2027-01-15'), visit('a', 'lao-1', '2027-01-01')]);
    expect([...last].map(([laoId, v]) => [laoId, v.id])).toEqual([['lao-1', 'b'], ['lao-2', 'c']]);
  });

  it('keeps the object of a visit read again unchanged, and takes a newer visit or version', () => {
    const before = lastVisitsOf([visit('a', 'lao-1', '2027-01-01'), visit('c', 'lao-2', '2027-01-15'), visit('d', 'lao-3', '2027-01-20')]);
    const after = lastVisitsOf([visit('e', 'lao-2', '2027-03-01'), visit('d', 'lao-3', '2027-01-20', 2), visit('a', 'lao-1', '2027-01-01')], before);
    expect(after.get('lao-1')).toBe(before.get('lao-1'));
    expect(after.get('lao-2')!.id).toBe('e');
    expect(after.get('lao-3')).not.toBe(before.get('lao-3'));
    expect(after.get('lao-3')!.version).toBe(2);
  });
});
