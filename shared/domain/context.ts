/**
 * Builds a ValidationContext from records already in hand (a Dexie query
 * result, a server batch, the demo dataset).
 */
import type { Contract } from './contract';
import type { Disbursement } from './disbursement';
import type { OrdinanceItem, Ordinance } from './ordinance';
import type { DevelopmentPlan, PlanProject } from './plan';
import { periodKeyOf, periodKeyText, type PeriodKey, type RelatedLookups, type ValidationContext } from './rules';

export interface ContextRecords {
  laoIds?: Iterable<string>;
  plans?: readonly DevelopmentPlan[];
  planProjects?: readonly PlanProject[];
  ordinances?: readonly Ordinance[];
  ordinanceItems?: readonly OrdinanceItem[];
  contracts?: readonly Contract[];
  disbursements?: readonly Disbursement[];
  fiscalStats?: ReadonlyArray<{ id: string; deleted: boolean; year: number; month: number }>;
  quarterReports?: ReadonlyArray<{ id: string; deleted: boolean; fiscalYear: number; quarter: number }>;
}

const live = <T extends { deleted: boolean }>(rows: readonly T[] | undefined): T[] =>
  (rows ?? []).filter((r) => !r.deleted);

function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

/** Lookups are given only for the kinds of records passed, so absent kinds are not checked. */
export function buildValidationContext(records: ContextRecords): ValidationContext {
  const related: RelatedLookups = {};
  if (records.plans) related.plan = lookup(byId(live(records.plans)));
  if (records.planProjects) related.planProject = lookup(byId(live(records.planProjects)));
  if (records.ordinances) related.ordinance = lookup(byId(live(records.ordinances)));
  if (records.ordinanceItems) related.ordinanceItem = lookup(byId(live(records.ordinanceItems)));
  if (records.contracts) related.contract = lookup(byId(live(records.contracts)));
  if (records.disbursements) related.disbursedSum = disbursedSums(live(records.disbursements));
  if (records.fiscalStats || records.quarterReports) related.periodTaken = periodsTaken(records);
  return {
    ...(records.laoIds ? { knownLaoIds: new Set(records.laoIds) } : {}),
    related,
  };
}

function periodsTaken(records: ContextRecords): NonNullable<RelatedLookups['periodTaken']> {
  const holders = new Map<string, string[]>();
  const hold = (key: PeriodKey, id: string) => holders.set(periodKeyText(key), [...(holders.get(periodKeyText(key)) ?? []), id]);
  for (const table of ['fiscalStats', 'quarterReports'] as const) {
    for (const record of live<{ id: string; deleted: boolean }>(records[table])) {
      const key = periodKeyOf(table, record as unknown as Record<string, unknown>);
      if (key) hold(key, record.id);
    }
  }
  return (key, excludeId) => (holders.get(periodKeyText(key)) ?? []).some((id) => id !== excludeId);
}

const lookup =
  <T>(map: Map<string, T>) =>
  (id: string): T | undefined =>
    map.get(id);

function disbursedSums(rows: readonly Disbursement[]): NonNullable<RelatedLookups['disbursedSum']> {
  const byItem = new Map<string, number>();
  const byContract = new Map<string, number>();
  const rowsById = byId(rows);
  for (const d of rows) {
    byItem.set(d.ordinanceItemId, (byItem.get(d.ordinanceItemId) ?? 0) + d.amount);
    if (d.contractId) byContract.set(d.contractId, (byContract.get(d.contractId) ?? 0) + d.amount);
  }
  return (by, excludeId) => {
    const own = rowsById.get(excludeId);
    if ('contractId' in by) {
      const mine = own && own.contractId === by.contractId ? own.amount : 0;
      return (byContract.get(by.contractId) ?? 0) - mine;
    }
    const mine = own && own.ordinanceItemId === by.ordinanceItemId ? own.amount : 0;
    return (byItem.get(by.ordinanceItemId) ?? 0) - mine;
  };
}
