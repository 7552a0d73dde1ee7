/**
 * Builds a ValidationContext from records already in hand (a Dexie query
 * result, a server batch, the demo dataset).
 */
import type { Contract } from './contract';
import type { Disbursement } from './disbursement';
import type { OrdinanceItem, Ordinance } from './ordinance';
import type { DevelopmentPlan, PlanProject } from './plan';
import type { RecordTable } from './tables';
import { PERIOD_TABLES, periodKeyOf, periodKeyText, type PeriodKey, type RelatedLookups, type ValidationContext } from './rules';

export interface ContextRecords {
  laoIds?: Iterable<string>;
  plans?: readonly DevelopmentPlan[];
  planProjects?: readonly PlanProject[];
  ordinances?: readonly Ordinance[];
  ordinanceItems?: readonly OrdinanceItem[];
  contracts?: readonly Contract[];
  disbursements?: readonly Disbursement[];
  fiscalStats?: ReadonlyArray<{ id: string; laoId: string; deleted: boolean; year: number; month: number }>;
  quarterReports?: ReadonlyArray<{ id: string; laoId: string; deleted: boolean; fiscalYear: number; quarter: number }>;
  /** Today on the writer's clock; absent: shared/clock's today when the rules run. */
  today?: string;
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

/** Each sum lookup: the table it adds up, the field it adds, the fields it may be asked by. */
export const SUM_LOOKUPS = {
  disbursedSum: { table: 'disbursements', amount: 'amount', by: ['ordinanceItemId', 'contractId'] },
  contractedSum: { table: 'contracts', amount: 'amount', by: ['ordinanceItemId'] },
  allocatedSum: { table: 'ordinanceItems', amount: 'allocated', by: ['ordinanceId'] },
} as const satisfies Partial<Record<keyof RelatedLookups, { table: RecordTable; amount: string; by: readonly string[] }>>;
export type SumLookup = keyof typeof SUM_LOOKUPS;
/** A sum lookup's signature: the records whose one field holds a value, not counting `excludeId`. */
export type SumOf = (by: Record<string, string>, excludeId: string) => number;

/** Which table a lookup reads: a sum its table, periodTaken the table of the period asked. */
export function tableOfLookup(lookup: keyof RelatedLookups, args: unknown[]): RecordTable {
  if (lookup === 'periodTaken') return (args[0] as PeriodKey).table;
  if (lookup in SUM_LOOKUPS) return SUM_LOOKUPS[lookup as SumLookup].table;
  return LOOKUP_TABLES[lookup as ByIdLookup];
}

/** Lookups are given only for the kinds of records passed, so absent kinds are not checked. */
export function buildValidationContext(records: ContextRecords): ValidationContext {
  const related: RelatedLookups = {};
  for (const [name, table] of Object.entries(LOOKUP_TABLES) as Array<[ByIdLookup, (typeof LOOKUP_TABLES)[ByIdLookup]]>) {
    const rows = records[table] as ReadonlyArray<{ id: string; deleted: boolean }> | undefined;
    if (rows) (related as Record<ByIdLookup, unknown>)[name] = lookup(byId(live(rows)));
  }
  for (const name of Object.keys(SUM_LOOKUPS) as SumLookup[]) {
    const rows = records[SUM_LOOKUPS[name].table] as ReadonlyArray<{ id: string; deleted: boolean }> | undefined;
    if (rows) (related as Record<SumLookup, SumOf>)[name] = sumLookup(name, live(rows) as unknown as ReadonlyArray<Record<string, unknown>>);
  }
  if (PERIOD_TABLES.some((table) => records[table])) related.periodTaken = periodsTaken(records);
  return {
    ...(records.laoIds ? { knownLaoIds: new Set(records.laoIds) } : {}),
    related,
    ...(records.today ? { today: records.today } : {}),
  };
}

function periodsTaken(records: ContextRecords): NonNullable<RelatedLookups['periodTaken']> {
  const holders = new Map<string, string[]>();
  const hold = (key: PeriodKey, id: string) => holders.set(periodKeyText(key), [...(holders.get(periodKeyText(key)) ?? []), id]);
  for (const table of PERIOD_TABLES) {
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

/** Sums of a table's amount by each field it may be asked by, less the excluded record's own share. */
export function sumLookup(name: SumLookup, rows: ReadonlyArray<Record<string, unknown>>): SumOf {
  const { amount, by: fields } = SUM_LOOKUPS[name];
  const sums = new Map<string, number>();
  const rowsById = new Map(rows.map((r) => [String(r.id), r]));
  const keyOf = (field: string, value: unknown) => `${field}=${String(value)}`;
  for (const row of rows) {
    for (const field of fields) {
      if (typeof row[field] === 'string') sums.set(keyOf(field, row[field]), (sums.get(keyOf(field, row[field])) ?? 0) + Number(row[amount]));
    }
  }
  return (by, excludeId) => {
    const [field, value] = Object.entries(by)[0]!;
    const own = rowsById.get(excludeId);
    const mine = own && own[field] === value ? Number(own[amount]) : 0;
    return (sums.get(keyOf(field, value)) ?? 0) - mine;
  };
}
