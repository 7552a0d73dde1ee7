import { describe, expect, it } from 'vitest';
import { RECORD_TABLES, validateRecord } from '../domain/index';
import { evaluateLao, evaluateTask, summarize, taskStatus, type TaskResult } from './completion';
import { defaultTemplate } from './seedTemplate';
import type { CalendarTask } from './template';
import { completeLao, LaoRecordsBuilder } from './testRecords';

const template = defaultTemplate(2554);
const task = (id: string) => template.tasks.find((t) => t.id === id)!;
const ctx = (asOf: string) => ({ asOf, fiscalYear: 2554 });

describe('the fixtures', () => {
  it('are valid records', () => {
    const { b } = completeLao();
    for (const table of RECORD_TABLES) {
      for (const record of b.rows[table]) expect(validateRecord(table, record), `${table} ${record.id}`).toMatchObject({ ok: true });
    }
  });
});

describe('a complete LAO', () => {
  it('is complete on every FY 2554 task after the year, with exact counts', () => {
    const results = evaluateLao(template, completeLao().b.records(), ctx('2011-10-15'));
    const counts = Object.fromEntries(Object.entries(results).map(([id, r]) => [id, `${r.status} ${r.done}/${r.total}`]));
    expect(counts).toEqual({
      'prev-year-disbursement': 'complete 4/4', // ordinance + 3 items
      'plan-submitted': 'complete 4/4', // vision, strategies, plan with projects, submitted
      'ordinance-passed': 'complete 2/2', // recorded, items add up
      'q2-progress': 'complete 6/6', // ordinance + 4 items + Q2 reported
      'q2-verified': 'complete 8/8', // ordinance, totals, 4 items, Q1 and Q2 reported
      'q3-progress': 'complete 6/6',
      'year-disbursement': 'complete 5/5', // ordinance + 4 items
      'monthly-grants': 'complete 2/2',
      'monthly-fiscal-stats': 'complete 12/12',
      'monthly-anti-drug': 'complete 3/3', // an activity this year + 2 results
    });
    for (const r of Object.values(results)) expect(r.missing).toEqual([]);
  });

  it('gives evaluateTask the same result as evaluateLao', () => {
    const records = completeLao().b.records();
    const all = evaluateLao(template, records, ctx('2011-04-15'));
    for (const t of template.tasks) expect(evaluateTask(t, records, ctx('2011-04-15'))).toEqual(all[t.id]);
  });
});

