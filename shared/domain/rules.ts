/**
 * Cross-record rules: the ones that need other records (the plan of a project,
 * the item of a disbursement, sums already paid) or today's date. Each runs
 * once the fields it reads pass the schema, beside the schema's own issues
 * (validateRecord), so a form shows every problem at once.
 */
import { fiscalYearRange, isWithin } from '../calendar/fiscal';
import { today as clockToday } from '../clock';
import { formatBaht } from '../money';
import { issue, type ValidationIssue } from '../result';
import { fiscalYearParams } from './common';
import type { ValidationCode } from './codes';
import type { Contract } from './contract';
import type { Disbursement } from './disbursement';
import type { ItemOutcome, Ordinance, OrdinanceItem } from './ordinance';
import type { PlanAmendment, PlanProject } from './plan';
import type { RecordBase } from './record';
import type { RecordTable } from './tables';

export interface RelatedLookups {
  plan?(id: string): { startYear: number; years: number } | undefined;
  planProject?(id: string): { planId: string } | undefined;
  ordinance?(id: string): { fiscalYear: number; total: number } | undefined;
  ordinanceItem?(id: string): { fiscalYear: number; allocated: number; outcome: ItemOutcome } | undefined;
  contract?(id: string): { ordinanceItemId: string; amount: number; signedOn: string } | undefined;
  /** Sum of live disbursements of an item or a contract, not counting the record `excludeId`. */
  disbursedSum?(by: { ordinanceItemId: string } | { contractId: string }, excludeId: string): number;
  /** Sum of the amounts of an item's live contracts, not counting the record `excludeId`. */
  contractedSum?(by: { ordinanceItemId: string }, excludeId: string): number;
  /** Sum of the allocations of an ordinance's live items, not counting the record `excludeId`. */
  allocatedSum?(by: { ordinanceId: string }, excludeId: string): number;
  /** Whether another live record already holds this period (a month's statistics, a quarter's report). */
  periodTaken?(period: PeriodKey, excludeId: string): boolean;
}

/** One LAO's month of fiscal statistics, one quarter's report, one fiscal year's ordinance exists once. */
export type PeriodKey = { laoId: string } & (
  | { table: 'fiscalStats'; year: number; month: number }
  | { table: 'quarterReports'; fiscalYear: number; quarter: number }
  | { table: 'ordinances'; fiscalYear: number }
);

export function periodKeyText(key: PeriodKey): string {
  if (key.table === 'fiscalStats') return `${key.laoId}:fiscalStats:${key.year}-${key.month}`;
  if (key.table === 'quarterReports') return `${key.laoId}:quarterReports:${key.fiscalYear}-${key.quarter}`;
  return `${key.laoId}:ordinances:${key.fiscalYear}`;
}

/**
 * The period a record of a one-per-period table holds, or undefined for any
 * other table (or a record without its period fields). Two live records of
 * one LAO never share a period: the laptop refuses the second, and the
 * server sets a second one made offline aside as a conflict (server/sync/push.ts).
 */
export function periodKeyOf(table: string, record: Record<string, unknown>): PeriodKey | undefined {
  const laoId = record.laoId;
  const number = (field: string) => (typeof record[field] === 'number' ? (record[field] as number) : undefined);
  if (typeof laoId !== 'string') return undefined;
  if (table === 'fiscalStats') {
    const [year, month] = [number('year'), number('month')];
    return year !== undefined && month !== undefined ? { laoId, table, year, month } : undefined;
  }
  if (table === 'quarterReports') {
    const [fiscalYear, quarter] = [number('fiscalYear'), number('quarter')];
    return fiscalYear !== undefined && quarter !== undefined ? { laoId, table, fiscalYear, quarter } : undefined;
  }
  const fiscalYear = table === 'ordinances' ? number('fiscalYear') : undefined;
  return fiscalYear !== undefined ? { laoId, table: 'ordinances', fiscalYear } : undefined;
}

const PERIOD_ISSUE = {
  fiscalStats: ['month', 'fiscalStats.duplicateMonth'],
  quarterReports: ['quarter', 'quarterReport.duplicate'],
  ordinances: ['fiscalYear', 'ordinance.duplicateYear'],
} as const;
/** The tables of which an LAO holds one live record per period. */
export const PERIOD_TABLES = Object.keys(PERIOD_ISSUE) as Array<PeriodKey['table']>;

