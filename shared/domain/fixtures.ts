/**
 * Valid sample records for tests (here and in renderer/server tests): one per
 * table, all for FY 2568 of one LAO, linked to each other.
 */
import type { RecordTable } from './tables';

export const FIXTURE_IDS = {
  lao: '0190c4e2-0000-7000-8000-000000000001',
  user: '0190c4e2-0000-7000-8000-000000000002',
  vision: '0190c4e2-0000-7000-8000-000000000010',
  plan: '0190c4e2-0000-7000-8000-000000000011',
  amendment: '0190c4e2-0000-7000-8000-000000000012',
  project: '0190c4e2-0000-7000-8000-000000000013',
  ordinance: '0190c4e2-0000-7000-8000-000000000014',
  item: '0190c4e2-0000-7000-8000-000000000015',
  contract: '0190c4e2-0000-7000-8000-000000000016',
  disbursement: '0190c4e2-0000-7000-8000-000000000017',
  quarterReport: '0190c4e2-0000-7000-8000-000000000018',
  grant: '0190c4e2-0000-7000-8000-000000000019',
  fiscalStats: '0190c4e2-0000-7000-8000-00000000001a',
  antiDrug: '0190c4e2-0000-7000-8000-00000000001b',
  visit: '0190c4e2-0000-7000-8000-00000000001c',
} as const;

const base = (id: string) => ({
  id,
  laoId: FIXTURE_IDS.lao,
  provinceCode: '99',
  deleted: false,
  version: 0,
  updatedAt: '2025-03-01T03:00:00.000Z',
  updatedBy: FIXTURE_IDS.user,
  enteredOnBehalf: false,
});

/** FY 2568 = 1 Oct 2024 .. 30 Sep 2025. */
export function fixtureRecord(table: RecordTable): Record<string, unknown> {
  const fiscal = (id: string) => ({ ...base(id), fiscalYear: 2568 });
  switch (table) {
    case 'visions':
      return {
        ...base(FIXTURE_IDS.vision),
        startYear: 2566,
        endYear: 2570,
        vision: 'ชุมชนน่าอยู่ เศรษฐกิจพอเพียง',
        missions: ['พัฒนาโครงสร้างพื้นฐาน'],
        strategies: [{ code: 'S1', name: 'ยุทธศาสตร์โครงสร้างพื้นฐาน', approaches: ['ก่อสร้างถนน'] }],
      };
    case 'plans':
      return { ...base(FIXTURE_IDS.plan), startYear: 2566, years: 5, status: 'approved', submittedOn: '2022-06-01', approvedOn: '2022-06-30' };
    case 'planAmendments':
      return { ...base(FIXTURE_IDS.amendment), planId: FIXTURE_IDS.plan, number: 1, kind: 'addition', approvedOn: '2023-05-01' };
    case 'planProjects':
      return {
        ...base(FIXTURE_IDS.project),
        planId: FIXTURE_IDS.plan,
        strategyCode: 'S1',
        approach: 'ก่อสร้างถนน',
        name: 'ก่อสร้างถนนคอนกรีต หมู่ 3',
        objective: 'เพื่อการสัญจรสะดวก',
        target: 'ถนนยาว 500 เมตร',
        budgets: [{ year: 2568, amount: 50_000_000 }, { year: 2569, amount: 0 }],
        kpi: 'ความพึงพอใจร้อยละ 80',
        expectedResult: 'ประชาชนสัญจรสะดวก',
        responsibleUnit: 'กองช่าง',
      };
    case 'ordinances':
      return { ...fiscal(FIXTURE_IDS.ordinance), councilPassedOn: '2024-08-20', announcedOn: '2024-09-10', total: 3_000_000_000 };
    case 'ordinanceItems':
      return {
        ...fiscal(FIXTURE_IDS.item),
        ordinanceId: FIXTURE_IDS.ordinance,
        planProjectId: FIXTURE_IDS.project,
        name: 'ก่อสร้างถนนคอนกรีต หมู่ 3',
        allocated: 50_000_000,
        outcome: 'open',
      };
    case 'contracts':
      return {
        ...fiscal(FIXTURE_IDS.contract),
        ordinanceItemId: FIXTURE_IDS.item,
        number: '12/2568',
        signedOn: '2025-01-15',
        amount: 48_000_000,
        contractor: 'หจก. ตัวอย่างก่อสร้าง',
        procurementMethod: 'e_bidding',
      };
    case 'disbursements':
      return {
        ...fiscal(FIXTURE_IDS.disbursement),
        ordinanceItemId: FIXTURE_IDS.item,
        contractId: FIXTURE_IDS.contract,
        paidOn: '2025-04-20',
        amount: 48_000_000,
      };
    case 'quarterReports':
      return { ...fiscal(FIXTURE_IDS.quarterReport), quarter: 2, reportedOn: '2025-04-10' };
    case 'grants':
      return {
        ...fiscal(FIXTURE_IDS.grant),
        name: 'ก่อสร้างระบบประปาหมู่บ้าน',
        allocated: 200_000_000,
        committed: 190_000_000,
        disbursed: 100_000_000,
        updatedOn: '2025-05-01',
      };
    case 'fiscalStats':
      return {
        ...fiscal(FIXTURE_IDS.fiscalStats),
        year: 2024,
        month: 10,
        revenue: {
          localTaxes: 1, feesLicencesFines: 2, propertyIncome: 3, utilitiesCommerce: 4,
          miscellaneous: 5, sharedTaxes: 6, generalSubsidy: 7, specificSubsidy: 8,
        },
        expenditure: { centralFund: 1, personnel: 2, operating: 3, investment: 4, subsidies: 5, other: 6 },
      };
    case 'fieldVisits':
      return {
        ...fiscal(FIXTURE_IDS.visit),
        visitedOn: '2025-03-05',
        officerId: FIXTURE_IDS.user,
        purpose: 'data_entry',
        notes: 'บันทึกข้อมูลการเบิกจ่ายไตรมาส 2 แทน อปท.',
        categoriesEntered: ['disbursement'],
      };
    case 'antiDrugActivities':
      return {
        ...fiscal(FIXTURE_IDS.antiDrug),
        heldOn: '2025-06-26',
        kind: 'campaign',
        name: 'รณรงค์วันต่อต้านยาเสพติดโลก',
        budget: 2_000_000,
        participants: 150,
        result: 'ประชาชนเข้าร่วมตามเป้าหมาย',
      };
  }
}
