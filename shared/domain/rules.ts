/**
 * Cross-record rules: the ones that need other records (the plan of a project,
 * the item of a disbursement, sums already paid). Run after the schema passes.
 */
import { fiscalYearRange, isWithin } from '../calendar/fiscal';
import { formatBaht } from '../money';
import { issue, type ValidationIssue } from '../result';
import { fiscalYearParams } from './common';
import type { ValidationCode } from './codes';
import type { Contract } from './contract';
import type { Disbursement } from './disbursement';
import type { ItemOutcome, OrdinanceItem } from './ordinance';
import type { PlanAmendment, PlanProject } from './plan';
import type { RecordBase } from './record';
import type { RecordTable } from './tables';

export interface RelatedLookups {
  plan?(id: string): { startYear: number; years: number } | undefined;
  planProject?(id: string): { planId: string } | undefined;
  ordinance?(id: string): { fiscalYear: number } | undefined;
  ordinanceItem?(id: string): { fiscalYear: number; allocated: number; outcome: ItemOutcome } | undefined;
  contract?(id: string): { ordinanceItemId: string; amount: number; signedOn: string } | undefined;
  /** Sum of live disbursements of an item or a contract, not counting the record `excludeId`. */
  disbursedSum?(by: { ordinanceItemId: string } | { contractId: string }, excludeId: string): number;
  /** Whether another live record already holds this period (a month's statistics, a quarter's report). */
  periodTaken?(period: PeriodKey, excludeId: string): boolean;
}

/** One LAO's month of fiscal statistics or one quarter's report exists once. */
export type PeriodKey = { table: 'fiscalStats'; year: number; month: number } | { table: 'quarterReports'; fiscalYear: number; quarter: number };

export const periodKeyText = (key: PeriodKey): string =>
  key.table === 'fiscalStats' ? `fiscalStats:${key.year}-${key.month}` : `quarterReports:${key.fiscalYear}-${key.quarter}`;

/**
 * The period a record of a one-per-period table holds, or undefined for any
 * other table (or a record without its period fields). Two live records of
 * one LAO never share a period: the laptop refuses the second, and the
 * server sets a second one made offline aside as a conflict (server/sync/push.ts).
 */
export function periodKeyOf(table: string, record: Record<string, unknown>): PeriodKey | undefined {
  const { year, month, fiscalYear, quarter } = record;
  if (table === 'fiscalStats' && typeof year === 'number' && typeof month === 'number') return { table, year, month };
  if (table === 'quarterReports' && typeof fiscalYear === 'number' && typeof quarter === 'number') return { table, fiscalYear, quarter };
  return undefined;
}

const PERIOD_ISSUE = { fiscalStats: ['month', 'fiscalStats.duplicateMonth'], quarterReports: ['quarter', 'quarterReport.duplicate'] } as const;
/** The tables of which an LAO holds one live record per period. */
export const PERIOD_TABLES = Object.keys(PERIOD_ISSUE) as Array<PeriodKey['table']>;

export interface ValidationContext {
  /** LAOs the writer may know; a record for any other LAO is refused. */
  knownLaoIds?: ReadonlySet<string>;
  related?: RelatedLookups;
}

type Issues = ValidationIssue[];
const add = (out: Issues, path: string, code: ValidationCode, params?: Record<string, string | number>) =>
  out.push(issue(path, code, params));

/** Contracts and payments of a carried-over item may fall in the following fiscal year too. */
function checkSpendingDate(out: Issues, path: string, date: string, fiscalYear: number, outcome?: ItemOutcome) {
  const carried = outcome === 'carried_over';
  const end = fiscalYearRange(carried ? fiscalYear + 1 : fiscalYear).end;
  if (isWithin(date, { start: fiscalYearRange(fiscalYear).start, end })) return;
  if (carried) add(out, path, 'date.outsideCarryOverWindow', { ...fiscalYearParams(fiscalYear), nextFy: fiscalYear + 1 });
  else add(out, path, 'date.outsideFiscalYear', fiscalYearParams(fiscalYear));
}

function itemOf(out: Issues, r: { ordinanceItemId: string; fiscalYear: number }, related: RelatedLookups) {
  if (!related.ordinanceItem) return undefined;
  const item = related.ordinanceItem(r.ordinanceItemId);
  if (!item) add(out, 'ordinanceItemId', 'ordinanceItem.unknown');
  else if (item.fiscalYear !== r.fiscalYear) add(out, 'fiscalYear', 'fiscalYear.mismatch', { fy: item.fiscalYear });
  return item;
}

function planRules(out: Issues, r: PlanAmendment | PlanProject, related: RelatedLookups) {
  if (!related.plan) return;
  const plan = related.plan(r.planId);
  if (!plan) return add(out, 'planId', 'plan.unknown');
  if (!('budgets' in r)) return;
  const end = plan.startYear + plan.years - 1;
  r.budgets.forEach((b, i) => {
    if (b.year < plan.startYear || b.year > end) {
      add(out, `budgets.${i}.year`, 'budget.yearOutsidePlan', { year: b.year, start: plan.startYear, end });
    }
  });
}

function ordinanceItemRules(out: Issues, r: OrdinanceItem, related: RelatedLookups) {
  if (related.ordinance) {
    const ordinance = related.ordinance(r.ordinanceId);
    if (!ordinance) add(out, 'ordinanceId', 'ordinance.unknown');
    else if (ordinance.fiscalYear !== r.fiscalYear) add(out, 'fiscalYear', 'fiscalYear.mismatch', { fy: ordinance.fiscalYear });
  }
  if (r.planProjectId && related.planProject && !related.planProject(r.planProjectId)) {
    add(out, 'planProjectId', 'planProject.unknown');
  }
}

