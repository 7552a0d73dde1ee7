/**
 * The default work calendar: the seed document (seed-work-calendar.th.txt,
 * FY 2554) parameterised by fiscal year. Thai texts keep the seed's words;
 * English follows mission.md's translation.
 */
import { fiscalYearTaskMonths, type CalendarTask, type CalendarTemplate, type LocalizedText, type RuleSpec } from './template';

export interface PlanPeriod {
  startYear: number; // B.E.
  years: number;
}

export interface DefaultTemplateOptions {
  /** The development plan the year's plan task names; defaults to planPeriodFor(fiscalYear). */
  plan?: PlanPeriod;
}

/**
 * The plan period a fiscal year's plan task asks for. Until 2560 LAOs made a
 * rolling 3-year plan starting with the year (the seed: 2554–2556 in FY 2554);
 * since 2561 plans cover fixed 5-year periods (2561–2565, 2566–2570).
 */
export function planPeriodFor(fiscalYear: number): PlanPeriod {
  if (fiscalYear >= 2561) return { startYear: 2561 + 5 * Math.floor((fiscalYear - 2561) / 5), years: 5 };
  return { startYear: fiscalYear, years: 3 };
}

interface TextParams {
  fy: number;
  prevFy: number;
  planStart: number;
  planEnd: number;
  planYears: number;
}

interface TaskDefinition {
  id: string;
  seedRow?: number;
  /** Indexes into the fiscal year's months, 0 = October. */
  monthIndexes: number[] | 'all';
  rule: RuleSpec;
  label: (p: TextParams) => LocalizedText;
  guidance: (p: TextParams) => LocalizedText;
}

const ENTER_IT_YOURSELF_TH =
  'และหาก อปท. มีปัญหาอุปสรรคไม่สามารถบันทึกข้อมูลได้ จนท.วถ. ต้องเป็นผู้บันทึกข้อมูลมาลงในระบบให้ครบถ้วนด้วยตนเอง';
const ENTER_IT_YOURSELF_EN = 'Where an LAO has problems and cannot enter data, the officer enters it into the system personally.';

const NOTE_1_TH =
  'ให้ติดตามและตรวจสอบการบันทึกข้อมูลเมนูเงินอุดหนุนเฉพาะกิจ สถิติการคลัง และการดำเนินงานตามนโยบายเร่งด่วนเอาชนะยาเสพติดของ อปท. ' +
  'อย่างต่อเนื่องทุกเดือน โดยแจ้งกำกับให้ อปท. บันทึกข้อมูลการดำเนินการดังกล่าวให้เป็นปัจจุบันทันทีที่มีการดำเนินการเพิ่มเติม' +
  'เพื่อให้ได้ข้อมูลการดำเนินการของ อปท. ที่เป็นปัจจุบัน';
const NOTE_1_EN =
  'Every month, continuously: check that LAOs keep the specific-purpose grants, fiscal statistics and anti-drug policy ' +
  'operations data current, updating it as soon as anything new happens.';

const quarterTask = (quarter: 2 | 3, seedRow: number, monthIndexes: number[]): TaskDefinition => ({
  id: `q${quarter}-progress`,
  seedRow,
  monthIndexes,
  rule: { kind: 'quarterProgress', quarter },
  label: (p) => ({
    th: `การก่อหนี้ผูกพันและการเบิกจ่ายไตรมาสที่ ${quarter}/${p.fy}`,
    en: `Commitments and disbursements, Q${quarter} FY ${p.fy}`,
  }),
  guidance: (p) => ({
    th: `ติดตามเร่งรัดให้ทุก อปท. ดำเนินการบันทึกข้อมูลการก่อหนี้ผูกพันการเบิกจ่ายเงินในช่วงไตรมาสที่ ${quarter} ของปีงบประมาณ ${p.fy}`,
    en: `Press every LAO to enter commitments and disbursements for Q${quarter} of FY ${p.fy}.`,
  }),
});

const monthlyTask = (id: string, rule: RuleSpec, label: LocalizedText, criterion: LocalizedText): TaskDefinition => ({
  id,
  monthIndexes: 'all',
  rule,
  label: () => label,
  guidance: () => ({ th: `${NOTE_1_TH} (${criterion.th})`, en: `${NOTE_1_EN} (${criterion.en})` }),
});

