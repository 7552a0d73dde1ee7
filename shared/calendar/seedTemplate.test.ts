import { describe, expect, it } from 'vitest';
import { defaultTemplate, planPeriodFor } from './seedTemplate';
import { calendarTemplateSchema, taskMonthsLabel, taskPeriodEnd, type CalendarTask } from './template';

/** The seed table of seed-work-calendar.th.txt, copied verbatim (row, month column, guidance column). */
const SEED_ROWS: [number, string, string][] = [
  [1, 'ตุลาคม 2553', 'ติดตามการบันทึกข้อมูลของการดำเนินงานปี 2553 โดยต้องดำเนินการลงข้อมูลปี 2553 ให้เสร็จสิ้น สมบูรณ์ถึงขั้นตอนการเบิกจ่ายงบประมาณทุก อปท.ภายในจังหวัด และหาก อปท.มีปัญหา อุปสรรคไม่สามารถบันทึกข้อมูลได้ จนท.วอ.ต้อง เป็นผู้บันทึกข้อมูลมาลงในระบบให้ครบถ้วนด้วย ตนเอง'],
  [2, 'พฤศจิกายน 2553- กุมภาพันธ์ 2554', 'ติดตามเร่งรัดให้ทุก อปท.ดำเนินการบันทึกข้อมูล วิสัยทัศน์ ยุทธศาสตร์ของ อปท. และแผนพัฒนา 3 ปี (2554-2556) ให้ครบถ้วนสมบูรณ์ถึงขั้นตอน การยื่นแผน 3 ปี'],
  [3, 'มีนาคม-เมษายน 2554', '1.ติดตามเร่งรัดให้ทุก อปท.ดำเนินการบันทึกข้อมูล ข้อบัญญัติ/เทศบัญญัติที่ผ่านสภาแล้วให้ครบถ้วน สมบูรณ์ 2.ติดตามเร่งรัดให้ทุก อปท.ดำเนินการบันทึกข้อมูล การก่อหนี้ผูกพันการเบิกจ่ายเงินในช่วงไตรมาสที่ 2 ของปีงบประมาณ 2554'],
  [4, 'พฤษภาคม-มิถุนายน 2554', 'ตรวจสอบและติดตามการบันทึกข้อมูลของ ทุก อปท.ว่าดำเนินการครบถ้วนสมบูรณ์ถึงขั้นตอน การเบิกจ่ายงบประมาณในช่วงไตรมาสที่ 2 หรือ ไม่ ถ้าไม่ครบถ้วนให้ จนท.วอ.เป็นผู้ติดตามข้อมูลจาก อปท.และนำเข้าสู่ระบบให้ครบถ้วนสมบูรณ์'],
  [5, 'กรกฎาคม-สิงหาคม 2554', 'ติดตามเร่งรัดให้ทุก อปท.ดำเนินการบันทึกข้อมูล การก่อหนี้ผูกพันการเบิกจ่ายเงินในช่วงไตรมาสที่ 3 ของปีงบประมาณ 2554'],
  [6, 'กันยายน 2554', 'ติดตามการลงข้อมูลของการดำเนินงานปี 2554 ของทุก อปท. โดยต้องดำเนินการลงข้อมูลปี 2554 ให้เสร็จสิ้นสมบูรณ์ถึงขั้นตอนการเบิกจ่ายงบประมาณ โดย จนท. วถ. ต้องติดตามข้อมูลทุก อปท. ในจังหวัด และหาก อปท. มีปัญหาอุปสรรคไม่สามารถบันทึกข้อมูลได้ จนท. วถ. ต้องเป็นผู้บันทึกข้อมูลมาลงในระบบให้ครบถ้วนด้วยตนเอง'],
];
const SEED_NOTE_1 = 'ให้ติดตามและตรวจสอบการบันทึกข้อมูลเมนูเงินอุดหนุนเฉพาะกิจ สถิติการคลัง และการดำเนินงานตามนโยบายเร่งด่วนเอาชนะยาเสพติดของ อปท. อย่างต่อเนื่องทุกเดือน โดยแจ้งกำกับให้ อปท. บันทึกข้อมูลการดำเนินการดังกล่าวให้เป็นปัจจุบันทันทีที่มีการดำเนินการเพิ่มเติมเพื่อให้ได้ข้อมูลการดำเนินการของ อปท. ที่เป็นปัจจุบัน';

/**
 * The seed's words without the line-wrap spaces of its PDF origin; the seed
 * spells the officers' abbreviation both จนท.วอ. and จนท.วถ., we use วถ.
 */
const words = (s: string) => s.replace(/\s+/g, '').replace(/จนท\.วอ\./g, 'จนท.วถ.').replace(/(^|ครบถ้วนสมบูรณ์)[12]\./g, '$1');

const template = defaultTemplate(2554);
const byRow = (row: number) => template.tasks.filter((t) => t.seedRow === row);
const m = (year: number, month: number) => ({ year, month });

