import { describe, expect, it } from 'vitest';
import { evaluateTask } from '../completion';
import { defaultTemplate } from '../seedTemplate';
import { completeLao, LaoRecordsBuilder } from '../testRecords';

const template = defaultTemplate(2554);
const run = (id: string, records: ReturnType<LaoRecordsBuilder['records']>, asOf: string) =>
  evaluateTask(template.tasks.find((t) => t.id === id)!, records, { asOf, fiscalYear: 2554 });
const itemRef = (id: string, field?: string) => ({ table: 'ordinanceItems', recordId: id, ...(field ? { field } : {}) });

describe('ordinancePassed (seed row 3.1)', () => {
  it('asks for the ordinance when there is none', () => {
    expect(run('ordinance-passed', new LaoRecordsBuilder().records(), '2011-03-10')).toEqual({
      status: 'not_started', done: 0, total: 2,
      missing: [{ code: 'ordinance.missing', params: { fy: 2554 }, table: 'ordinances' }],
    });
  });

  it('an empty ordinance (no items) is recorded but not complete', () => {
    const b = new LaoRecordsBuilder();
    const o = b.ordinance(2554, 1_000_00);
    const missing = [{ code: 'ordinance.noItems', params: { fy: 2554 }, table: 'ordinances', recordId: o.id }];
    expect(run('ordinance-passed', b.records(), '2011-04-30')).toEqual({ status: 'in_progress', done: 1, total: 2, missing });
    expect(run('ordinance-passed', b.records(), '2011-05-01')).toEqual({ status: 'overdue', done: 1, total: 2, missing });
    // The spending rules have nothing to judge item by item either.
    expect(run('q2-progress', b.records(), '2011-04-30')).toEqual({
      status: 'not_started', done: 0, total: 2,
      missing: [...missing, { code: 'quarter.notReported', params: { quarter: 2, fy: 2554 }, table: 'quarterReports' }],
    });
  });

  it('items must add up to the ordinance total, for a supplementary ordinance too', () => {
    const { b, o54 } = completeLao();
    o54.total += 10_00;
    const extra = b.ordinance(2554, 500_00, { councilPassedOn: '2011-02-15' });
    b.item(extra, 'ซ่อมถนนเพิ่มเติม', 500_00);
    expect(run('ordinance-passed', b.records(), '2011-03-10')).toEqual({
      status: 'in_progress', done: 1, total: 2,
      missing: [{
        code: 'ordinance.itemsTotalMismatch', params: { fy: 2554, itemsTotal: '1,450.00', total: '1,460.00' },
        table: 'ordinances', recordId: o54.id, field: 'total',
      }],
    });
  });
});

describe('yearDisbursed and previousYearDisbursed (seed rows 6 and 1)', () => {
  it('needs every item closed: cancelled with a reason, carried over, or completed with a disbursement', () => {
    const b = new LaoRecordsBuilder();
    const o = b.ordinance(2553, 700_00);
    const done = b.item(o, 'เสร็จแล้ว', 100_00, { outcome: 'completed' });
    b.pay(done, '2010-05-01', 100_00);
    const unpaid = b.item(o, 'เสร็จแต่ไม่มีการเบิกจ่าย', 100_00, { outcome: 'completed' });
    b.item(o, 'ยกเลิกมีเหตุผล', 100_00, { outcome: 'cancelled', cancelReason: 'ไม่ได้รับอนุมัติ' });
    const noReason = b.item(o, 'ยกเลิกไม่มีเหตุผล', 100_00, { outcome: 'cancelled', cancelReason: null });
    b.item(o, 'กันเงินเหลื่อมปี', 100_00, { outcome: 'carried_over' });
    const open = b.item(o, 'ยังเปิดอยู่', 100_00, { outcome: 'open' });
    b.pay(open, '2010-06-01', 50_00);
    const idle = b.item(o, 'ไม่มีความเคลื่อนไหว', 100_00, { outcome: 'open' });
    expect(run('prev-year-disbursement', b.records(), '2010-10-20')).toEqual({
      status: 'in_progress', done: 4, total: 8,
      missing: [
        { code: 'ordinanceItem.noDisbursement', params: { item: 'เสร็จแต่ไม่มีการเบิกจ่าย' }, ...itemRef(unpaid.id) },
        { code: 'ordinanceItem.cancelReasonMissing', params: { item: 'ยกเลิกไม่มีเหตุผล' }, ...itemRef(noReason.id, 'cancelReason') },
        { code: 'ordinanceItem.notClosed', params: { item: 'ยังเปิดอยู่', fy: 2553 }, ...itemRef(open.id, 'outcome') },
        { code: 'ordinanceItem.noDisbursement', params: { item: 'ไม่มีความเคลื่อนไหว' }, ...itemRef(idle.id) },
        { code: 'ordinanceItem.notClosed', params: { item: 'ไม่มีความเคลื่อนไหว', fy: 2553 }, ...itemRef(idle.id, 'outcome') },
      ],
    });
    expect(run('prev-year-disbursement', b.records(), '2010-11-01').status).toBe('overdue');
  });

  it('judges FY 2553 in October 2553 and FY 2554 in September 2554', () => {
    const { b, o53 } = completeLao();
    o53.deleted = true;
    expect(run('prev-year-disbursement', b.records(), '2010-10-05')).toMatchObject({ status: 'not_started', done: 0, total: 1 });
    expect(run('year-disbursement', b.records(), '2011-09-05')).toMatchObject({ status: 'complete', done: 5, total: 5 });
  });
});

