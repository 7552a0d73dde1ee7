import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateLao } from './completion';
import { fiscalYearOf, quarterOf } from './fiscal';
import { bangkokDateOf, parseIsoDate } from './isoDate';
import { defaultTemplate } from './seedTemplate';
import { TASK_STATUSES, type TaskStatus } from './status';
import { laoRecordsAround } from './testArbitraries';
import { taskPeriodEnd, taskPeriodStart } from './template';

/** Any instant of 2000–2100; the rules take its Bangkok day. */
const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true });

/** An instant and one LAO's records around its fiscal year. */
const case_ = instant.chain((at) => fc.record({ at: fc.constant(at), records: laoRecordsAround(fiscalYearOf(at)) }));

/** Month-of-year arithmetic, independent of fiscal.ts: FY = B.E. year + 1 from October; Q1 = Oct–Dec … Q4 = Jul–Sep. */
function expectedFiscal(day: string): { fiscalYear: number; quarter: number } {
  const { year, month } = parseIsoDate(day)!;
  return { fiscalYear: year + 543 + (month >= 10 ? 1 : 0), quarter: month >= 10 ? 1 : Math.floor((month - 1) / 3) + 2 };
}

const BEFORE_START: readonly TaskStatus[] = ['complete', 'not_applicable', 'not_yet_due'];
const AFTER_END: readonly TaskStatus[] = ['complete', 'not_applicable', 'overdue'];
const DURING: readonly TaskStatus[] = ['complete', 'not_applicable', 'not_started', 'in_progress'];

describe('statuses over arbitrary days and records', () => {
  it('follow the task’s period for the default template of the day’s fiscal year, the next and the previous', () => {
    fc.assert(
      fc.property(case_, ({ at, records }) => {
        const asOf = at.toISOString();
        const day = bangkokDateOf(at);
        const fy = fiscalYearOf(at);
        for (const fiscalYear of [fy - 1, fy, fy + 1]) {
          const template = defaultTemplate(fiscalYear);
          const results = evaluateLao(template, records, { asOf, fiscalYear });
          for (const task of template.tasks) {
            const status = results[task.id]!.status;
            const where = `${task.id} of FY ${fiscalYear} on ${day}: ${status}`;
            expect(TASK_STATUSES, where).toContain(status);
            if (day <= taskPeriodEnd(task)) expect(status, where).not.toBe('overdue');
            if (day < taskPeriodStart(task)) expect(BEFORE_START, where).toContain(status);
            else if (day > taskPeriodEnd(task)) expect(AFTER_END, where).toContain(status);
            else expect(DURING, where).toContain(status);
            if (task.everyMonth && fiscalYear === fy) expect(status, where).not.toBe('not_yet_due');
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('put the day in the fiscal year and quarter that month-of-year arithmetic gives', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const expected = expectedFiscal(bangkokDateOf(at));
        expect(fiscalYearOf(at)).toBe(expected.fiscalYear);
        expect(fiscalYearOf(bangkokDateOf(at))).toBe(expected.fiscalYear);
        expect(quarterOf(at)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
