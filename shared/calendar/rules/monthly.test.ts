import { describe, expect, it } from 'vitest';
import { evaluateTask } from '../completion';
import { defaultTemplate } from '../seedTemplate';
import type { CalendarTask } from '../template';
import { LaoRecordsBuilder } from '../testRecords';

const template = defaultTemplate(2554);
const task = (id: string) => template.tasks.find((t) => t.id === id)!;
const run = (t: CalendarTask, b: LaoRecordsBuilder, asOf: string) => evaluateTask(t, b.records(), { asOf, fiscalYear: 2554 });

describe('grantsCurrent (note 1)', () => {
  it('has nothing to judge without grants', () => {
    expect(run(task('monthly-grants'), new LaoRecordsBuilder(), '2011-03-01')).toEqual({ status: 'not_applicable', done: 0, total: 0, missing: [] });
  });

  it('a grant still being disbursed must have been updated within 45 days; a finished one never goes stale', () => {
    const b = new LaoRecordsBuilder();
    b.grant(2554, 'ประปา', '2010-11-01', { committed: 500_00, disbursed: 500_00 });
    b.grant(2554, 'ถนนลาดยาง', '2011-01-15');
    const stale = b.grant(2554, 'อาคารเรียน', '2011-01-14');
    expect(run(task('monthly-grants'), b, '2011-03-01')).toEqual({
      status: 'in_progress', done: 2, total: 3,
      missing: [{
        code: 'grant.stale', params: { name: 'อาคารเรียน', updatedOnTh: '14 ม.ค. 2554', updatedOnEn: '14 Jan 2554', days: 46 },
        table: 'grants', recordId: stale.id, field: 'updatedOn',
      }],
    });
  });

  it('judges an ended year on its last day, and takes the threshold from the rule', () => {
    const b = new LaoRecordsBuilder();
    b.grant(2554, 'ถนนลาดยาง', '2011-09-01');
    expect(run(task('monthly-grants'), b, '2012-03-01').status).toBe('complete');
    const strict = { ...task('monthly-grants'), rule: { kind: 'grantsCurrent' as const, staleAfterDays: 10 } };
    expect(run(strict, b, '2011-09-30')).toMatchObject({ status: 'not_started', done: 0, total: 1 });
    expect(run(strict, b, '2011-10-01')).toMatchObject({ status: 'overdue', done: 0, total: 1 });
  });
});

describe('fiscalStatsCurrent (note 1)', () => {
  it('needs every month up to the previous one', () => {
    const b = new LaoRecordsBuilder();
    b.stats(2554, 2010, 10);
    b.stats(2554, 2010, 12);
    b.stats(2554, 2011, 2); // the current month is not yet due
    expect(run(task('monthly-fiscal-stats'), b, '2011-02-15')).toEqual({
      status: 'in_progress', done: 2, total: 4,
      missing: [
        { code: 'fiscalStats.monthMissing', params: { monthTh: 'พ.ย. 2553', monthEn: 'Nov 2553', year: 2010, month: 11 }, table: 'fiscalStats' },
        { code: 'fiscalStats.monthMissing', params: { monthTh: 'ม.ค. 2554', monthEn: 'Jan 2554', year: 2011, month: 1 }, table: 'fiscalStats' },
      ],
    });
  });

  it('has nothing due in October, and a lag of two months waits longer', () => {
    expect(run(task('monthly-fiscal-stats'), new LaoRecordsBuilder(), '2010-10-20').status).toBe('not_applicable');
    const lagged = { ...task('monthly-fiscal-stats'), rule: { kind: 'fiscalStatsCurrent' as const, lagMonths: 2 } };
    expect(run(lagged, new LaoRecordsBuilder(), '2010-11-20').status).toBe('not_applicable');
    expect(run(lagged, new LaoRecordsBuilder(), '2010-12-01')).toMatchObject({ status: 'not_started', done: 0, total: 1 });
  });

  it('counts only statistics of the year', () => {
    const b = new LaoRecordsBuilder();
    b.stats(2553, 2010, 9);
    expect(run(task('monthly-fiscal-stats'), b, '2010-11-02')).toMatchObject({ done: 0, total: 1 });
  });
});

describe('antiDrugCurrent (note 1)', () => {
  it('asks for nothing during the first quarter when no activity is due', () => {
    expect(run(task('monthly-anti-drug'), new LaoRecordsBuilder(), '2010-12-31').status).toBe('not_applicable');
  });

  it('needs an activity once Q1 is over, and results of activities held over 7 days ago', () => {
    const b = new LaoRecordsBuilder();
    expect(run(task('monthly-anti-drug'), b, '2011-01-01')).toEqual({
      status: 'not_started', done: 0, total: 1,
      missing: [{ code: 'antiDrug.noActivity', params: { fy: 2554 }, table: 'antiDrugActivities' }],
    });
    b.antiDrug(2554, '2011-02-01');
    const pending = b.antiDrug(2554, '2011-02-20', null);
    b.antiDrug(2554, '2011-02-25', null); // 5 days ago: the result may still come
    expect(run(task('monthly-anti-drug'), b, '2011-03-02')).toEqual({
      status: 'in_progress', done: 2, total: 3,
      missing: [{
        code: 'antiDrug.resultMissing', params: { name: 'รณรงค์ 2011-02-20', heldOnTh: '20 ก.พ. 2554', heldOnEn: '20 Feb 2554' },
        table: 'antiDrugActivities', recordId: pending.id, field: 'result',
      }],
    });
  });
});
