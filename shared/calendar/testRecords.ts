/**
 * Test helpers: hand-made records of one LAO, valid under the domain schemas,
 * built with the fields that matter to the completion rules.
 */
import type { RecordOf, RecordTable } from '../domain/index';
import type { LaoRecords } from './recordIndex';

export const TEST_LAO = '0190c4e2-0000-7000-8000-00000000a001';
const TEST_USER = '0190c4e2-0000-7000-8000-00000000a002';

type Rows = { [T in RecordTable]: RecordOf<T>[] };

const ZERO_REVENUE = {
  localTaxes: 0, feesLicencesFines: 0, propertyIncome: 0, utilitiesCommerce: 0,
  miscellaneous: 0, sharedTaxes: 0, generalSubsidy: 0, specificSubsidy: 0,
};
const ZERO_EXPENDITURE = { centralFund: 0, personnel: 0, operating: 0, investment: 0, subsidies: 0, other: 0 };

/** Builds one LAO's records; every add returns the record so tests can link and change it. */
export class LaoRecordsBuilder {
  private seq = 0;
  readonly rows: Rows = {
    visions: [], plans: [], planAmendments: [], planProjects: [], ordinances: [], ordinanceItems: [],
    contracts: [], disbursements: [], quarterReports: [], grants: [], fiscalStats: [], antiDrugActivities: [], fieldVisits: [],
  };

  constructor(private readonly idPrefix = 'b') {}

  private base() {
    this.seq++;
    const hex = this.seq.toString(16).padStart(11, '0');
    return {
      id: `0190c4e2-0000-7000-8000-${this.idPrefix.slice(0, 1)}${hex}`,
      laoId: TEST_LAO, provinceCode: '99', deleted: false, version: 0,
      updatedAt: '2011-01-01T03:00:00.000Z', updatedBy: TEST_USER, enteredOnBehalf: false,
    };
  }

  private add<T extends RecordTable>(table: T, record: RecordOf<T>): RecordOf<T> {
    (this.rows[table] as RecordOf<T>[]).push(record);
    return record;
  }

  vision(startYear: number, endYear: number, patch: Partial<RecordOf<'visions'>> = {}) {
    return this.add('visions', {
      ...this.base(), startYear, endYear, vision: 'ชุมชนน่าอยู่', missions: ['พัฒนาโครงสร้างพื้นฐาน'],
      strategies: [{ code: 'S1', name: 'ยุทธศาสตร์โครงสร้างพื้นฐาน', approaches: ['ก่อสร้างถนน'] }], ...patch,
    });
  }

  plan(startYear: number, years: number, patch: Partial<RecordOf<'plans'>> = {}) {
    return this.add('plans', {
      ...this.base(), startYear, years, status: 'submitted', submittedOn: '2011-02-28', approvedOn: null, ...patch,
    });
  }

  project(planId: string, year: number) {
    return this.add('planProjects', {
      ...this.base(), planId, strategyCode: 'S1', approach: 'ก่อสร้างถนน', name: 'ถนนคอนกรีต หมู่ 1', objective: 'สัญจรสะดวก',
      target: 'ถนน 500 เมตร', budgets: [{ year, amount: 100_000_00 }], kpi: 'ร้อยละ 80', expectedResult: 'สัญจรสะดวก',
      responsibleUnit: 'กองช่าง',
    });
  }

  ordinance(fiscalYear: number, total: number, patch: Partial<RecordOf<'ordinances'>> = {}) {
    const councilPassedOn = `${fiscalYear - 544}-09-15`;
    return this.add('ordinances', { ...this.base(), fiscalYear, councilPassedOn, announcedOn: null, total, ...patch });
  }

  item(ordinance: RecordOf<'ordinances'>, name: string, allocated: number, patch: Partial<RecordOf<'ordinanceItems'>> = {}) {
    return this.add('ordinanceItems', {
      ...this.base(), fiscalYear: ordinance.fiscalYear, ordinanceId: ordinance.id, planProjectId: null, name, allocated,
      outcome: 'open', cancelReason: null, ...patch,
    });
  }

  contract(item: RecordOf<'ordinanceItems'>, signedOn: string, amount: number) {
    return this.add('contracts', {
      ...this.base(), fiscalYear: item.fiscalYear, ordinanceItemId: item.id, number: `${this.seq}/${item.fiscalYear}`,
      signedOn, amount, contractor: 'หจก. ตัวอย่าง', procurementMethod: 'specific',
    });
  }

  pay(item: RecordOf<'ordinanceItems'>, paidOn: string, amount: number, contractId: string | null = null) {
    // One literal, no spread: spread-built objects are slow to read, and the performance test makes thousands.
    const { id, laoId, provinceCode, deleted, version, updatedAt, updatedBy, enteredOnBehalf } = this.base();
    return this.add('disbursements', {
      id, laoId, provinceCode, deleted, version, updatedAt, updatedBy, enteredOnBehalf,
      fiscalYear: item.fiscalYear, ordinanceItemId: item.id, contractId, paidOn, amount, overrideReason: null,
    });
  }