describe('the FY 2554 default template reproduces the seed', () => {
  it('has the seed rows in order, row 3 as two tasks, then the three every-month tasks of note 1', () => {
    expect(template.tasks.map((t) => [t.id, t.seedRow ?? null, t.everyMonth])).toEqual([
      ['prev-year-disbursement', 1, false],
      ['plan-submitted', 2, false],
      ['ordinance-passed', 3, false],
      ['q2-progress', 3, false],
      ['q2-verified', 4, false],
      ['q3-progress', 5, false],
      ['year-disbursement', 6, false],
      ['monthly-grants', null, true],
      ['monthly-fiscal-stats', null, true],
      ['monthly-anti-drug', null, true],
    ]);
  });

  it('has each row’s months and years', () => {
    expect(byRow(1).map((t) => t.months)).toEqual([[m(2010, 10)]]);
    expect(byRow(2).map((t) => t.months)).toEqual([[m(2010, 11), m(2010, 12), m(2011, 1), m(2011, 2)]]);
    expect(byRow(3).map((t) => t.months)).toEqual([[m(2011, 3), m(2011, 4)], [m(2011, 3), m(2011, 4)]]);
    expect(byRow(4).map((t) => t.months)).toEqual([[m(2011, 5), m(2011, 6)]]);
    expect(byRow(5).map((t) => t.months)).toEqual([[m(2011, 7), m(2011, 8)]]);
    expect(byRow(6).map((t) => t.months)).toEqual([[m(2011, 9)]]);
    for (const t of template.tasks.filter((t) => t.everyMonth)) {
      expect(t.months).toEqual([
        m(2010, 10), m(2010, 11), m(2010, 12), m(2011, 1), m(2011, 2), m(2011, 3),
        m(2011, 4), m(2011, 5), m(2011, 6), m(2011, 7), m(2011, 8), m(2011, 9),
      ]);
      expect(taskPeriodEnd(t)).toBe('2011-09-30');
    }
  });

  it.each(SEED_ROWS)('row %i: month column "%s" and its guidance', (row, months, guidance) => {
    const tasks = byRow(row);
    for (const t of tasks) expect(words(taskMonthsLabel(t, 'th'))).toBe(words(months));
    expect(tasks.map((t) => words(t.guidance.th)).join('')).toBe(words(guidance));
  });

  it('has the rules of each row: FY 2553 then plan, ordinance, Q2, Q2 verified, Q3, FY 2554', () => {
    expect(template.tasks.map((t) => t.rule)).toEqual([
      { kind: 'previousYearDisbursed' },
      { kind: 'planSubmitted' },
      { kind: 'ordinancePassed' },
      { kind: 'quarterProgress', quarter: 2 },
      { kind: 'quarterVerified', quarter: 2 },
      { kind: 'quarterProgress', quarter: 3 },
      { kind: 'yearDisbursed' },
      { kind: 'grantsCurrent' },
      { kind: 'fiscalStatsCurrent' },
      { kind: 'antiDrugCurrent' },
    ]);
  });

  it('names the years in the labels: 2553, the 3-year plan 2554–2556, Q2 and Q3 of 2554', () => {
    const label = (id: string) => template.tasks.find((t) => t.id === id)!.label;
    expect(label('prev-year-disbursement')).toEqual({ th: 'ข้อมูลปี 2553 ครบถึงขั้นตอนการเบิกจ่าย', en: 'FY 2553 data complete to disbursement' });
    expect(label('plan-submitted').th).toContain('แผนพัฒนา 3 ปี (2554-2556)');
    expect(label('plan-submitted').en).toContain('3-year development plan (2554–2556)');
    expect(label('q2-progress').th).toBe('การก่อหนี้ผูกพันและการเบิกจ่ายไตรมาสที่ 2/2554');
    expect(label('q3-progress').en).toBe('Commitments and disbursements, Q3 FY 2554');
    expect(label('year-disbursement').th).toBe('ข้อมูลปี 2554 ครบถึงขั้นตอนการเบิกจ่าย');
  });

  it('gives the every-month tasks note 1 as guidance', () => {
    for (const t of template.tasks.filter((t) => t.everyMonth)) {
      expect(words(t.guidance.th).startsWith(words(SEED_NOTE_1))).toBe(true);
      expect(t.guidance.en).toMatch(/^Every month, continuously/);
    }
  });

  it('has English for every text', () => {
    for (const t of template.tasks) {
      for (const text of [t.label.en, t.guidance.en]) expect(text).toMatch(/^[\x20-\x7E–’]+$/);
    }
  });
});

describe('other fiscal years', () => {
  it('shifts months and years', () => {
    const t = defaultTemplate(2568);
    expect(t.fiscalYear).toBe(2568);
    expect(t.tasks[0]!.months).toEqual([m(2024, 10)]);
    expect(t.tasks[0]!.label.th).toBe('ข้อมูลปี 2567 ครบถึงขั้นตอนการเบิกจ่าย');
    expect(taskPeriodEnd(t.tasks.find((x) => x.id === 'year-disbursement')!)).toBe('2025-09-30');
    expect(calendarTemplateSchema.safeParse(t).success).toBe(true);
  });

  it('takes the plan period from data: rolling 3-year plans before 2561, 5-year periods since', () => {
    expect(planPeriodFor(2554)).toEqual({ startYear: 2554, years: 3 });
    expect(planPeriodFor(2560)).toEqual({ startYear: 2560, years: 3 });
    expect(planPeriodFor(2561)).toEqual({ startYear: 2561, years: 5 });
    expect(planPeriodFor(2565)).toEqual({ startYear: 2561, years: 5 });
    expect(planPeriodFor(2568)).toEqual({ startYear: 2566, years: 5 });
    const planLabel = (t: { tasks: CalendarTask[] }) => t.tasks.find((x) => x.id === 'plan-submitted')!.label.th;
    expect(planLabel(defaultTemplate(2568))).toContain('แผนพัฒนา 5 ปี (2566-2570)');
    expect(planLabel(defaultTemplate(2568, { plan: { startYear: 2568, years: 4 } }))).toContain('แผนพัฒนา 4 ปี (2568-2571)');
  });

  it('returns a fresh template each time, so editing one does not change the default', () => {
    const a = defaultTemplate(2554);
    a.tasks[0]!.months.push(m(2010, 11));
    (a.tasks[3]!.rule as { quarter: number }).quarter = 3;
    expect(defaultTemplate(2554)).toEqual(template);
  });
});
