/**
 * Demo budget ordinance, items, contracts, disbursements and quarter reports of one fiscal year.
 */
import { fiscalYearRange, monthsOfFiscalYear, quarterRange, toCE, type Quarter } from '../calendar/fiscal';
import { addDays, daysInMonth, toIsoDate } from '../calendar/isoDate';
import type { Disbursement, ItemOutcome, ProcurementMethod } from '../domain/index';
import { splitSatang } from '../money';
import { baseFields, bahtAmount, internDate, minDate, randomDate, TYPE_SIZE, type LaoGen } from './laoContext';
import { CANCEL_REASONS, CONTRACTORS, RECURRING_ITEMS, UNITS } from './names';
import type { DemoProject } from './planning';

/** Last day data of this fiscal year reaches: lagging LAOs stopped after Q2 of the latest year. */
export function dataCutoff(g: LaoGen, fiscalYear: number): string {
  const end = minDate(fiscalYearRange(fiscalYear).end, g.asOf);
  return g.profile !== 'complete' && fiscalYear === g.latestFiscalYear ? minDate(end, quarterRange(fiscalYear, 2).end) : end;
}

export function generateBudgetYear(g: LaoGen, fiscalYear: number, projects: readonly DemoProject[]): void {
  if (g.profile === 'stalled' && fiscalYear === g.latestFiscalYear) return; // no ordinance entered yet
  const { rng, out } = g;
  const { start, end } = fiscalYearRange(fiscalYear);
  if (start > g.asOf) return;
  const cutoff = dataCutoff(g, fiscalYear);
  const yearEnded = end < g.asOf && cutoff === end;

  const late = g.profile !== 'complete' && rng.chance(0.3);
  const councilPassedOn = late
    ? randomDate(rng, start, addDays(start, 45))
    : randomDate(rng, `${toCE(fiscalYear) - 1}-08-01`, `${toCE(fiscalYear) - 1}-09-20`);
  const ordinance = {
    ...baseFields(g, councilPassedOn),
    fiscalYear,
    councilPassedOn,
    announcedOn: addDays(councilPassedOn, rng.int(3, 10)),
    total: 0,
  };
  out.ordinances.push(ordinance);

  const size = TYPE_SIZE[g.lao.type];
  const itemCount = Math.max(4, Math.round(rng.int(90, 170) * size * g.scale));
  const projectCount = Math.min(Math.round(itemCount * 0.3), projects.length * 2);
  const funded = projects.filter((p) => (p.budgets.get(fiscalYear) ?? 0) > 0);
  let total = 0;
  for (let i = 0; i < itemCount; i++) {
    const isProject = i < projectCount && projects.length > 0;
    const item = isProject
      ? projectItem(g, fiscalYear, ordinance.id, rng.pick(funded.length && rng.chance(0.8) ? funded : projects), cutoff, yearEnded)
      : recurringItem(g, fiscalYear, ordinance.id, i, cutoff, yearEnded);
    total += item;
  }
  ordinance.total = total;

  for (const quarter of [1, 2, 3, 4] as Quarter[]) {
    const range = quarterRange(fiscalYear, quarter);
    // Lagging LAOs sometimes forget to mark a quarter reported; complete ones never do.
    if (range.end > cutoff || (g.profile !== 'complete' && rng.chance(0.15))) continue;
    const reportedOn = addDays(range.end, rng.int(5, 25));
    if (reportedOn > g.asOf) continue;
    out.quarterReports.push({ ...baseFields(g, reportedOn), fiscalYear, quarter, reportedOn });
  }
}

/** Salaries, utilities, allowances: paid monthly, no contract. Returns the allocation. */
function recurringItem(g: LaoGen, fiscalYear: number, ordinanceId: string, index: number, cutoff: string, yearEnded: boolean): number {
  const { rng, out } = g;
  const [name, min, max] = RECURRING_ITEMS[index % RECURRING_ITEMS.length]!;
  const monthly = bahtAmount(rng, min, Math.round(max * TYPE_SIZE[g.lao.type]), 100);
  const allocated = monthly * 12 + bahtAmount(rng, 0, Math.round(monthly / 100 / 5), 100);
  const item = {
    ...baseFields(g, fiscalYearRange(fiscalYear).start),
    fiscalYear,
    ordinanceId,
    planProjectId: null,
    name: `${name} (${UNITS[Math.floor(index / RECURRING_ITEMS.length) % UNITS.length]})`,
    allocated,
    outcome: (yearEnded ? 'completed' : 'open') as ItemOutcome,
    cancelReason: null,
  };
  out.ordinanceItems.push(item);
  for (const { year, month } of monthsOfFiscalYear(fiscalYear)) {
    const paidOn = internDate(toIsoDate({ year, month, day: rng.int(20, daysInMonth(year, month)) }));
    if (paidOn > cutoff) break;
    out.disbursements.push(disbursement(g, fiscalYear, item.id, null, paidOn, monthly));
  }
  return allocated;
}

