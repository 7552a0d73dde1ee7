import { describe, expect, it } from 'vitest';
import { evaluateTask } from '../completion';
import { defaultTemplate } from '../seedTemplate';
import { LaoRecordsBuilder } from '../testRecords';

const template = defaultTemplate(2554);
const planTask = template.tasks.find((t) => t.id === 'plan-submitted')!;
const run = (b: LaoRecordsBuilder, asOf: string, fiscalYear = 2554) => evaluateTask(planTask, b.records(), { asOf, fiscalYear });

describe('planSubmitted (seed row 2)', () => {
  it('asks for vision and plan when neither exists', () => {
    expect(run(new LaoRecordsBuilder(), '2010-11-01')).toEqual({
      status: 'not_started', done: 0, total: 4,
      missing: [
        { code: 'vision.missing', params: { fy: 2554 }, table: 'visions' },
        { code: 'plan.missing', params: { fy: 2554 }, table: 'plans' },
      ],
    });
  });

  it('a plan submitted on the last day of the task period is complete on that day', () => {
    const b = new LaoRecordsBuilder();
    b.vision(2554, 2556);
    const plan = b.plan(2554, 3, { submittedOn: '2011-02-28' });
    b.project(plan.id, 2554);
    expect(run(b, '2011-02-28')).toEqual({ status: 'complete', done: 4, total: 4, missing: [] });
    expect(run(b, '2011-03-01').status).toBe('complete');
  });

  it('a draft plan is in progress on the last day and overdue the day after', () => {
    const b = new LaoRecordsBuilder();
    b.vision(2554, 2556);
    const plan = b.plan(2554, 3, { status: 'draft', submittedOn: null });
    b.project(plan.id, 2554);
    const missing = [{ code: 'plan.notSubmitted', params: { start: 2554, end: 2556 }, table: 'plans', recordId: plan.id, field: 'status' }];
    expect(run(b, '2011-02-28')).toEqual({ status: 'in_progress', done: 3, total: 4, missing });
    expect(run(b, '2011-03-01')).toEqual({ status: 'overdue', done: 3, total: 4, missing });
  });

  it('a plan covers the last year of its period but not the year after', () => {
    const b = new LaoRecordsBuilder();
    b.vision(2552, 2554);
    const plan = b.plan(2552, 3, { submittedOn: '2008-06-01' });
    b.project(plan.id, 2554);
    expect(run(b, '2011-01-10').status).toBe('complete');
    expect(run(b, '2012-01-10', 2555).missing.map((m) => m.code)).toEqual(['vision.missing', 'plan.missing']);
  });

  it('names vision gaps: missions, strategies, approaches; and a plan without projects', () => {
    const b = new LaoRecordsBuilder();
    const vision = b.vision(2554, 2556, {
      missions: [],
      strategies: [
        { code: 'S1', name: 'โครงสร้างพื้นฐาน', approaches: ['ถนน'] },
        { code: 'S2', name: 'เศรษฐกิจ', approaches: [] },
      ],
    });
    const plan = b.plan(2554, 3);
    const where = { table: 'visions', recordId: vision.id };
    expect(run(b, '2011-01-10')).toEqual({
      status: 'in_progress', done: 1, total: 4,
      missing: [
        { code: 'vision.noMissions', params: { start: 2554, end: 2556 }, ...where, field: 'missions' },
        { code: 'vision.strategyWithoutApproaches', params: { code: 'S2', strategy: 'เศรษฐกิจ' }, ...where, field: 'strategies' },
        { code: 'plan.noProjects', params: { start: 2554, end: 2556 }, table: 'plans', recordId: plan.id },
      ],
    });
    vision.strategies = [];
    expect(run(b, '2011-01-10').missing[1]).toEqual({ code: 'vision.noStrategies', params: { start: 2554, end: 2556 }, ...where, field: 'strategies' });
  });

  it('judges the best of several records, so a stray draft does not hide the submitted plan', () => {
    const b = new LaoRecordsBuilder();
    b.vision(2554, 2556);
    b.vision(2554, 2556, { missions: [], strategies: [] });
    const submitted = b.plan(2554, 3);
    b.project(submitted.id, 2554);
    b.plan(2554, 3, { status: 'draft', submittedOn: null });
    expect(run(b, '2011-01-10')).toMatchObject({ status: 'complete', done: 4, total: 4 });
  });

  it('takes a 5-year plan for years since 2561', () => {
    const b = new LaoRecordsBuilder();
    b.vision(2566, 2570);
    const plan = b.plan(2566, 5, { submittedOn: '2022-06-01' });
    b.project(plan.id, 2568);
    const task = defaultTemplate(2568).tasks.find((t) => t.id === 'plan-submitted')!;
    expect(evaluateTask(task, b.records(), { asOf: '2024-12-01', fiscalYear: 2568 })).toMatchObject({ status: 'complete', done: 4, total: 4 });
  });
});