export interface ValidationContext {
  /** LAOs the writer may know; a record for any other LAO is refused. */
  knownLaoIds?: ReadonlySet<string>;
  related?: RelatedLookups;
  /** Today on the writer's clock (ISO, Asia/Bangkok): the server's own, the laptop's shared/clock. Defaults to shared/clock. */
  today?: string;
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
  const ordinance = related.ordinance?.(r.ordinanceId);
  if (related.ordinance) {
    if (!ordinance) add(out, 'ordinanceId', 'ordinance.unknown');
    else if (ordinance.fiscalYear !== r.fiscalYear) add(out, 'fiscalYear', 'fiscalYear.mismatch', { fy: ordinance.fiscalYear });
  }
  if (r.planProjectId && related.planProject && !related.planProject(r.planProjectId)) {
    add(out, 'planProjectId', 'planProject.unknown');
  }
  // Items are what the ordinance's total is made of: together they never pass it.
  if (ordinance && related.allocatedSum) {
    const others = related.allocatedSum({ ordinanceId: r.ordinanceId }, r.id);
    if (others + r.allocated > ordinance.total) {
      add(out, 'allocated', 'ordinanceItem.aboveOrdinanceTotal', { available: formatBaht(Math.max(0, ordinance.total - others)) });
    }
  }
}

/** The same sum seen from the ordinance: its total never drops below its items. */
function ordinanceTotalRule(out: Issues, r: Ordinance, related: RelatedLookups) {
  const items = related.allocatedSum?.({ ordinanceId: r.id }, r.id) ?? 0;
  if (items > r.total) add(out, 'total', 'ordinance.totalBelowItems', { items: formatBaht(items) });
}

