import { describe, expect, it } from 'vitest';
import { FIXTURE_IDS } from './fixtures';
import { planEndYear } from './plan';
import { check } from './testUtil';

const withPlan = { related: { plan: (id: string) => (id === FIXTURE_IDS.plan ? { startYear: 2566, years: 5 } : undefined) } };

describe('development plan', () => {
  it('allows period lengths 1..10 as data', () => {
    expect(check('plans', { years: 3 })).toEqual([]);
    expect(check('plans', { years: 0 })).toEqual(['years:field.tooSmall']);
    expect(check('plans', { years: 11 })).toEqual(['years:field.tooBig']);
    expect(planEndYear({ startYear: 2566, years: 5 })).toBe(2570);
  });

  it('needs dates matching its status', () => {
    expect(check('plans', { status: 'draft', submittedOn: null, approvedOn: null })).toEqual([]);
    expect(check('plans', { status: 'submitted', submittedOn: null, approvedOn: null })).toEqual([
      'submittedOn:plan.submittedOnRequired',
    ]);
    expect(check('plans', { approvedOn: undefined })).toEqual(['approvedOn:plan.approvedOnRequired']);
    expect(check('plans', { approvedOn: '2022-05-01' })).toEqual(['approvedOn:plan.approvedBeforeSubmitted']);
    expect(check('plans', { status: 'final' })).toEqual(['status:field.invalidOption']);
  });
});

describe('plan amendment', () => {
  it('is numbered from 1 and belongs to a known plan', () => {
    expect(check('planAmendments', { number: 0 })).toEqual(['number:field.tooSmall']);
    expect(check('planAmendments', { kind: 'deletion' })).toEqual(['kind:field.invalidOption']);
    expect(check('planAmendments', {}, withPlan)).toEqual([]);
    expect(check('planAmendments', { planId: FIXTURE_IDS.item }, withPlan)).toEqual(['planId:plan.unknown']);
  });
});

describe('plan project', () => {
  it('has budgets only for years of the plan period, once each', () => {
    expect(check('planProjects', {}, withPlan)).toEqual([]);
    expect(check('planProjects', { budgets: [{ year: 2571, amount: 1 }] }, withPlan)).toEqual([
      'budgets.0.year:budget.yearOutsidePlan',
    ]);
    expect(check('planProjects', { budgets: [{ year: 2568, amount: 1 }, { year: 2568, amount: 2 }] })).toEqual([
      'budgets.1.year:budget.duplicateYear',
    ]);
    expect(check('planProjects', { budgets: [{ year: 2568, amount: -1 }] })).toEqual(['budgets.0.amount:amount.negative']);
    expect(check('planProjects', { budgets: [{ year: 2568, amount: 10.5 }] })).toEqual([
      'budgets.0.amount:amount.notInteger',
    ]);
  });

  it('requires the descriptive fields', () => {
    expect(check('planProjects', { kpi: '', name: undefined })).toEqual(['name:field.required', 'kpi:field.required']);
  });
});