describe('status semantics', () => {
  const period = { start: '2010-11-01', end: '2011-02-28' };
  it.each([
    [{ done: 0, total: 0 }, '2011-01-01', 'not_applicable'],
    [{ done: 0, total: 0 }, '2010-10-01', 'not_applicable'],
    [{ done: 3, total: 3 }, '2012-01-01', 'complete'],
    [{ done: 3, total: 3 }, '2010-10-31', 'complete'],
    [{ done: 0, total: 3 }, '2010-10-31', 'not_yet_due'],
    [{ done: 2, total: 3 }, '2010-10-31', 'not_yet_due'],
    [{ done: 0, total: 3 }, '2010-11-01', 'not_started'],
    [{ done: 0, total: 3 }, '2011-02-28', 'not_started'],
    [{ done: 1, total: 3 }, '2010-11-01', 'in_progress'],
    [{ done: 1, total: 3 }, '2011-02-28', 'in_progress'],
    [{ done: 0, total: 3 }, '2011-03-01', 'overdue'],
    [{ done: 2, total: 3 }, '2011-03-01', 'overdue'],
  ] as const)('%o as of %s is %s (period 2010-11-01 to 2011-02-28)', (outcome, asOf, status) => {
    expect(taskStatus(outcome, asOf, period)).toBe(status);
  });

  it('judges a task whose months have not begun as not yet due, never overdue or not started', () => {
    const r = evaluateTask(task('year-disbursement'), new LaoRecordsBuilder().records(), ctx('2010-10-01'));
    expect(r).toEqual({
      status: 'not_yet_due', done: 0, total: 1,
      missing: [{ code: 'ordinance.missing', params: { fy: 2554 }, table: 'ordinances' }],
    });
    // In December, the Q2 and Q3 tasks have not begun; the tasks of October to December have.
    const december = evaluateLao(template, new LaoRecordsBuilder().records(), ctx('2010-12-15'));
    const statuses = Object.fromEntries(Object.entries(december).map(([id, result]) => [id, result.status]));
    expect(statuses).toMatchObject({
      'prev-year-disbursement': 'overdue', 'plan-submitted': 'not_started', 'ordinance-passed': 'not_yet_due',
      'q2-progress': 'not_yet_due', 'q2-verified': 'not_yet_due', 'q3-progress': 'not_yet_due', 'year-disbursement': 'not_yet_due',
    });
    // The first day of the first month, in Bangkok, the task is due.
    expect(evaluateTask(task('q3-progress'), new LaoRecordsBuilder().records(), ctx('2011-06-30T16:59:00Z')).status).toBe('not_yet_due');
    expect(evaluateTask(task('q3-progress'), new LaoRecordsBuilder().records(), ctx('2011-06-30T17:00:00Z')).status).toBe('not_started');
  });

  it('counts work done before a task’s months as complete', () => {
    const r = evaluateTask(task('q3-progress'), completeLao().b.records(), ctx('2011-06-15'));
    expect(r).toMatchObject({ status: 'complete', done: 6, total: 6 });
  });

  it('takes asOf as a Bangkok day: 23:30 on 30 September is still the last day of the year', () => {
    const { b, salary } = completeLao();
    // The salary's only Q4 payment is on 30 September.
    for (const d of b.rows.disbursements.filter((d) => d.ordinanceItemId === salary.id)) {
      if (d.paidOn === '2011-09-25') d.paidOn = '2011-09-30';
      else if (d.paidOn >= '2011-07-01') d.deleted = true;
    }
    salary.outcome = 'open';
    const records = b.records();
    const at = (asOf: string) => evaluateTask(task('year-disbursement'), records, ctx(asOf)).status;
    expect(at('2011-09-30T23:30:00+07:00')).toBe('in_progress');
    expect(at('2011-09-30T16:30:00Z')).toBe('in_progress');
    expect(at('2011-09-30T17:30:00Z')).toBe('overdue'); // 00:30 on 1 October in Bangkok
    expect(at('2011-10-01')).toBe('overdue');
    // A payment on 30 September is in Q4 of FY 2554, not the next year.
    const q4: CalendarTask = { ...task('q3-progress'), id: 'q4-progress', months: [{ year: 2011, month: 9 }], rule: { kind: 'quarterProgress', quarter: 4 } };
    expect(evaluateTask(q4, records, ctx('2011-09-30T23:30:00+07:00'))).toMatchObject({ status: 'complete', done: 6, total: 6 });
    // Statistics of September are due once September is over, in Bangkok.
    const stats = new LaoRecordsBuilder();
    stats.stats(2554, 2011, 8);
    expect(evaluateTask(task('monthly-fiscal-stats'), stats.records(), ctx('2011-09-30T23:30:00+07:00'))).toMatchObject({ done: 1, total: 11 });
    expect(evaluateTask(task('monthly-fiscal-stats'), stats.records(), ctx('2011-10-01T00:30:00+07:00'))).toMatchObject({ done: 1, total: 12 });
  });

  it('is not applicable before the LAO’s first fiscal year', () => {
    const records = new LaoRecordsBuilder().records();
    const results = evaluateLao(template, records, { ...ctx('2011-10-15'), firstFiscalYear: 2554 });
    expect(results['prev-year-disbursement']).toEqual({ status: 'not_applicable', done: 0, total: 0, missing: [] });
    expect(results['year-disbursement']!.status).toBe('overdue');
  });

  it('judges the template’s fiscal year in evaluateLao', () => {
    const results = evaluateLao(template, completeLao().b.records(), { asOf: '2011-10-15', fiscalYear: 2599 });
    expect(results['year-disbursement']!.status).toBe('complete');
  });
});

describe('deleted records are ignored', () => {
  it('a deleted ordinance takes its items with it', () => {
    const { b, o54 } = completeLao();
    o54.deleted = true;
    const r = evaluateTask(task('ordinance-passed'), b.records(), ctx('2011-04-15'));
    expect(r).toEqual({
      status: 'not_started', done: 0, total: 2,
      missing: [{ code: 'ordinance.missing', params: { fy: 2554 }, table: 'ordinances' }],
    });
    expect(evaluateTask(task('year-disbursement'), b.records(), ctx('2011-10-15'))).toMatchObject({ done: 0, total: 1 });
  });

  it('a deleted disbursement, quarter report, plan or activity result no longer counts', () => {
    const { b, road, reports, plan } = completeLao();
    b.rows.disbursements.filter((d) => d.ordinanceItemId === road.id).forEach((d) => (d.deleted = true));
    reports[1]!.deleted = true;
    plan.deleted = true;
    const results = evaluateLao(template, b.records(), ctx('2011-10-15'));
    expect(results['year-disbursement']!.missing).toEqual([
      { code: 'ordinanceItem.noDisbursement', params: { item: 'ถนนคอนกรีต หมู่ 1' }, table: 'ordinanceItems', recordId: road.id },
    ]);
    expect(results['q2-progress']!.missing.map((m) => m.code)).toEqual(['ordinanceItem.noDisbursement', 'quarter.notReported']);
    expect(results['plan-submitted']).toMatchObject({ status: 'overdue', done: 2, total: 4 });
  });
});

describe('summarize', () => {
  it('counts results by status; not applicable and not yet due are not due', () => {
    const r = (status: TaskResult['status']): TaskResult => ({ status, done: 0, total: 1, missing: [] });
    expect(summarize([r('complete'), r('complete'), r('overdue'), r('in_progress'), r('not_started'), r('not_applicable'), r('not_yet_due')])).toEqual({
      complete: 2, in_progress: 1, not_started: 1, overdue: 1, not_applicable: 1, not_yet_due: 1, total: 7, due: 5,
    });
    expect(summarize([])).toEqual({ complete: 0, in_progress: 0, not_started: 0, overdue: 0, not_applicable: 0, not_yet_due: 0, total: 0, due: 0 });
  });
});