function contractRules(out: Issues, r: Contract, related: RelatedLookups) {
  const item = itemOf(out, r, related);
  checkSpendingDate(out, 'signedOn', r.signedOn, r.fiscalYear, item?.outcome);
  // An item's contracts commit its allocation: together they never pass it.
  if (item && related.contractedSum) {
    const others = related.contractedSum({ ordinanceItemId: r.ordinanceItemId }, r.id);
    if (others + r.amount > item.allocated) {
      add(out, 'amount', 'contract.aboveAllocation', { available: formatBaht(Math.max(0, item.allocated - others)) });
    }
  }
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

function periodRule(table: PeriodKey['table']) {
  const [path, code] = PERIOD_ISSUE[table];
  return (out: Issues, r: RecordBase, related: RelatedLookups) => {
    const key = periodKeyOf(table, r as RecordBase & Record<string, unknown>);
    if (key && related.periodTaken?.(key, r.id)) add(out, path, code, 'fiscalYear' in key ? { fy: key.fiscalYear } : undefined);
  };
}

/**
 * Dates of things that have happened: a contract signed, a payment made, an
 * ordinance passed or announced, a quarter reported, a plan submitted or
 * approved, a grant's figures as of a day. None can be later than today.
 * Dates that may be planned ahead stay free: an anti-drug activity (its
 * result is filled in afterwards) and a field visit.
 */
export const PAST_DATE_FIELDS = {
  contracts: ['signedOn'],
  disbursements: ['paidOn'],
  ordinances: ['councilPassedOn', 'announcedOn'],
  quarterReports: ['reportedOn'],
  plans: ['submittedOn', 'approvedOn'],
  planAmendments: ['approvedOn'],
  grants: ['updatedOn'],
} as const satisfies Partial<Record<RecordTable, readonly string[]>>;
type PastDateTable = keyof typeof PAST_DATE_FIELDS;

function notInFuture(table: PastDateTable) {
  return (out: Issues, r: RecordBase, _related: RelatedLookups, today: string) => {
    for (const field of PAST_DATE_FIELDS[table]) {
      const date = (r as RecordBase & Record<string, unknown>)[field];
      if (typeof date === 'string' && date > today) add(out, field, 'date.inFuture');
    }
  };
}

/**
 * A cross-record rule: the tables whose records it judges, the tables whose
 * records it reads (the laptop and the server load exactly these, see
 * tablesReadBy), the fields of the judged record it reads (it runs only once
 * those pass the schema), and the codes it gives.
 */
export interface ContextRule {
  judges: readonly RecordTable[];
  reads: readonly RecordTable[];
  fields: readonly string[];
  codes: readonly ValidationCode[];
  check(out: Issues, record: RecordBase, related: RelatedLookups, today: string): void;
}

type Check<R> = (out: Issues, record: R, related: RelatedLookups, today: string) => void;
const rule = <R extends RecordBase>(r: Omit<ContextRule, 'check'> & { check: Check<R> }) => r as ContextRule;

const pastDates = (table: PastDateTable) =>
  rule({ judges: [table], reads: [], fields: PAST_DATE_FIELDS[table], codes: ['date.inFuture'], check: notInFuture(table) });

const SPENDING = ['ordinanceItemId', 'fiscalYear', 'amount'];

export const CONTEXT_RULES: readonly ContextRule[] = [
  rule<PlanAmendment | PlanProject>({ judges: ['planAmendments', 'planProjects'], reads: ['plans'], fields: ['planId', 'budgets'], codes: ['plan.unknown', 'budget.yearOutsidePlan'], check: planRules }),
  rule<OrdinanceItem>({
    judges: ['ordinanceItems'],
    reads: ['ordinances', 'planProjects', 'ordinanceItems'],
    fields: ['ordinanceId', 'fiscalYear', 'planProjectId', 'allocated'],
    codes: ['ordinance.unknown', 'fiscalYear.mismatch', 'planProject.unknown', 'ordinanceItem.aboveOrdinanceTotal'],
    check: ordinanceItemRules,
  }),
  rule<Ordinance>({ judges: ['ordinances'], reads: ['ordinanceItems'], fields: ['total'], codes: ['ordinance.totalBelowItems'], check: ordinanceTotalRule }),
  rule<Contract>({
    judges: ['contracts'],
    reads: ['ordinanceItems', 'contracts'],
    fields: [...SPENDING, 'signedOn'],
    codes: ['ordinanceItem.unknown', 'fiscalYear.mismatch', 'date.outsideFiscalYear', 'date.outsideCarryOverWindow', 'contract.aboveAllocation'],
    check: contractRules,
  }),
  rule<Disbursement>({
    judges: ['disbursements'],
    reads: ['ordinanceItems', 'contracts', 'disbursements'],
    fields: [...SPENDING, 'paidOn', 'contractId', 'overrideReason'],
    codes: ['ordinanceItem.unknown', 'fiscalYear.mismatch', 'date.outsideFiscalYear', 'date.outsideCarryOverWindow', 'contract.unknown', 'contract.itemMismatch', 'disbursement.beforeContract', 'disbursement.aboveContract', 'disbursement.aboveAllocation'],
    check: disbursementRules,
  }),
  rule({ judges: ['fiscalStats'], reads: ['fiscalStats'], fields: ['year', 'month'], codes: ['fiscalStats.duplicateMonth'], check: periodRule('fiscalStats') }),
  rule({ judges: ['quarterReports'], reads: ['quarterReports'], fields: ['fiscalYear', 'quarter'], codes: ['quarterReport.duplicate'], check: periodRule('quarterReports') }),
  rule({ judges: ['ordinances'], reads: ['ordinances'], fields: ['fiscalYear'], codes: ['ordinance.duplicateYear'], check: periodRule('ordinances') }),
  ...(Object.keys(PAST_DATE_FIELDS) as PastDateTable[]).map(pastDates),
];

export const rulesOf = (table: RecordTable): ContextRule[] => CONTEXT_RULES.filter((r) => r.judges.includes(table));

/** The tables whose records the rules of `table` read: what a caller loads to validate a record of it. */
export function tablesReadBy(table: RecordTable): ReadonlySet<RecordTable> {
  return new Set(rulesOf(table).flatMap((r) => r.reads));
}

/** Every table some rule reads. */
export const CONTEXT_TABLES: readonly RecordTable[] = [...new Set(CONTEXT_RULES.flatMap((r) => r.reads))];

/**
 * Issues of a record against its context; tombstones are never blocked. The
 * LAO check is the scope check every write passes first (the laptop from its
 * LAOs, the server refusing UNKNOWN_LAO before any rule). `invalid` names
 * the fields the schema refused: a rule reading one of them waits until it
 * is fixed (its value may not even have the type the rule expects).
 */
export function checkContextRules(table: RecordTable, record: RecordBase, ctx: ValidationContext, invalid: ReadonlySet<string> = new Set()): Issues {
  const out: Issues = [];
  if (record.deleted) return out;
  if (ctx.knownLaoIds && !invalid.has('laoId') && !ctx.knownLaoIds.has(record.laoId)) add(out, 'laoId', 'lao.unknown');
  const related = ctx.related ?? {};
  const today = ctx.today ?? clockToday();
  for (const r of rulesOf(table)) {
    if (!invalid.has('id') && r.fields.every((field) => !invalid.has(field))) r.check(out, record, related, today);
  }
  return out;
}
