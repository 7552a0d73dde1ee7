/**
 * Read side of the records: an LAO's live records of a table and the budget
 * summary the workspace and the directory show. No writes here.
 */
import type { PlanStatus } from '../../shared/domain/plan';
import { fiscalYearOf } from '../../shared/calendar/fiscal';
import type { RecordTable } from '../../shared/domain/tables';
import type { EplanDb, StoredRecord } from './db';
import type { Actor } from './records';
import { now } from '../../shared/clock';

/** An LAO's records of a table that are not deleted; fiscal tables narrowed to a year when given. */
export async function laoRecords(db: EplanDb, table: RecordTable, laoId: string, fiscalYear?: number): Promise<StoredRecord[]> {
  const rows = fiscalYear === undefined
    ? await db.table<StoredRecord, string>(table).where('laoId').equals(laoId).toArray()
    : await db.table<StoredRecord, string>(table).where('[laoId+fiscalYear]').equals([laoId, fiscalYear]).toArray();
  return rows.filter((row) => !row.deleted);
}

export interface FiscalSummary {
  plan: { startYear: number; endYear: number; status: PlanStatus } | null;
  ordinanceTotal: number | null;
  itemsAllocated: number;
  committed: number;
  disbursed: number;
  /** Disbursed as a share of the ordinance total, 0..100; null without an ordinance. */
  percentDisbursed: number | null;
}

interface SummaryInput {
  plans: readonly StoredRecord[];
  ordinances: readonly StoredRecord[];
  ordinanceItems?: readonly StoredRecord[];
  contracts: readonly StoredRecord[];
  disbursements: readonly StoredRecord[];
}

const live = (rows: readonly StoredRecord[], fiscalYear?: number) =>
  rows.filter((row) => !row.deleted && (fiscalYear === undefined || row.fiscalYear === fiscalYear));
const sum = (rows: readonly StoredRecord[], field: string) => rows.reduce((total, row) => total + Number(row[field] ?? 0), 0);

/** Plan period, ordinance total, committed, disbursed and % disbursed of one LAO for a fiscal year. */
export function fiscalSummary(input: SummaryInput, fiscalYear: number): FiscalSummary {
  const plan = live(input.plans)
    .filter((p) => Number(p.startYear) <= fiscalYear && fiscalYear <= Number(p.startYear) + Number(p.years) - 1)
    .sort((a, b) => Number(b.startYear) - Number(a.startYear))[0];
  const ordinance = live(input.ordinances, fiscalYear)[0];
  const ordinanceTotal = ordinance ? Number(ordinance.total) : null;
  const disbursed = sum(live(input.disbursements, fiscalYear), 'amount');
  return {
    plan: plan ? { startYear: Number(plan.startYear), endYear: Number(plan.startYear) + Number(plan.years) - 1, status: plan.status as PlanStatus } : null,
    ordinanceTotal,
    itemsAllocated: sum(live(input.ordinanceItems ?? [], fiscalYear), 'allocated'),
    committed: sum(live(input.contracts, fiscalYear), 'amount'),
    disbursed,
    percentDisbursed: ordinanceTotal ? Math.round((disbursed / ordinanceTotal) * 1000) / 10 : null,
  };
}

export async function loadLaoSummary(db: EplanDb, laoId: string, fiscalYear: number): Promise<FiscalSummary> {
  const [plans, ordinances, ordinanceItems, contracts, disbursements] = await Promise.all([
    laoRecords(db, 'plans', laoId),
    laoRecords(db, 'ordinances', laoId, fiscalYear),
    laoRecords(db, 'ordinanceItems', laoId, fiscalYear),
    laoRecords(db, 'contracts', laoId, fiscalYear),
    laoRecords(db, 'disbursements', laoId, fiscalYear),
  ]);
  return fiscalSummary({ plans, ordinances, ordinanceItems, contracts, disbursements }, fiscalYear);
}

const groupByLao = (rows: StoredRecord[]) => {
  const map = new Map<string, StoredRecord[]>();
  for (const row of rows) map.set(row.laoId, [...(map.get(row.laoId) ?? []), row]);
  return map;
};

/** Every LAO's summary for a year in one pass over the tables (the directory's cards). */
export async function loadAllLaoSummaries(db: EplanDb, fiscalYear: number): Promise<Map<string, FiscalSummary>> {
  const inYear = (row: StoredRecord) => row.fiscalYear === fiscalYear && !row.deleted;
  const [plans, ordinances, contracts, disbursements] = await Promise.all([
    db.plans.filter((row) => !row.deleted).toArray(),
    db.ordinances.filter(inYear).toArray(),
    db.contracts.filter(inYear).toArray(),
    db.disbursements.filter(inYear).toArray(),
  ]).then((tables) => tables.map(groupByLao));
  const laoIds = new Set([...plans!.keys(), ...ordinances!.keys()]);
  const out = new Map<string, FiscalSummary>();
  for (const laoId of laoIds) {
    out.set(laoId, fiscalSummary({
      plans: plans!.get(laoId) ?? [],
      ordinances: ordinances!.get(laoId) ?? [],
      contracts: contracts!.get(laoId) ?? [],
      disbursements: disbursements!.get(laoId) ?? [],
    }, fiscalYear));
  }
  return out;
}

/** An officer enters for the LAO: the on-behalf tick starts on for officers (and unknown users), off otherwise. */
export async function onBehalfDefault(db: EplanDb, actor: Actor): Promise<boolean> {
  const user = await db.users.get(actor.userId);
  return !user || user.role === 'officer';
}

/** Today's fiscal year in Bangkok. */
export const currentFiscalYear = (at: Date = now()) => fiscalYearOf(at);

/** Record id → the user who created it, as this laptop's history knows (records made elsewhere are not in it). */
export async function recordCreators(db: EplanDb): Promise<Record<string, string>> {
  const created: Record<string, string> = {};
  await db.history.filter((entry) => entry.op === 'create').each((entry) => {
    created[entry.recordId] ??= entry.by;
  });
  return created;
}
