/**
 * One LAO's live records indexed once, so every rule runs in time linear in
 * the records (an LAO may have thousands of disbursements; a province 334 LAOs).
 */
import type {
  AntiDrugActivity, DevelopmentPlan, Grant, Ordinance, OrdinanceItem, RecordOf, RecordTable, Vision,
} from '../domain/index';
import { RECORD_TABLES } from '../domain/tables';
import { fiscalYearOfMonth, quarterOfMonth } from './fiscal';

/** One LAO's records (any fiscal years); deleted ones are ignored. */
export type LaoRecords = { [T in RecordTable]?: ReadonlyArray<RecordOf<T>> };

/** An ordinance item with what its disbursements say about it. */
export interface ItemFacts {
  item: OrdinanceItem;
  /** Bit q-1 is set when a disbursement was paid in quarter q of the item's own fiscal year. */
  quarterMask: number;
  disbursements: number;
}

export interface RecordIndex {
  ordinancesByFy: Map<number, Ordinance[]>;
  /** Items of live ordinances only: deleting an ordinance takes its items with it. */
  itemsByOrdinance: Map<string, ItemFacts[]>;
  reportedQuarters: Set<string>;
  visions: Vision[];
  plans: DevelopmentPlan[];
  projectsByPlan: Map<string, number>;
  grantsByFy: Map<number, Grant[]>;
  /** year * 12 + month of each month with statistics, per fiscal year. */
  statsMonthsByFy: Map<number, Set<number>>;
  antiDrugByFy: Map<number, AntiDrugActivity[]>;
}

export const quarterKey = (fiscalYear: number, quarter: number): string => `${fiscalYear}:${quarter}`;

const NONE: ReadonlyArray<never> = Object.freeze([]);

function live<T extends RecordTable>(records: LaoRecords, table: T): RecordOf<T>[] {
  const rows = (records[table] ?? NONE) as ReadonlyArray<RecordOf<T>>;
  return rows.filter((r) => !r.deleted);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
/** Year and month of a validated ISO date, read digit by digit: this runs once per disbursement. */
const yearMonthOf = (iso: string) => ({
  year: digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3),
  month: digit(iso, 5) * 10 + digit(iso, 6),
});

function indexItems(records: LaoRecords, liveOrdinances: ReadonlySet<string>): Map<string, ItemFacts[]> {
  const facts = new Map<string, ItemFacts>();
  const byOrdinance = new Map<string, ItemFacts[]>();
  for (const item of live(records, 'ordinanceItems')) {
    if (!liveOrdinances.has(item.ordinanceId)) continue;
    const f: ItemFacts = { item, quarterMask: 0, disbursements: 0 };
    facts.set(item.id, f);
    push(byOrdinance, item.ordinanceId, f);
  }
  for (const d of records.disbursements ?? NONE) {
    const f = d.deleted ? undefined : facts.get(d.ordinanceItemId);
    if (!f) continue;
    f.disbursements++;
    const { year, month } = yearMonthOf(d.paidOn);
    if (fiscalYearOfMonth(year, month) === f.item.fiscalYear) f.quarterMask |= 1 << (quarterOfMonth(month) - 1);
  }
  return byOrdinance;
}

export function buildRecordIndex(records: LaoRecords): RecordIndex {
  const ordinancesByFy = new Map<number, Ordinance[]>();
  const ordinanceIds = new Set<string>();
  for (const o of live(records, 'ordinances')) {
    push(ordinancesByFy, o.fiscalYear, o);
    ordinanceIds.add(o.id);
  }
  const projectsByPlan = new Map<string, number>();
  for (const p of live(records, 'planProjects')) projectsByPlan.set(p.planId, (projectsByPlan.get(p.planId) ?? 0) + 1);
  const grantsByFy = new Map<number, Grant[]>();
  for (const g of live(records, 'grants')) push(grantsByFy, g.fiscalYear, g);
  const statsMonthsByFy = new Map<number, Set<number>>();
  for (const s of live(records, 'fiscalStats')) {
    const months = statsMonthsByFy.get(s.fiscalYear) ?? new Set<number>();
    months.add(s.year * 12 + s.month);
    statsMonthsByFy.set(s.fiscalYear, months);
  }
  const antiDrugByFy = new Map<number, AntiDrugActivity[]>();
  for (const a of live(records, 'antiDrugActivities')) push(antiDrugByFy, a.fiscalYear, a);
  return {
    ordinancesByFy,
    itemsByOrdinance: indexItems(records, ordinanceIds),
    reportedQuarters: new Set(live(records, 'quarterReports').map((r) => quarterKey(r.fiscalYear, r.quarter))),
    visions: live(records, 'visions'),
    plans: live(records, 'plans'),
    projectsByPlan,
    grantsByFy,
    statsMonthsByFy,
    antiDrugByFy,
  };
}

interface CacheEntry {
  arrays: ReadonlyArray<unknown>[];
  lengths: number[];
  index: RecordIndex;
}
const cache = new WeakMap<LaoRecords, CacheEntry>();

/**
 * The index of a records object, built once and reused while its arrays stay
 * the same (evaluateTask per task then costs no more than evaluateLao).
 */
export function recordIndexOf(records: LaoRecords): RecordIndex {
  const arrays = RECORD_TABLES.map((t) => (records[t] ?? NONE) as ReadonlyArray<unknown>);
  const cached = cache.get(records);
  if (cached && arrays.every((a, i) => a === cached.arrays[i] && a.length === cached.lengths[i])) return cached.index;
  const index = buildRecordIndex(records);
  cache.set(records, { arrays, lengths: arrays.map((a) => a.length), index });
  return index;
}

/** Items of all live ordinances of a fiscal year. */
export function itemsOfYear(index: RecordIndex, fiscalYear: number): ItemFacts[] {
  const out: ItemFacts[] = [];
  for (const o of index.ordinancesByFy.get(fiscalYear) ?? []) out.push(...(index.itemsByOrdinance.get(o.id) ?? []));
  return out;
}