  reported(fiscalYear: number, quarter: 1 | 2 | 3 | 4, reportedOn: string) {
    return this.add('quarterReports', { ...this.base(), fiscalYear, quarter, reportedOn });
  }

  grant(fiscalYear: number, name: string, updatedOn: string, patch: Partial<RecordOf<'grants'>> = {}) {
    return this.add('grants', {
      ...this.base(), fiscalYear, name, allocated: 1_000_000_00, committed: 900_000_00, disbursed: 300_000_00, updatedOn, ...patch,
    });
  }

  stats(fiscalYear: number, year: number, month: number) {
    return this.add('fiscalStats', { ...this.base(), fiscalYear, year, month, revenue: ZERO_REVENUE, expenditure: ZERO_EXPENDITURE });
  }

  antiDrug(fiscalYear: number, heldOn: string, result: string | null = 'เข้าร่วมตามเป้าหมาย') {
    return this.add('antiDrugActivities', {
      ...this.base(), fiscalYear, heldOn, kind: 'campaign', name: `รณรงค์ ${heldOn}`, budget: 0, participants: 50, result,
    });
  }

  records(): LaoRecords {
    return Object.fromEntries(Object.entries(this.rows).map(([t, rows]) => [t, [...rows]])) as LaoRecords;
  }
}

/**
 * An LAO whose FY 2553 and FY 2554 data are complete: every task of the FY 2554
 * template is complete as of 15 Oct 2011. Amounts in satang.
 */
export function completeLao() {
  const b = new LaoRecordsBuilder();
  const o53 = b.ordinance(2553, 600_00);
  const wages53 = b.item(o53, 'ค่าจ้างชั่วคราว 2553', 200_00, { outcome: 'completed' });
  b.pay(wages53, '2010-03-25', 200_00);
  const bridge53 = b.item(o53, 'สะพานไม้ 2553', 300_00, { outcome: 'carried_over' });
  b.pay(bridge53, '2010-09-20', 100_00);
  b.item(o53, 'ซ่อมศาลา 2553', 100_00, { outcome: 'cancelled', cancelReason: 'โอนงบประมาณไปแก้ไขปัญหาภัยแล้ง' });

  const vision = b.vision(2554, 2556);
  const plan = b.plan(2554, 3, { submittedOn: '2011-02-28' });
  const project = b.project(plan.id, 2554);

  const o54 = b.ordinance(2554, 1_450_00);
  const salary = b.item(o54, 'เงินเดือนพนักงาน', 1_200_00, { outcome: 'completed' });
  for (const m of ['2010-10', '2010-11', '2010-12', '2011-01', '2011-02', '2011-03', '2011-04', '2011-05', '2011-06', '2011-07', '2011-08', '2011-09']) {
    b.pay(salary, `${m}-25`, 100_00);
  }
  const road = b.item(o54, 'ถนนคอนกรีต หมู่ 1', 100_00, { planProjectId: project.id, outcome: 'completed' });
  const roadContract = b.contract(road, '2011-01-10', 100_00);
  b.pay(road, '2011-02-20', 100_00, roadContract.id);
  // Procured in Q3: nothing in Q2 is right for a project item.
  const drain = b.item(o54, 'รางระบายน้ำ หมู่ 2', 100_00, { planProjectId: project.id, outcome: 'completed' });
  const drainContract = b.contract(drain, '2011-04-05', 90_00);
  b.pay(drain, '2011-05-20', 90_00, drainContract.id);
  const hall = b.item(o54, 'ต่อเติมศาลา', 50_00, { outcome: 'cancelled', cancelReason: 'ได้รับเงินอุดหนุนแทน' });
  const reports = ([1, 2, 3, 4] as const).map((q) => b.reported(2554, q, ['2011-01-10', '2011-04-10', '2011-07-10', '2011-09-30'][q - 1]!));

  const finishedGrant = b.grant(2554, 'ประปาหมู่บ้าน', '2011-03-01', { committed: 900_000_00, disbursed: 900_000_00 });
  const activeGrant = b.grant(2554, 'ศูนย์พัฒนาเด็กเล็ก', '2011-09-01');
  for (const { year, month } of FY2554_MONTHS) b.stats(2554, year, month);
  const campaign = b.antiDrug(2554, '2010-12-05');
  const sports = b.antiDrug(2554, '2011-06-26');
  return {
    b, o53, o54, vision, plan, project, salary, road, drain, hall, reports, finishedGrant, activeGrant, campaign, sports,
  };
}

export const FY2554_MONTHS = [
  { year: 2010, month: 10 }, { year: 2010, month: 11 }, { year: 2010, month: 12 }, { year: 2011, month: 1 },
  { year: 2011, month: 2 }, { year: 2011, month: 3 }, { year: 2011, month: 4 }, { year: 2011, month: 5 },
  { year: 2011, month: 6 }, { year: 2011, month: 7 }, { year: 2011, month: 8 }, { year: 2011, month: 9 },
];
