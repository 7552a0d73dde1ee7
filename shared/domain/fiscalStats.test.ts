import { describe, expect, it } from 'vitest';
import { fixtureRecord } from './fixtures';
import { EXPENDITURE_CATEGORIES, EXPENDITURE_CATEGORY_LABELS, REVENUE_CATEGORIES, REVENUE_CATEGORY_LABELS } from './fiscalStats';
import { check } from './testUtil';

describe('fiscal statistics', () => {
  it('is for a month of its fiscal year', () => {
    expect(check('fiscalStats', { year: 2025, month: 9 })).toEqual([]);
    expect(check('fiscalStats', { year: 2025, month: 10 })).toEqual(['month:fiscalStats.monthOutsideFiscalYear']);
    expect(check('fiscalStats', { year: 2024, month: 9 })).toEqual(['month:fiscalStats.monthOutsideFiscalYear']);
    expect(check('fiscalStats', { month: 13 })).toEqual(['month:month.invalid']);
  });

  it('has every category as satang', () => {
    const revenue = { ...(fixtureRecord('fiscalStats').revenue as object), sharedTaxes: -5 };
    expect(check('fiscalStats', { revenue })).toEqual(['revenue.sharedTaxes:amount.negative']);
    const expenditure = { ...(fixtureRecord('fiscalStats').expenditure as object), personnel: undefined };
    expect(check('fiscalStats', { expenditure })).toEqual(['expenditure.personnel:field.required']);
  });

  it('labels every category', () => {
    expect(Object.keys(REVENUE_CATEGORY_LABELS)).toEqual([...REVENUE_CATEGORIES]);
    expect(Object.keys(EXPENDITURE_CATEGORY_LABELS)).toEqual([...EXPENDITURE_CATEGORIES]);
  });
});
