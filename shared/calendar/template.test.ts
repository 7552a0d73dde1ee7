import { describe, expect, it } from 'vitest';
import { defaultTemplate } from './seedTemplate';
import {
  calendarTemplateSchema, ruleSpecSchema, taskMonthsLabel, taskPeriodEnd, taskPeriodStart, tasksForMonth, validateTemplate,
  type CalendarTemplate,
} from './template';

const template = defaultTemplate(2554);
const clone = (): CalendarTemplate => JSON.parse(JSON.stringify(template)) as CalendarTemplate;
const codesOf = (input: unknown) => {
  const r = validateTemplate(input);
  return r.ok ? [] : r.error.map((i) => `${i.path}:${i.code}`);
};

describe('calendarTemplateSchema', () => {
  it('accepts the default template of any year', () => {
    for (const fy of [2554, 2561, 2568, 2570]) expect(calendarTemplateSchema.parse(defaultTemplate(fy))).toEqual(defaultTemplate(fy));
    expect(validateTemplate(template)).toEqual({ ok: true, value: template });
  });

  it('accepts rule thresholds as data', () => {
    const t = clone();
    t.tasks[7]!.rule = { kind: 'grantsCurrent', staleAfterDays: 30 };
    expect(codesOf(t)).toEqual([]);
    expect(ruleSpecSchema.safeParse({ kind: 'fiscalStatsCurrent', lagMonths: 0 }).success).toBe(false);
  });

  it('rejects duplicate ids, months outside the year or out of order, and partial every-month tasks', () => {
    const t = clone();
    t.tasks[1]!.id = 'prev-year-disbursement';
    t.tasks[2]!.months = [{ year: 2011, month: 10 }];
    t.tasks[4]!.months = [{ year: 2011, month: 6 }, { year: 2011, month: 5 }];
    t.tasks[8]!.months = t.tasks[8]!.months.slice(1);
    expect(codesOf(t)).toEqual([
      'tasks.1.id:template.duplicateTaskId',
      'tasks.2.months.0:template.monthOutsideFiscalYear',
      'tasks.4.months.1:template.monthsNotAscending',
      'tasks.8.months:template.everyMonthNeedsAllMonths',
    ]);
  });

  it.each([
    ['an unknown rule', (t: CalendarTemplate) => void ((t.tasks[0]!.rule as { kind: string }).kind = 'tickedByHand'), 'tasks.0.rule.kind'],
    ['a quarter 5', (t: CalendarTemplate) => void ((t.tasks[3]!.rule as { quarter: number }).quarter = 5), 'tasks.3.rule.quarter'],
    ['a blank Thai label', (t: CalendarTemplate) => void (t.tasks[0]!.label.th = '  '), 'tasks.0.label.th'],
    ['a missing English guidance', (t: CalendarTemplate) => void delete (t.tasks[0]!.guidance as Partial<{ en: string }>).en, 'tasks.0.guidance.en'],
    ['no months', (t: CalendarTemplate) => void (t.tasks[0]!.months = []), 'tasks.0.months'],
    ['month 13', (t: CalendarTemplate) => void (t.tasks[0]!.months = [{ year: 2010, month: 13 }]), 'tasks.0.months.0.month'],
    ['an id with spaces', (t: CalendarTemplate) => void (t.tasks[0]!.id = 'Prev year'), 'tasks.0.id'],
    ['a Gregorian fiscal year', (t: CalendarTemplate) => void (t.fiscalYear = 2011), 'fiscalYear'],
  ])('rejects %s', (_name, spoil, path) => {
    const t = clone();
    spoil(t);
    expect(codesOf(t)).toContain(`${path}:template.invalid`);
  });

  it('rejects what is not a template', () => {
    expect(codesOf(null)).toEqual([':template.invalid']);
    expect(codesOf({ fiscalYear: 2554 })).toEqual(['tasks:template.invalid']);
  });
});

describe('tasksForMonth', () => {
  const ids = (year: number, month: number) => tasksForMonth(template, year, month).map((t) => t.id);
  const monthly = ['monthly-grants', 'monthly-fiscal-stats', 'monthly-anti-drug'];

  it('gives each month its seed tasks and the three every-month tasks', () => {
    expect(ids(2010, 10)).toEqual(['prev-year-disbursement', ...monthly]);
    expect(ids(2011, 1)).toEqual(['plan-submitted', ...monthly]);
    expect(ids(2011, 4)).toEqual(['ordinance-passed', 'q2-progress', ...monthly]);
    expect(ids(2011, 6)).toEqual(['q2-verified', ...monthly]);
    expect(ids(2011, 8)).toEqual(['q3-progress', ...monthly]);
    expect(ids(2011, 9)).toEqual(['year-disbursement', ...monthly]);
  });

  it('has nothing outside the fiscal year', () => {
    expect(ids(2011, 10)).toEqual([]);
    expect(ids(2010, 9)).toEqual([]);
  });
});

describe('task periods', () => {
  const task = (id: string) => template.tasks.find((t) => t.id === id)!;

  it('ends on the last day of the last month, leap years included', () => {
    expect(taskPeriodEnd(task('prev-year-disbursement'))).toBe('2010-10-31');
    expect(taskPeriodEnd(task('plan-submitted'))).toBe('2011-02-28');
    expect(taskPeriodEnd(defaultTemplate(2555).tasks[1]!)).toBe('2012-02-29');
    expect(taskPeriodEnd(task('q2-verified'))).toBe('2011-06-30');
    expect(taskPeriodStart(task('plan-submitted'))).toBe('2010-11-01');
  });

  it('labels the months as the seed does, in both languages', () => {
    expect(taskMonthsLabel(task('prev-year-disbursement'))).toBe('ตุลาคม 2553');
    expect(taskMonthsLabel(task('plan-submitted'))).toBe('พฤศจิกายน 2553 - กุมภาพันธ์ 2554');
    expect(taskMonthsLabel(task('q2-progress'), 'en')).toBe('March - April 2554');
    expect(taskMonthsLabel(task('monthly-grants'), 'en')).toBe('Every month');
  });
});
