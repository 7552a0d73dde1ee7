/**
 * Budget progress per LAO for one fiscal year: ordinance total, items,
 * committed, disbursed cumulatively to each quarter's end, items not started;
 * subtotals by district and by LAO type. Pure; amounts in satang.
 */
import { quarterRange, type Quarter } from '../calendar/fiscal';
import type { Contract } from '../domain/contract';
import type { Disbursement } from '../domain/disbursement';
import type { Ordinance, OrdinanceItem } from '../domain/ordinance';
import { LAO_TYPE_CODES, type District, type Lao, type LaoType } from '../domain/reference';

export interface BudgetRecords {
  ordinances: readonly Ordinance[];
  ordinanceItems: readonly OrdinanceItem[];
  contracts: readonly Contract[];
  disbursements: readonly Disbursement[];
}

export interface BudgetFigures {
  laoCount: number;
  /** LAOs with an ordinance for the year. */
  withOrdinance: number;
  ordinanceTotal: number;
  items: number;
  committed: number;
  disbursed: number;
  /** Disbursed from the start through the end of Q1..Q4. */
  disbursedToQuarter: [number, number, number, number];
  notStarted: number;
}

export interface BudgetRow { lao: Lao; hasOrdinance: boolean; figures: BudgetFigures }
export interface BudgetDistrict { district: District; rows: BudgetRow[]; subtotal: BudgetFigures }
export interface BudgetProgress {
  fiscalYear: number;
  districts: BudgetDistrict[];
  byType: Array<{ type: LaoType; subtotal: BudgetFigures }>;
  total: BudgetFigures;
}

const QUARTERS: readonly Quarter[] = [1, 2, 3, 4];

export const emptyFigures = (): BudgetFigures => ({
  laoCount: 0, withOrdinance: 0, ordinanceTotal: 0, items: 0, committed: 0, disbursed: 0, disbursedToQuarter: [0, 0, 0, 0], notStarted: 0,
});

export function addFigures(into: BudgetFigures, add: BudgetFigures): BudgetFigures {
  into.laoCount += add.laoCount;
  into.withOrdinance += add.withOrdinance;
  into.ordinanceTotal += add.ordinanceTotal;
  into.items += add.items;
  into.committed += add.committed;
  into.disbursed += add.disbursed;
  add.disbursedToQuarter.forEach((v, i) => (into.disbursedToQuarter[i] = into.disbursedToQuarter[i]! + v));
  into.notStarted += add.notStarted;
  return into;
}

/** Share of the ordinance total disbursed by the end of a quarter; null without a budget. */
export const disbursedShare = (f: BudgetFigures, quarter: Quarter): number | null =>
  f.ordinanceTotal === 0 ? null : f.disbursedToQuarter[quarter - 1]! / f.ordinanceTotal;

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

const live = <T extends { deleted: boolean }>(rows: readonly T[]) => rows.filter((r) => !r.deleted);

function laoFigures(fiscalYear: number, ordinance: Ordinance | undefined, items: readonly OrdinanceItem[], contracts: Map<string, Contract[]>, paid: Map<string, Disbursement[]>): BudgetFigures {
  const f = emptyFigures();
  f.laoCount = 1;
  if (ordinance) {
    f.withOrdinance = 1;
    f.ordinanceTotal = ordinance.total;
  }
  const ends = QUARTERS.map((q) => quarterRange(fiscalYear, q).end);
  for (const item of items) {
    f.items += 1;
    const itemContracts = contracts.get(item.id) ?? [];
    const itemPaid = paid.get(item.id) ?? [];
    for (const c of itemContracts) f.committed += c.amount;
    for (const d of itemPaid) {
      f.disbursed += d.amount;
      ends.forEach((end, i) => {
        if (d.paidOn <= end) f.disbursedToQuarter[i] = f.disbursedToQuarter[i]! + d.amount;
      });
    }
    if (item.outcome === 'open' && itemContracts.length === 0 && itemPaid.length === 0) f.notStarted += 1;
  }
  return f;
}

export function budgetProgress(laos: readonly Lao[], districts: readonly District[], records: BudgetRecords, fiscalYear: number): BudgetProgress {
  const ordinances = new Map(live(records.ordinances).filter((o) => o.fiscalYear === fiscalYear).map((o) => [o.laoId, o]));
  const ordinanceIds = new Set([...ordinances.values()].map((o) => o.id));
  const items = live(records.ordinanceItems).filter((i) => ordinanceIds.has(i.ordinanceId));
  const itemsByLao = groupBy(items, (i) => i.laoId);
  const contracts = groupBy(live(records.contracts), (c) => c.ordinanceItemId);
  const paid = groupBy(live(records.disbursements), (d) => d.ordinanceItemId);
  const typeOrder = new Map<string, number>(LAO_TYPE_CODES.map((c, i) => [c, i]));
  const sorted = [...laos].sort((a, b) => a.districtCode.localeCompare(b.districtCode) || (typeOrder.get(a.type)! - typeOrder.get(b.type)!) || a.code.localeCompare(b.code));
  const rowsByDistrict = groupBy(sorted.map((lao): BudgetRow => ({
    lao,
    hasOrdinance: ordinances.has(lao.id),
    figures: laoFigures(fiscalYear, ordinances.get(lao.id), itemsByLao.get(lao.id) ?? [], contracts, paid),
  })), (row) => row.lao.districtCode);
  const total = emptyFigures();
  const typeTotals = new Map<LaoType, BudgetFigures>();
  const out: BudgetDistrict[] = [];
  for (const district of [...districts].sort((a, b) => a.code.localeCompare(b.code))) {
    const rows = rowsByDistrict.get(district.code);
    if (!rows) continue;
    const subtotal = emptyFigures();
    for (const row of rows) {
      addFigures(subtotal, row.figures);
      if (!typeTotals.has(row.lao.type)) typeTotals.set(row.lao.type, emptyFigures());
      addFigures(typeTotals.get(row.lao.type)!, row.figures);
    }
    addFigures(total, subtotal);
    out.push({ district, rows, subtotal });
  }
  const byType = LAO_TYPE_CODES.filter((t) => typeTotals.has(t)).map((type) => ({ type, subtotal: typeTotals.get(type)! }));
  return { fiscalYear, districts: out, byType, total };
}