/** The seed's rows in order; row 3 holds two tasks, note 1 three every-month ones. */
const SEED_TASKS: readonly TaskDefinition[] = [
  {
    id: 'prev-year-disbursement',
    seedRow: 1,
    monthIndexes: [0],
    rule: { kind: 'previousYearDisbursed' },
    label: (p) => ({ th: `ข้อมูลปี ${p.prevFy} ครบถึงขั้นตอนการเบิกจ่าย`, en: `FY ${p.prevFy} data complete to disbursement` }),
    guidance: (p) => ({
      th:
        `ติดตามการบันทึกข้อมูลของการดำเนินงานปี ${p.prevFy} โดยต้องดำเนินการลงข้อมูลปี ${p.prevFy} ให้เสร็จสิ้นสมบูรณ์` +
        `ถึงขั้นตอนการเบิกจ่ายงบประมาณทุก อปท. ภายในจังหวัด ${ENTER_IT_YOURSELF_TH}`,
      en:
        `Follow up data entry for FY ${p.prevFy}: every LAO in the province must have its FY ${p.prevFy} data entered ` +
        `completely, through to the budget-disbursement step. ${ENTER_IT_YOURSELF_EN}`,
    }),
  },
  {
    id: 'plan-submitted',
    seedRow: 2,
    monthIndexes: [1, 2, 3, 4],
    rule: { kind: 'planSubmitted' },
    label: (p) => ({
      th: `วิสัยทัศน์ ยุทธศาสตร์ และแผนพัฒนา ${p.planYears} ปี (${p.planStart}-${p.planEnd}) ถึงขั้นตอนการยื่นแผน`,
      en: `Vision, strategies and ${p.planYears}-year development plan (${p.planStart}–${p.planEnd}) submitted`,
    }),
    guidance: (p) => ({
      th:
        `ติดตามเร่งรัดให้ทุก อปท. ดำเนินการบันทึกข้อมูลวิสัยทัศน์ ยุทธศาสตร์ของ อปท. และแผนพัฒนา ${p.planYears} ปี ` +
        `(${p.planStart}-${p.planEnd}) ให้ครบถ้วนสมบูรณ์ถึงขั้นตอนการยื่นแผน ${p.planYears} ปี`,
      en:
        `Follow up and press every LAO to enter its vision, strategies and ${p.planYears}-year development plan ` +
        `(${p.planStart}–${p.planEnd}) completely, through to the step of submitting the plan.`,
    }),
  },
  {
    id: 'ordinance-passed',
    seedRow: 3,
    monthIndexes: [5, 6],
    rule: { kind: 'ordinancePassed' },
    label: (p) => ({ th: `ข้อบัญญัติ/เทศบัญญัติงบประมาณปี ${p.fy} ที่ผ่านสภาแล้ว`, en: `FY ${p.fy} budget ordinance passed by council` }),
    guidance: () => ({
      th: 'ติดตามเร่งรัดให้ทุก อปท. ดำเนินการบันทึกข้อมูลข้อบัญญัติ/เทศบัญญัติที่ผ่านสภาแล้วให้ครบถ้วนสมบูรณ์',
      en: 'Press every LAO to enter its budget ordinance passed by council, completely.',
    }),
  },
  quarterTask(2, 3, [5, 6]),
  {
    id: 'q2-verified',
    seedRow: 4,
    monthIndexes: [7, 8],
    rule: { kind: 'quarterVerified', quarter: 2 },
    label: (p) => ({ th: `ตรวจสอบข้อมูลไตรมาสที่ 2/${p.fy} ครบถึงขั้นตอนการเบิกจ่าย`, en: `Q2 FY ${p.fy} verified complete to disbursement` }),
    guidance: () => ({
      th:
        'ตรวจสอบและติดตามการบันทึกข้อมูลของทุก อปท. ว่าดำเนินการครบถ้วนสมบูรณ์ถึงขั้นตอนการเบิกจ่ายงบประมาณในช่วงไตรมาสที่ 2 ' +
        'หรือไม่ ถ้าไม่ครบถ้วนให้ จนท.วถ. เป็นผู้ติดตามข้อมูลจาก อปท. และนำเข้าสู่ระบบให้ครบถ้วนสมบูรณ์',
      en:
        "Check every LAO's data: is it complete through to the disbursement step for Q2? Where not, the officer " +
        'collects the data from the LAO and enters it.',
    }),
  },
  quarterTask(3, 5, [9, 10]),
  {
    id: 'year-disbursement',
    seedRow: 6,
    monthIndexes: [11],
    rule: { kind: 'yearDisbursed' },
    label: (p) => ({ th: `ข้อมูลปี ${p.fy} ครบถึงขั้นตอนการเบิกจ่าย`, en: `FY ${p.fy} data complete to disbursement` }),
    guidance: (p) => ({
      th:
        `ติดตามการลงข้อมูลของการดำเนินงานปี ${p.fy} ของทุก อปท. โดยต้องดำเนินการลงข้อมูลปี ${p.fy} ให้เสร็จสิ้นสมบูรณ์` +
        `ถึงขั้นตอนการเบิกจ่ายงบประมาณ โดย จนท.วถ. ต้องติดตามข้อมูลทุก อปท. ในจังหวัด ${ENTER_IT_YOURSELF_TH}`,
      en:
        `Follow up data entry for FY ${p.fy}: every LAO must have its FY ${p.fy} data complete through to disbursement; ` +
        `the officer follows up each LAO. ${ENTER_IT_YOURSELF_EN}`,
    }),
  },
  monthlyTask(
    'monthly-grants',
    { kind: 'grantsCurrent' },
    { th: 'เงินอุดหนุนเฉพาะกิจเป็นปัจจุบัน', en: 'Specific-purpose grants kept current' },
    {
      th: 'ถือว่าเป็นปัจจุบันเมื่อโครงการที่ยังเบิกจ่ายไม่ครบได้ปรับปรุงข้อมูลภายใน 45 วัน',
      en: 'current when every grant not yet fully disbursed was updated within 45 days',
    },
  ),
  monthlyTask(
    'monthly-fiscal-stats',
    { kind: 'fiscalStatsCurrent' },
    { th: 'สถิติการคลังเป็นปัจจุบัน', en: 'Fiscal statistics kept current' },
    {
      th: 'ถือว่าเป็นปัจจุบันเมื่อบันทึกสถิติการคลังครบทุกเดือนจนถึงเดือนที่แล้ว',
      en: 'current when statistics are recorded for every month up to the previous one',
    },
  ),
  monthlyTask(
    'monthly-anti-drug',
    { kind: 'antiDrugCurrent' },
    { th: 'การดำเนินงานตามนโยบายเร่งด่วนเอาชนะยาเสพติดเป็นปัจจุบัน', en: 'Anti-drug policy operations kept current' },
    {
      th: 'ถือว่าเป็นปัจจุบันเมื่อมีกิจกรรมในปีงบประมาณ และกิจกรรมที่จัดแล้วเกิน 7 วันบันทึกผลการดำเนินงานแล้ว',
      en: 'current when the year has at least one activity and every activity held over 7 days ago has its result',
    },
  ),
];

/**
 * The seed calendar for any fiscal year; FY 2554 reproduces the seed exactly
 * (October 2553 … September 2554, plan 2554–2556, Q2/Q3 of 2554).
 */
export function defaultTemplate(fiscalYear: number, options: DefaultTemplateOptions = {}): CalendarTemplate {
  const plan = options.plan ?? planPeriodFor(fiscalYear);
  const params: TextParams = {
    fy: fiscalYear,
    prevFy: fiscalYear - 1,
    planStart: plan.startYear,
    planEnd: plan.startYear + plan.years - 1,
    planYears: plan.years,
  };
  const months = fiscalYearTaskMonths(fiscalYear);
  const tasks = SEED_TASKS.map((def): CalendarTask => {
    const task: CalendarTask = {
      id: def.id,
      months: def.monthIndexes === 'all' ? months.map((m) => ({ ...m })) : def.monthIndexes.map((i) => ({ ...months[i]! })),
      everyMonth: def.monthIndexes === 'all',
      label: def.label(params),
      guidance: def.guidance(params),
      rule: { ...def.rule },
    };
    if (def.seedRow !== undefined) task.seedRow = def.seedRow;
    return task;
  });
  return { fiscalYear, tasks };
}
