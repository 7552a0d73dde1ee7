/**
 * Builds a ValidationContext from records already in hand (a Dexie query
 * result, a server batch, the demo dataset).
 */
import type { Contract } from './contract';
import type { Disbursement } from './disbursement';
import type { OrdinanceItem, Ordinance } from './ordinance';
import type { DevelopmentPlan, PlanProject } from './plan';
import type { RecordTable } from './tables';
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

/** The table each lookup by id reads. */
export const LOOKUP_TABLES = {
  plan: 'plans',
  planProject: 'planProjects',
  ordinance: 'ordinances',
  ordinanceItem: 'ordinanceItems',
  contract: 'contracts',
} as const satisfies Partial<Record<keyof RelatedLookups, RecordTable>>;
export type ByIdLookup = keyof typeof LOOKUP_TABLES;

/** Which table a lookup reads: disbursedSum the disbursements, periodTaken the table of the period asked. */
export function tableOfLookup(lookup: keyof RelatedLookups, args: unknown[]): RecordTable {
  if (lookup === 'disbursedSum') return 'disbursements';
  if (lookup === 'periodTaken') return (args[0] as PeriodKey).table;
  return LOOKUP_TABLES[lookup];
}

/** Lookups are given only for the kinds of records passed, so absent kinds are not checked. */
export function buildValidationContext(records: ContextRecords): ValidationContext {
  const related: RelatedLookups = {};
  for (const [name, table] of Object.entries(LOOKUP_TABLES) as Array<[ByIdLookup, (typeof LOOKUP_TABLES)[ByIdLookup]]>) {
    const rows = records[table] as ReadonlyArray<{ id: string; deleted: boolean }> | undefined;
    if (rows) (related as Record<ByIdLookup, unknown>)[name] = lookup(byId(live(rows)));
  }
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
