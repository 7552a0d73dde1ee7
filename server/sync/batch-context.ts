/**
 * The validation context of one push batch. Which tables it reads comes from
 * the rules themselves (tablesReadBy in shared/domain/rules.ts), so the server
 * runs every rule the laptop runs. Each LAO's related records are read once
 * per batch instead of once per mutation (a full-size LAO has thousands of
 * disbursements), and the batch's own writes are laid over that base, so
 * every mutation is checked against exactly the state the rows before it
 * left, without rebuilding a context of thousands of rows each time.
 */
import { buildValidationContext, LOOKUP_TABLES, SUM_LOOKUPS, type ByIdLookup, type ContextRecords, type SumLookup, type SumOf } from '../../shared/domain/context';
import { CONTEXT_TABLES, PERIOD_TABLES, periodKeyOf, periodKeyText, tablesReadBy, type PeriodKey, type RelatedLookups, type ValidationContext } from '../../shared/domain/rules';
import type { RecordTable } from '../../shared/domain/tables';
import type { WireRecord } from '../../shared/sync/protocol';
import type { Queryable } from '../store/db';
import { RECORD_ROW_COLUMNS, toWireRecord, type RecordRow } from './records';

const IS_CONTEXT_TABLE = new Set<string>(CONTEXT_TABLES);
/**
 * Tables whose rows a rule weighs together (one per period, sums against an
 * allocation or a total): read under a transaction lock per LAO and table.
 */
const IS_LOCKED_TABLE = new Set<string>([...PERIOD_TABLES, ...Object.values(SUM_LOOKUPS).map((lookup) => lookup.table)]);
const LAYERED = new Set<string>([...Object.keys(LOOKUP_TABLES), ...Object.keys(SUM_LOOKUPS), 'periodTaken']);
/** An id no record has: a sum(by, NONE) is the sum over every row. */
const NONE = '';

type Rows = Partial<Record<RecordTable, WireRecord[]>>;

class LaoContext {
  private base: RelatedLookups = {};
  private readonly rows: Rows = {};
  /** Records of context tables written by this batch; null when no longer live. */
  private readonly written = new Map<string, { table: RecordTable; record: WireRecord | null }>();
  private writtenSums: Partial<Record<SumLookup, SumOf>> | undefined;
  private readonly holders = new Map<RecordTable, Map<string, WireRecord[]>>();
  private context: ValidationContext | undefined;

  constructor(private readonly laoId: string) {}

  missing(tables: Iterable<RecordTable>): RecordTable[] {
    return [...tables].filter((table) => !this.rows[table]);
  }

  /** Adds the stored rows of tables read for the first time. */
  load(rows: Rows): void {
    Object.assign(this.rows, rows);
    this.base = buildValidationContext(this.records(this.rows)).related ?? {};
    this.forget();
  }

  private records(rows: Rows): ContextRecords {
    return { laoIds: [this.laoId], ...rows } as unknown as ContextRecords;
  }

  private forget(): void {
    this.writtenSums = undefined;
    this.holders.clear();
    this.context = undefined;
  }

  write(table: RecordTable, record: WireRecord): void {
    this.written.set(record.id, { table, record: record.deleted ? null : record });
    this.forget();
  }

  validationContext(): ValidationContext {
    this.context ??= Object.keys(this.base).every((key) => LAYERED.has(key)) ? this.layered() : this.rebuilt();
    return this.context;
  }

  /** The live records of a one-per-period table holding a period, the batch's writes included. */
  periodHolders(table: RecordTable, key: PeriodKey): WireRecord[] {
    let held = this.holders.get(table);
    if (!held) {
      held = new Map();
      for (const record of this.current(table)) {
        const period = periodKeyOf(table, record);
        if (period) held.set(periodKeyText(period), [...(held.get(periodKeyText(period)) ?? []), record]);
      }
      this.holders.set(table, held);
    }
    return held.get(periodKeyText(key)) ?? [];
  }

  /** The live rows of a table now: the stored ones the batch has not written, and the batch's. */
  private current(table: RecordTable): WireRecord[] {
    const stored = (this.rows[table] ?? []).filter((r) => !this.written.has(r.id));
    const own = [...this.written.values()].filter((w) => w.table === table && w.record).map((w) => w.record!);
    return [...stored, ...own];
  }

  /** The base lookups with this batch's writes on top. */
  private layered(): ValidationContext {
    const related: RelatedLookups = {};
    for (const [key, table] of Object.entries(LOOKUP_TABLES) as Array<[ByIdLookup, RecordTable]>) {
      const base = this.base[key] as ((id: string) => unknown) | undefined;
      if (!base) continue;
      (related as Record<string, (id: string) => unknown>)[key] = (id) => {
        const own = this.written.get(id);
        if (!own) return base(id);
        return own.table === table && own.record ? own.record : undefined;
      };
    }
    for (const [key, { table }] of Object.entries(SUM_LOOKUPS) as Array<[SumLookup, { table: RecordTable }]>) {
      const baseSum = this.base[key] as SumOf | undefined;
      if (!baseSum) continue;
      (related as Record<SumLookup, SumOf>)[key] = (by, excludeId) => {
        const all = baseSum(by, NONE);
        let sum = baseSum(by, excludeId);
        // Take out what the written rows counted before, put in what they count now.
        for (const [id, own] of this.written) if (own.table === table && id !== excludeId) sum -= all - baseSum(by, id);
        return sum + (this.sumsOfWritten()[key]?.(by, excludeId) ?? 0);
      };
    }
    if (this.base.periodTaken) {
      related.periodTaken = (key, excludeId) => this.periodHolders(key.table, key).some((r) => r.id !== excludeId.toLowerCase());
    }
    return { knownLaoIds: new Set([this.laoId]), related };
  }

