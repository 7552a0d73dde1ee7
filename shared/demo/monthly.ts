/**
 * Demo records officers check every month: grants, fiscal statistics, anti-drug activities.
 */
import { fiscalYearRange, monthsOfFiscalYear } from '../calendar/fiscal';
import { addDays, daysInMonth, toIsoDate } from '../calendar/isoDate';
import { ANTI_DRUG_KINDS, EXPENDITURE_CATEGORIES, REVENUE_CATEGORIES, type FiscalStats } from '../domain/index';
import { dataCutoff } from './budget';
import { baseFields, bahtAmount, minDate, randomDate, TYPE_SIZE, type LaoGen } from './laoContext';

const maxDate = (a: string, b: string): string => (a > b ? a : b);
import { ANTI_DRUG_NAMES, GRANT_NAMES } from './names';

/** Monthly baht ranges per category for an SAO; bigger LAO types scale up. */
const REVENUE_RANGE: Record<(typeof REVENUE_CATEGORIES)[number], [number, number]> = {
  localTaxes: [5_000, 200_000], feesLicencesFines: [2_000, 80_000], propertyIncome: [1_000, 50_000],
  utilitiesCommerce: [0, 40_000], miscellaneous: [0, 20_000], sharedTaxes: [300_000, 2_000_000],
  generalSubsidy: [500_000, 3_000_000], specificSubsidy: [0, 1_500_000],
};
const EXPENDITURE_RANGE: Record<(typeof EXPENDITURE_CATEGORIES)[number], [number, number]> = {
  centralFund: [200_000, 1_500_000], personnel: [400_000, 2_000_000], operating: [200_000, 1_200_000],
  investment: [0, 2_500_000], subsidies: [20_000, 400_000], other: [0, 50_000],
};

export function generateMonthly(g: LaoGen, fiscalYear: number): void {
  const { start } = fiscalYearRange(fiscalYear);
  if (start > g.asOf) return;
  const cutoff = dataCutoff(g, fiscalYear);
  generateFiscalStats(g, fiscalYear, cutoff);
  generateGrants(g, fiscalYear, cutoff);
  generateAntiDrug(g, fiscalYear, cutoff);
  generateVisits(g, fiscalYear);
}

/** The officer visits each LAO a few times a year; lagging ones get data entered for them. */
function generateVisits(g: LaoGen, fiscalYear: number): void {
  const { rng } = g;
  const { start, end } = fiscalYearRange(fiscalYear);
  const count = g.profile === 'complete' ? rng.int(1, 2) : rng.int(2, 4);
  for (let i = 0; i < count; i++) {
    const visitedOn = randomDate(rng, start, minDate(end, g.asOf));
    const entered = g.profile !== 'complete' && rng.chance(0.6);
    g.out.fieldVisits.push({
      ...baseFields(g, visitedOn),
      enteredOnBehalf: true,
      fiscalYear, visitedOn,
      officerId: g.officerId,
      purpose: entered ? 'data_entry' : rng.pick(['follow_up', 'verification', 'training'] as const),
      notes: entered ? 'บันทึกข้อมูลแทน อปท. เนื่องจากเจ้าหน้าที่ อปท. ไม่สามารถบันทึกได้' : 'ติดตามและให้คำแนะนำการบันทึกข้อมูล',
      categoriesEntered: entered ? rng.shuffle(['ordinance', 'contract', 'disbursement'] as const).slice(0, rng.int(1, 3)) : [],
    });
  }
}

function amounts<K extends string>(g: LaoGen, ranges: Record<K, [number, number]>): Record<K, number> {
  const size = TYPE_SIZE[g.lao.type];
  const result = {} as Record<K, number>;
  for (const key of Object.keys(ranges) as K[]) {
    const [min, max] = ranges[key];
    result[key] = max === 0 ? 0 : bahtAmount(g.rng, Math.round(min * size), Math.round(max * size), 1);
  }
  return result;
}

function generateFiscalStats(g: LaoGen, fiscalYear: number, cutoff: string): void {
  for (const { year, month } of monthsOfFiscalYear(fiscalYear)) {
    // Statistics of a month are entered once it is over.
    const enteredOn = addDays(toIsoDate({ year, month, day: daysInMonth(year, month) }), g.rng.int(3, 15));
    if (enteredOn > g.asOf || toIsoDate({ year, month, day: 1 }) > cutoff) break;
    const row: FiscalStats = {
      ...baseFields(g, enteredOn),
      fiscalYear, year, month,
      revenue: amounts(g, REVENUE_RANGE),
      expenditure: amounts(g, EXPENDITURE_RANGE),
    };
    g.out.fiscalStats.push(row);
  }
}

function generateGrants(g: LaoGen, fiscalYear: number, cutoff: string): void {
  const { rng } = g;
  const { start, end } = fiscalYearRange(fiscalYear);
  const count = g.profile === 'stalled' && fiscalYear === g.latestFiscalYear ? rng.int(0, 1) : Math.max(1, Math.round(rng.int(2, 6) * Math.min(2, g.scale)));
  const names = rng.shuffle([...GRANT_NAMES]);
  for (let i = 0; i < count; i++) {
    const allocated = bahtAmount(rng, 200_000, 10_000_000, 1000);
    const committed = Math.floor((allocated * rng.int(80, 100)) / 100);
    const yearOver = end < g.asOf;
    // Complete LAOs finish last year's grants and keep this year's updated within the month.
    const disbursed = g.profile === 'complete' && yearOver ? committed : Math.floor((committed * rng.int(g.profile === 'complete' ? 60 : 10, 100)) / 100);
    const updatedOn = g.profile === 'complete' && !yearOver
      ? randomDate(rng, maxDate(start, addDays(g.asOf, -30)), g.asOf)
      : randomDate(rng, start, minDate(addDays(end, 60), g.profile === 'complete' ? g.asOf : cutoff));
    g.out.grants.push({
      ...baseFields(g, updatedOn),
      fiscalYear,
      name: names[i % names.length]! + (i >= names.length ? ` (${Math.floor(i / names.length) + 1})` : ''),
      allocated, committed, disbursed, updatedOn,
    });
  }
}

function generateAntiDrug(g: LaoGen, fiscalYear: number, cutoff: string): void {
  const { rng } = g;
  const { start } = fiscalYearRange(fiscalYear);
  const count = Math.max(1, Math.round(rng.int(4, 12) * Math.min(2, g.scale)));
  for (let i = 0; i < count; i++) {
    const heldOn = randomDate(rng, start, cutoff);
    const kind = rng.pick(ANTI_DRUG_KINDS);
    g.out.antiDrugActivities.push({
      ...baseFields(g, heldOn),
      fiscalYear, heldOn, kind,
      name: rng.pick(ANTI_DRUG_NAMES[kind] ?? ['กิจกรรมต้านยาเสพติด']),
      budget: rng.chance(0.2) ? 0 : bahtAmount(rng, 2_000, 100_000, 500),
      participants: rng.int(20, 500),
      result: addDays(heldOn, 7) <= g.asOf ? 'ดำเนินการแล้วเสร็จ ผู้เข้าร่วมบรรลุตามเป้าหมาย' : null,
    });
  }
}