function contractRules(out: Issues, r: Contract, related: RelatedLookups) {
  const item = itemOf(out, r, related);
  checkSpendingDate(out, 'signedOn', r.signedOn, r.fiscalYear, item?.outcome);
}

function disbursementRules(out: Issues, r: Disbursement, related: RelatedLookups) {
  const item = itemOf(out, r, related);
  checkSpendingDate(out, 'paidOn', r.paidOn, r.fiscalYear, item?.outcome);
  const contract = r.contractId && related.contract ? related.contract(r.contractId) : undefined;
  if (r.contractId && related.contract) {
    if (!contract) add(out, 'contractId', 'contract.unknown');
    else if (contract.ordinanceItemId !== r.ordinanceItemId) add(out, 'contractId', 'contract.itemMismatch');
  }
  if (contract && r.paidOn < contract.signedOn) add(out, 'paidOn', 'disbursement.beforeContract');
  if (r.overrideReason || !related.disbursedSum) return;
  if (contract) {
    const paid = related.disbursedSum({ contractId: r.contractId! }, r.id);
    if (paid + r.amount > contract.amount) {
      add(out, 'amount', 'disbursement.aboveContract', { available: formatBaht(Math.max(0, contract.amount - paid)) });
    }
  }
  if (item) {
    const paid = related.disbursedSum({ ordinanceItemId: r.ordinanceItemId }, r.id);
    if (paid + r.amount > item.allocated) {
      add(out, 'amount', 'disbursement.aboveAllocation', { available: formatBaht(Math.max(0, item.allocated - paid)) });
    }
  }
}

function periodRule(table: 'fiscalStats' | 'quarterReports') {
  const [path, code] = PERIOD_ISSUE[table];
  return (out: Issues, r: RecordBase, related: RelatedLookups) => {
    const key = periodKeyOf(table, r as RecordBase & Record<string, unknown>);
    if (key && related.periodTaken?.(key, r.id)) add(out, path, code);
  };
}

/**
 * A cross-record rule: the tables whose records it judges, the tables whose
 * records it reads (the laptop and the server load exactly these, see
 * tablesReadBy), and the codes it gives.
 */
export interface ContextRule {
  judges: readonly RecordTable[];
  reads: readonly RecordTable[];
  codes: readonly ValidationCode[];
  check(out: Issues, record: RecordBase, related: RelatedLookups): void;
}

const rule = <R extends RecordBase>(r: Omit<ContextRule, 'check'> & { check(out: Issues, record: R, related: RelatedLookups): void }) => r as ContextRule;

export const CONTEXT_RULES: readonly ContextRule[] = [
  rule<PlanAmendment | PlanProject>({ judges: ['planAmendments', 'planProjects'], reads: ['plans'], codes: ['plan.unknown', 'budget.yearOutsidePlan'], check: planRules }),
  rule<OrdinanceItem>({ judges: ['ordinanceItems'], reads: ['ordinances', 'planProjects'], codes: ['ordinance.unknown', 'fiscalYear.mismatch', 'planProject.unknown'], check: ordinanceItemRules }),
  rule<Contract>({ judges: ['contracts'], reads: ['ordinanceItems'], codes: ['ordinanceItem.unknown', 'fiscalYear.mismatch', 'date.outsideFiscalYear', 'date.outsideCarryOverWindow'], check: contractRules }),
  rule<Disbursement>({
    judges: ['disbursements'],
    reads: ['ordinanceItems', 'contracts', 'disbursements'],
    codes: ['ordinanceItem.unknown', 'fiscalYear.mismatch', 'date.outsideFiscalYear', 'date.outsideCarryOverWindow', 'contract.unknown', 'contract.itemMismatch', 'disbursement.beforeContract', 'disbursement.aboveContract', 'disbursement.aboveAllocation'],
    check: disbursementRules,
  }),
  rule({ judges: ['fiscalStats'], reads: ['fiscalStats'], codes: ['fiscalStats.duplicateMonth'], check: periodRule('fiscalStats') }),
  rule({ judges: ['quarterReports'], reads: ['quarterReports'], codes: ['quarterReport.duplicate'], check: periodRule('quarterReports') }),
];

export const rulesOf = (table: RecordTable): ContextRule[] => CONTEXT_RULES.filter((r) => r.judges.includes(table));

/** The tables whose records the rules of `table` read: what a caller loads to validate a record of it. */
export function tablesReadBy(table: RecordTable): ReadonlySet<RecordTable> {
  return new Set(rulesOf(table).flatMap((r) => r.reads));
}

/** Every table some rule reads. */
export const CONTEXT_TABLES: readonly RecordTable[] = [...new Set(CONTEXT_RULES.flatMap((r) => r.reads))];

/**
 * Issues of a schema-valid record against its context; tombstones are never
 * blocked. The LAO check is the scope check every write passes first (the
 * laptop from its LAOs, the server refusing UNKNOWN_LAO before any rule).
 */
export function checkContextRules(table: RecordTable, record: RecordBase, ctx: ValidationContext): Issues {
  const out: Issues = [];
  if (record.deleted) return out;
  if (ctx.knownLaoIds && !ctx.knownLaoIds.has(record.laoId)) add(out, 'laoId', 'lao.unknown');
  const related = ctx.related ?? {};
  for (const r of rulesOf(table)) r.check(out, record, related);
  return out;
}
