import { describe, expect, it } from 'vitest';
import { antiDrugDef, fiscalStatsDef, ordinanceDef, ordinanceItemDef, planProjectDef, visionDef } from './categories';
import { fieldOfIssue, fromFormValues, mergeIssues, toFormValues, yearOfBudgetIssue } from './convert';

const ctx = { fiscalYear: 2570, today: '2026-11-25' };

describe('form values from records', () => {
  it('shows stored values as the officer types them: B.E. dates, grouped baht, plain numbers', () => {
    const values = toFormValues(antiDrugDef, { name: 'อบรม', heldOn: '2026-11-15', kind: 'training', budget: 1_250_050, participants: 80, result: null, enteredOnBehalf: false }, ctx, true);
    expect(values).toMatchObject({ name: 'อบรม', heldOn: '15/11/2569', kind: 'training', budget: '12,500.50', participants: '80', result: '', enteredOnBehalf: false });
  });

  it('starts a new record with initial values and the on-behalf default', () => {
    const values = toFormValues(antiDrugDef, undefined, ctx, true);
    expect(values).toMatchObject({ name: '', kind: 'campaign', enteredOnBehalf: true });
  });

  it('round-trips nested money, year budgets, strategies and lines', () => {
    const stats = { year: 2026, month: 10, revenue: { localTaxes: 100 }, expenditure: { personnel: 250 } };
    const values = toFormValues(fiscalStatsDef, stats, ctx, true);
    expect(values['month']).toBe('2026-10');
    expect(values['revenue.localTaxes']).toBe('1.00');
    const back = fromFormValues(fiscalStatsDef, values).input as Record<string, Record<string, number>>;
    expect(back.year).toBe(2026);
    expect(back.revenue!.localTaxes).toBe(100);
    expect(back.revenue!.propertyIncome).toBe(0); // blank category means zero
    expect(back.expenditure!.personnel).toBe(250);

    const vision = { startYear: 2566, endYear: 2570, vision: 'v', missions: ['a', 'b'], strategies: [{ code: '1', name: 'S', approaches: ['x', 'y'] }] };
    const visionBack = fromFormValues(visionDef, toFormValues(visionDef, vision, ctx, true)).input;
    expect(visionBack).toMatchObject(vision);

    const project = { budgets: [{ year: 2567, amount: 5_000_000 }, { year: 2566, amount: 100 }] };
    const projectValues = toFormValues(planProjectDef, project, ctx, true);
    expect(projectValues['budgets']).toEqual({ '2567': '50,000.00', '2566': '1.00' });
    expect(fromFormValues(planProjectDef, projectValues).input['budgets']).toEqual([{ year: 2566, amount: 100 }, { year: 2567, amount: 5_000_000 }]);
  });
});

describe('records from form values', () => {
  it('reports text it cannot read on the field and leaves the value out', () => {
    const { input, issues } = fromFormValues(antiDrugDef, { name: 'x', heldOn: '31/02/2570', kind: 'campaign', budget: '-5', participants: 'ten', result: '', enteredOnBehalf: true });
    expect(issues.map((i) => [i.path, i.code])).toEqual([['heldOn', 'date.invalid'], ['budget', 'money.negative'], ['participants', 'number.notInteger']]);
    expect(input).not.toHaveProperty('heldOn');
    expect(input['result']).toBeNull();
  });

  it('stores null for a hidden optional field (cancel reason of an item that is not cancelled)', () => {
    const { input } = fromFormValues(ordinanceItemDef, { ordinanceId: 'o', planProjectId: '', name: 'n', allocated: '1,000', outcome: 'completed', cancelReason: 'old reason', enteredOnBehalf: false });
    expect(input).toMatchObject({ planProjectId: null, cancelReason: null, allocated: 100_000, enteredOnBehalf: false });
  });

  it('maps schema issue paths to fields, nested ones and aliases included', () => {
    expect(fieldOfIssue(planProjectDef, 'budgets.1.year')?.name).toBe('budgets');
    expect(fieldOfIssue(fiscalStatsDef, 'year')?.name).toBe('month');
    expect(fieldOfIssue(fiscalStatsDef, 'revenue.localTaxes')?.name).toBe('revenue.localTaxes');
    expect(fieldOfIssue(antiDrugDef, 'laoId')).toBeUndefined();
  });

  it('keeps the reading issue over the schema issue of the same field', () => {
    const merged = mergeIssues([{ path: 'heldOn', code: 'date.invalid' }], [{ path: 'heldOn', code: 'field.required' }, { path: 'name', code: 'field.required' }]);
    expect(merged).toEqual([{ path: 'heldOn', code: 'date.invalid' }, { path: 'name', code: 'field.required' }]);
  });

  it('puts a yearly-budget issue under the year it concerns, not the first box of the period', () => {
    const budgets = planProjectDef.fields.find((f) => f.name === 'budgets')!;
    const values = { budgets: { '2566': '', '2567': '', '2568': '', '2569': '1,000', '2570': '2,000' } };
    expect(yearOfBudgetIssue(budgets, { path: 'budgets.0.year', code: 'budget.yearOutsidePlan' }, values)).toBe('2569');
    expect(yearOfBudgetIssue(budgets, { path: 'budgets.1.amount', code: 'amount.tooLarge' }, values)).toBe('2570');
    expect(yearOfBudgetIssue(budgets, { path: 'budgets', code: 'money.format', params: { year: '2568' } }, values)).toBe('2568');
    expect(yearOfBudgetIssue(budgets, { path: 'budgets', code: 'field.required' }, values)).toBeUndefined();
  });

  it('shows and reads an ordinance\'s fiscal year, starting at the year in view', () => {
    const values = toFormValues(ordinanceDef, undefined, ctx, false);
    expect(values.fiscalYear).toBe('2570');
    expect(fromFormValues(ordinanceDef, { ...values, fiscalYear: '2569' }).input.fiscalYear).toBe(2569);
  });
});