describe('quarterProgress (seed rows 3.2 and 5)', () => {
  function itemsWithQ3OnlyPayments() {
    const b = new LaoRecordsBuilder();
    const plan = b.plan(2554, 3);
    const project = b.project(plan.id, 2554);
    const o = b.ordinance(2554, 300_00);
    const wages = b.item(o, 'ค่าจ้างเหมาบริการ', 100_00);
    b.pay(wages, '2011-05-25', 50_00); // Q3 only: a running cost with no Q2 payment is missing data
    const works = b.item(o, 'ก่อสร้างลานกีฬา', 100_00, { planProjectId: project.id });
    b.pay(works, '2011-05-30', 100_00); // a project may rightly start in Q3
    const cancelled = b.item(o, 'จัดซื้อครุภัณฑ์', 100_00, { outcome: 'cancelled', cancelReason: null });
    b.reported(2554, 2, '2011-04-05');
    b.reported(2554, 3, '2011-07-05');
    return { b, wages, works, cancelled };
  }

  it('an item disbursed in Q3 but not Q2 is missing from Q2 when it is a running cost', () => {
    const { b, wages, cancelled } = itemsWithQ3OnlyPayments();
    const cancelMissing = { code: 'ordinanceItem.cancelReasonMissing', params: { item: 'จัดซื้อครุภัณฑ์' }, ...itemRef(cancelled.id, 'cancelReason') };
    expect(run('q2-progress', b.records(), '2011-04-20')).toEqual({
      status: 'in_progress', done: 3, total: 5,
      missing: [
        { code: 'ordinanceItem.noDisbursementInQuarter', params: { item: 'ค่าจ้างเหมาบริการ', quarter: 2, fy: 2554 }, ...itemRef(wages.id) },
        cancelMissing,
      ],
    });
    expect(run('q3-progress', b.records(), '2011-07-20')).toEqual({ status: 'in_progress', done: 4, total: 5, missing: [cancelMissing] });
  });

  it('needs the quarter marked reported', () => {
    const { b, reports } = completeLao();
    reports[2]!.deleted = true;
    expect(run('q3-progress', b.records(), '2011-09-01')).toEqual({
      status: 'overdue', done: 5, total: 6,
      missing: [{ code: 'quarter.notReported', params: { quarter: 3, fy: 2554 }, table: 'quarterReports' }],
    });
  });

  it('a quarter report of another year does not count', () => {
    const { b, reports } = completeLao();
    reports[1]!.fiscalYear = 2555;
    expect(run('q2-progress', b.records(), '2011-04-20').missing.map((m) => m.code)).toEqual(['quarter.notReported']);
  });
});

describe('quarterVerified (seed row 4)', () => {
  it('is stricter: every quarter up to Q2 paid and reported, and items adding up to the total', () => {
    const { b, o54, salary, reports } = completeLao();
    salary.outcome = 'open';
    b.rows.disbursements.filter((d) => d.ordinanceItemId === salary.id && d.paidOn < '2011-01-01').forEach((d) => (d.deleted = true));
    reports[0]!.deleted = true;
    o54.total = 1_000_00;
    expect(run('q2-progress', b.records(), '2011-05-10').status).toBe('complete');
    expect(run('q2-verified', b.records(), '2011-05-10')).toEqual({
      status: 'in_progress', done: 5, total: 8,
      missing: [
        {
          code: 'ordinance.itemsTotalMismatch', params: { fy: 2554, itemsTotal: '1,450.00', total: '1,000.00' },
          table: 'ordinances', recordId: o54.id, field: 'total',
        },
        { code: 'ordinanceItem.noDisbursementInQuarter', params: { item: 'เงินเดือนพนักงาน', quarter: 1, fy: 2554 }, ...itemRef(salary.id) },
        { code: 'quarter.notReported', params: { quarter: 1, fy: 2554 }, table: 'quarterReports' },
      ],
    });
    expect(run('q2-verified', b.records(), '2011-07-01').status).toBe('overdue');
  });

  it('names a missing cancel reason once, not once per quarter', () => {
    const { b, hall } = completeLao();
    hall.cancelReason = null;
    expect(run('q2-verified', b.records(), '2011-05-10').missing).toEqual([
      { code: 'ordinanceItem.cancelReasonMissing', params: { item: 'ต่อเติมศาลา' }, ...itemRef(hall.id, 'cancelReason') },
    ]);
  });
});