/** Disbursements are ~85% of all records: one literal, no spread, keeps generation fast. */
function disbursement(g: LaoGen, fiscalYear: number, ordinanceItemId: string, contractId: string | null, paidOn: string, amount: number): Disbursement {
  const b = baseFields(g, paidOn);
  return {
    id: b.id, laoId: b.laoId, provinceCode: b.provinceCode, deleted: false, version: 0, updatedAt: b.updatedAt,
    updatedBy: b.updatedBy, enteredOnBehalf: b.enteredOnBehalf, fiscalYear, ordinanceItemId, contractId, paidOn, amount,
    overrideReason: null,
  };
}

const OUTCOMES: readonly [ItemOutcome, number][] = [['completed', 0.8], ['cancelled', 0.05], ['carried_over', 0.1], ['open', 0.05]];

function pickOutcome(g: LaoGen, yearEnded: boolean): ItemOutcome {
  if (!yearEnded) return g.rng.chance(0.05) ? 'cancelled' : 'open';
  let r = g.rng.next();
  for (const [outcome, p] of OUTCOMES) if ((r -= p) < 0) return outcome === 'open' && g.profile === 'complete' ? 'completed' : outcome;
  return 'completed';
}

function procurementFor(g: LaoGen, amount: number): ProcurementMethod {
  if (amount < 10_000_000) return g.rng.pick(['specific', 'specific', 'e_market'] as const);
  if (amount < 500_000_000) return g.rng.pick(['e_market', 'e_bidding', 'selection'] as const);
  return 'e_bidding';
}

/** A plan project's item: one contract and one to three installments. Returns the allocation. */
function projectItem(
  g: LaoGen, fiscalYear: number, ordinanceId: string, project: DemoProject, cutoff: string, yearEnded: boolean,
): number {
  const { rng, out } = g;
  const allocated = project.budgets.get(fiscalYear) || bahtAmount(rng, 100_000, 3_000_000, 1000);
  const outcome = pickOutcome(g, yearEnded);
  const item = {
    ...baseFields(g, fiscalYearRange(fiscalYear).start),
    fiscalYear, ordinanceId, planProjectId: project.id, name: project.name, allocated, outcome,
    cancelReason: outcome === 'cancelled' ? rng.pick(CANCEL_REASONS) : null,
  };
  out.ordinanceItems.push(item);
  if (outcome === 'cancelled') return allocated;

  const fyStart = fiscalYearRange(fiscalYear).start;
  const signedOn = randomDate(rng, addDays(fyStart, 20), quarterRange(fiscalYear, 3).end);
  if (signedOn > cutoff) return allocated;
  const amount = Math.floor((allocated * rng.int(85, 100)) / 100 / 10_000) * 10_000;
  const contract = {
    ...baseFields(g, signedOn),
    fiscalYear, ordinanceItemId: item.id,
    number: `${rng.int(1, 250)}/${fiscalYear}`,
    signedOn, amount, contractor: rng.pick(CONTRACTORS), procurementMethod: procurementFor(g, amount),
  };
  out.contracts.push(contract);

  const installments = rng.int(1, 3);
  const toPay = outcome === 'completed' ? amount : outcome === 'carried_over' ? Math.floor(amount * 0.4) : Math.floor(amount * 0.5);
  const payEnd = minDate(fiscalYearRange(fiscalYear).end, cutoff);
  const dates = Array.from({ length: installments }, () => randomDate(rng, addDays(signedOn, 15), payEnd)).sort();
  splitSatang(toPay, installments).forEach((part, i) => {
    const paidOn = dates[i]!;
    if (paidOn > cutoff || paidOn < signedOn || part <= 0) return;
    out.disbursements.push(disbursement(g, fiscalYear, item.id, contract.id, paidOn, part));
  });
  return allocated;
}
