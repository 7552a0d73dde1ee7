import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prefillOf } from '../records/links';
import { fixLink } from './TaskLaoList';

describe('fixLink', () => {
  it('opens the record that is missing something in its form', () => {
    expect(fixLink('lao-1', { code: 'ordinanceItem.notClosed', table: 'ordinances', recordId: 'rec-9' }, 2570)).toBe('/laos/lao-1?section=ordinances&record=rec-9&c=ordinance&fy=2570');
  });

  it("opens the section's new-record form when the record itself is missing, in the item's fiscal year", () => {
    expect(fixLink('lao-1', { code: 'plan.missing', table: 'plans', params: { fy: 2569 } }, 2570)).toBe('/laos/lao-1?section=plans&record=new&c=plan&fy=2569');
  });

  it('fills in the month of missing statistics and the quarter not reported on the new record\'s form', () => {
    expect(fixLink('lao-1', { code: 'fiscalStats.monthMissing', table: 'fiscalStats', params: { monthTh: 'พ.ย. 2569', monthEn: 'Nov 2569', year: 2026, month: 11 } }, 2570))
      .toBe('/laos/lao-1?section=fiscalStats&record=new&v.year=2026&v.month=11&c=fiscalStats&fy=2570');
    expect(fixLink('lao-1', { code: 'quarter.notReported', table: 'quarterReports', params: { quarter: 2, fy: 2570 } }))
      .toBe('/laos/lao-1?section=quarterReports&record=new&v.quarter=2&c=disbursement&fy=2570');
    // A record that exists is opened as it is: nothing filled in over it.
    expect(fixLink('lao-1', { code: 'quarter.notReported', table: 'quarterReports', recordId: 'rec-1', params: { quarter: 2, fy: 2570 } })).not.toContain('v.');
  });

  it('reads back only whole numbers from the fields a link fills in', () => {
    expect(prefillOf(new URLSearchParams('v.year=2026&v.month=11&v.quarter=two&v.x=1e9&section=plans&v.big=12345678'))).toEqual({ year: 2026, month: 11 });
  });

  it('reads any query string without throwing, keeping only whole numbers under v.', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.oneof(fc.string(), fc.constantFrom('v.month', 'v.year', 'v.quarter', 'v.')), fc.oneof(fc.string(), fc.integer().map(String))), { maxLength: 8 }), (pairs) => {
      const fields = prefillOf(new URLSearchParams(pairs));
      for (const [name, value] of Object.entries(fields)) {
        expect(pairs.some(([key]) => key === `v.${name}`)).toBe(true);
        expect(Number.isSafeInteger(value) && Math.abs(value) < 1_000_000).toBe(true);
      }
    }));
  });

  it('opens the workspace alone when the item names no table', () => {
    expect(fixLink('lao-1', { code: 'grant.stale' }, undefined)).toBe('/laos/lao-1');
  });
});