  private sumsOfWritten(): Partial<Record<SumLookup, SumOf>> {
    if (this.writtenSums === undefined) {
      const rows: Rows = {};
      for (const { table } of Object.values(SUM_LOOKUPS)) {
        rows[table] = [...this.written.values()].filter((own) => own.table === table && own.record).map((own) => own.record!);
      }
      this.writtenSums = (buildValidationContext(rows as unknown as ContextRecords).related ?? {}) as Partial<Record<SumLookup, SumOf>>;
    }
    return this.writtenSums;
  }

  /** A lookup this file does not know how to layer: build from the current rows instead. */
  private rebuilt(): ValidationContext {
    const current: Rows = {};
    for (const table of Object.keys(this.rows) as RecordTable[]) current[table] = this.current(table);
    return buildValidationContext(this.records(current));
  }
}

/** Contexts of the LAOs one batch writes to: read in one query up front, any other LAO or table when first asked. */
export class BatchContexts {
  private readonly byLao = new Map<string, LaoContext>();

  private constructor(private readonly tx: Queryable) {}

  static async load(tx: Queryable, writes: Array<{ table: RecordTable; laoId: string | undefined }>): Promise<BatchContexts> {
    const contexts = new BatchContexts(tx);
    const needs = new Map<string, Set<RecordTable>>();
    for (const { table, laoId } of writes) {
      if (laoId === undefined) continue;
      for (const read of tablesReadBy(table)) needs.set(laoId, (needs.get(laoId) ?? new Set()).add(read));
    }
    await contexts.read(needs);
    return contexts;
  }

  private lao(laoId: string): LaoContext {
    let context = this.byLao.get(laoId);
    if (!context) this.byLao.set(laoId, (context = new LaoContext(laoId)));
    return context;
  }

  /** Reads the tables each LAO lacks, in one query. */
  private async read(needs: Map<string, Iterable<RecordTable>>): Promise<void> {
    const missing = new Map([...needs].map(([laoId, tables]) => [laoId, this.lao(laoId).missing(tables)] as const).filter(([, tables]) => tables.length > 0));
    if (missing.size === 0) return;
    await this.lockReads(missing);
    const laoIds = [...missing.keys()];
    const tables = [...new Set([...missing.values()].flat())];
    const { rows } = await this.tx.query<RecordRow>(
      `SELECT ${RECORD_ROW_COLUMNS} FROM records WHERE lao_id = ANY($1::text[]) AND NOT deleted AND table_name = ANY($2::text[])`,
      [laoIds, tables],
    );
    const grouped = new Map<string, Rows>([...missing].map(([laoId, read]) => [laoId, Object.fromEntries(read.map((t) => [t, []]))]));
    for (const row of rows) grouped.get(row.lao_id)?.[row.table_name]?.push(toWireRecord(row));
    for (const [laoId, laoRows] of grouped) this.lao(laoId).load(laoRows);
  }

  /**
   * Before an LAO's one-per-period table or a table its sums add up is read,
   * a transaction lock on it: two batches creating the same period, or each
   * paying 60% of one item (two officers back online at once), run one after
   * the other, and the second sees the first's rows (READ COMMITTED reads
   * what committed before each statement). Taken in one order within a read,
   * so the up-front read of a batch cannot deadlock with another's; a later
   * read that does is retried whole (retry.ts).
   */
  private async lockReads(missing: Map<string, RecordTable[]>): Promise<void> {
    const keys = [...missing].flatMap(([laoId, tables]) => tables.filter((t) => IS_LOCKED_TABLE.has(t)).map((t) => `records ${laoId} ${t}`)).sort();
    for (const key of keys) await this.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
  }

  /** What validateRecord needs for a record of `table` in `laoId`: the tables its rules read. */
  async contextFor(table: RecordTable, laoId: string): Promise<ValidationContext> {
    const reads = tablesReadBy(table);
    if (reads.size === 0) return buildValidationContext({ laoIds: [laoId] });
    await this.read(new Map([[laoId, reads]]));
    return this.lao(laoId).validationContext();
  }

  /** The live record of the LAO that holds a one-per-period key, other than `excludeId`, if any. */
  async periodHolder(laoId: string, key: PeriodKey, excludeId: string): Promise<WireRecord | undefined> {
    await this.read(new Map([[laoId, [key.table]]]));
    return this.lao(laoId).periodHolders(key.table, key).find((r) => r.id !== excludeId.toLowerCase());
  }

  /** Lays a record this batch wrote over its LAO's context. */
  written(table: RecordTable, record: WireRecord): void {
    if (IS_CONTEXT_TABLE.has(table)) this.lao(record.laoId).write(table, record);
  }
}
