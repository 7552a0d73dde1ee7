/**
 * The validation context of one push batch. Which lookups it gives comes
 * from the rules themselves (tablesReadBy in shared/domain/rules.ts), so the
 * server runs every rule the laptop runs.
 *
 * A push reads only what its rules ask: the records they look up by id and
 * the sums they weigh, each added up by PostgreSQL (tens of rows, not the
 * thousands of disbursements a full-size LAO holds). The shared rules are
 * synchronous, so a record is checked in rounds: a round that asks for
 * something not yet read notes it and is thrown away, what it noted is read
 * in one query per kind, and the next round runs; a record whose lookups are
 * all in hand takes one round. Reads are kept for the batch, and the batch's
 * own writes are laid over them, so every mutation is checked against exactly
 * the state the rows before it left. The one-per-period tables (a month's
 * statistics, a quarter's report, a year's ordinance: a few rows per LAO) are
 * read whole.
 */
import { LOOKUP_TABLES, SUM_LOOKUPS, type ByIdLookup, type SumLookup, type SumOf } from '../../shared/domain/context';
import { validateRecord } from '../../shared/domain/index';
import { checkContextRules, CONTEXT_TABLES, PERIOD_TABLES, periodKeyOf, periodKeyText, tablesReadBy, type PeriodKey, type RelatedLookups, type ValidationContext } from '../../shared/domain/rules';
import type { RecordBase } from '../../shared/domain/record';
import type { RecordTable } from '../../shared/domain/tables';
import type { WireRecord } from '../../shared/sync/protocol';
import type { Queryable } from '../store/db';
import { RECORD_ROW_COLUMNS, toWireRecord, type RecordRow } from './records';

/**
 * Tables whose rows a rule weighs together (one per period, sums against an
 * allocation or a total): read under a transaction lock per LAO and table.
 */
const IS_LOCKED_TABLE = new Set<string>([...PERIOD_TABLES, ...Object.values(SUM_LOOKUPS).map((lookup) => lookup.table)]);
const IS_PERIOD_TABLE = new Set<string>(PERIOD_TABLES);
const IS_CONTEXT_TABLE = new Set<string>(CONTEXT_TABLES);
/** The ids the store holds (lower-case UUIDs): any other id names no record, and is not looked for. */
const STORED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** More rounds than any chain of lookups the rules make: past it, a rule asks for something new every time. */
const MAX_ROUNDS = 8;

type Written = { table: RecordTable; record: WireRecord | null };
/** Something a round asked for that was not read yet. */
type Miss = { kind: 'row'; laoId: string; table: RecordTable; id: string } | { kind: 'sum'; laoId: string; lookup: SumLookup; field: string; value: string };

const sumKey = (lookup: SumLookup, field: string, value: string) => `${lookup}\u0000${field}\u0000${value}`;

class LaoContext {
  /** Stored live records by table and id, as read; null: the store holds no live one of this LAO and table. */
  private readonly stored = new Map<RecordTable, Map<string, WireRecord | null>>();
  /** Stored sums, as added up by the database, by lookup, field and value. */
  private readonly totals = new Map<string, number>();
  /** The one-per-period tables, read whole. */
  private readonly whole = new Map<RecordTable, WireRecord[]>();
  /** Records of context tables written by this batch; null when no longer live. */
  private readonly written = new Map<string, Written>();
  private readonly holders = new Map<RecordTable, Map<string, WireRecord[]>>();
  private misses: Miss[] = [];

  constructor(readonly laoId: string) {}

  hasWhole(table: RecordTable): boolean {
    return this.whole.has(table);
  }

  readWhole(table: RecordTable, rows: WireRecord[]): void {
    this.whole.set(table, rows);
    const byId = this.storedOf(table);
    for (const row of rows) byId.set(row.id, row);
    this.holders.delete(table);
  }

  /** What the store holds under an id (a record read, or null for none); not overwritten once known. */
  readRow(table: RecordTable, id: string, record: WireRecord | null): void {
    const byId = this.storedOf(table);
    if (!byId.has(id)) byId.set(id, record);
  }

  readSum(lookup: SumLookup, field: string, value: string, total: number): void {
    this.totals.set(sumKey(lookup, field, value), total);
  }

  private storedOf(table: RecordTable): Map<string, WireRecord | null> {
    let byId = this.stored.get(table);
    if (!byId) this.stored.set(table, (byId = new Map()));
    return byId;
  }

  write(table: RecordTable, record: WireRecord): void {
    this.written.set(record.id, { table, record: record.deleted ? null : record });
    this.holders.delete(table);
  }

  /** Starts a round: the lookups of the tables `reads`, noting what they ask for and is not read yet. */
  round(reads: ReadonlySet<RecordTable>): { context: ValidationContext; misses: () => Miss[] } {
    this.misses = [];
    const related: RelatedLookups = {};
    for (const [key, table] of Object.entries(LOOKUP_TABLES) as Array<[ByIdLookup, RecordTable]>) {
      if (reads.has(table)) (related as Record<string, (id: string) => unknown>)[key] = (id) => this.current(table, id);
    }
    for (const [key, { table }] of Object.entries(SUM_LOOKUPS) as Array<[SumLookup, { table: RecordTable }]>) {
      if (reads.has(table)) (related as Record<SumLookup, SumOf>)[key] = (by, excludeId) => this.sum(key, by, excludeId);
    }
    if (PERIOD_TABLES.some((table) => reads.has(table))) {
      related.periodTaken = (key, excludeId) => this.periodHolders(key.table, key).some((r) => r.id !== excludeId.toLowerCase());
    }
    return { context: { knownLaoIds: new Set([this.laoId]), related }, misses: () => this.misses };
  }

  /** The live stored record of an id, or undefined: noted as a miss when not read yet. */
  private storedRow(table: RecordTable, id: string): WireRecord | undefined {
    const byId = this.stored.get(table);
    if (byId?.has(id)) return byId.get(id) ?? undefined;
    if (this.whole.has(table) || !STORED_ID.test(id)) return undefined;
    this.misses.push({ kind: 'row', laoId: this.laoId, table, id });
    return undefined;
  }

  /** A live record of a table now: the batch's write of the id if any, else the stored one. */
  private current(table: RecordTable, id: string): WireRecord | undefined {
    const own = this.written.get(id);
    if (own) return own.table === table && own.record ? own.record : undefined;
    return this.storedRow(table, id);
  }

  /**
   * The stored sum, less what the stored rows the batch has written (and the
   * excluded one) counted, plus what the batch's live rows count now.
   */
  private sum(lookup: SumLookup, by: Record<string, string>, excludeId: string): number {
    const { table, amount } = SUM_LOOKUPS[lookup];
    const [field, value] = Object.entries(by)[0]!;
    const counts = (record: WireRecord | undefined | null) => (record && record[field] === value ? Number(record[amount]) : 0);
    const key = sumKey(lookup, field, value);
    let sum = this.totals.get(key);
    if (sum === undefined) {
      this.misses.push({ kind: 'sum', laoId: this.laoId, lookup, field, value });
      sum = 0;
    }
    const overridden = new Set([excludeId, ...[...this.written].filter(([, own]) => own.table === table).map(([id]) => id)]);
    for (const id of overridden) sum -= counts(this.storedRow(table, id));
    for (const [id, own] of this.written) if (own.table === table && id !== excludeId) sum += counts(own.record);
    return sum;
  }

  /** The live records of a one-per-period table holding a period, the batch's writes included. */
  periodHolders(table: RecordTable, key: PeriodKey): WireRecord[] {
    let held = this.holders.get(table);
    if (!held) {
      held = new Map();
      const stored = (this.whole.get(table) ?? []).filter((r) => !this.written.has(r.id));
      const own = [...this.written.values()].filter((w) => w.table === table && w.record).map((w) => w.record!);
      for (const record of [...stored, ...own]) {
        const period = periodKeyOf(table, record);
        if (period) held.set(periodKeyText(period), [...(held.get(periodKeyText(period)) ?? []), record]);
      }
      this.holders.set(table, held);
    }
    return held.get(periodKeyText(key)) ?? [];
  }
}

const NAME = /^[a-zA-Z]+$/;

/**
 * One sum for each (LAO, value) pair given as the parameters `$first` and
 * the next: the lookup's amount over the live rows of its table holding the
 * value in the field, tagged with `part`. Table and field names are the
 * rules' own (never a client's), written into the text so each sum is a
 * range scan of its index (migration 013).
 */
export function sumStatement(lookup: SumLookup, field: string, part = 0, first = 1): string {
  const { table, amount, by } = SUM_LOOKUPS[lookup];
  if (!(by as readonly string[]).includes(field) || ![table, amount, field].every((name) => NAME.test(name))) throw new Error(`No sum ${lookup} by ${field}`);
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(first)) throw new Error('A part and a parameter are whole numbers');
  return `SELECT ${part} AS part, k.n::text AS n,
    (SELECT coalesce(sum((r.data ->> '${amount}')::numeric), 0) FROM records r
     WHERE r.lao_id = k.lao_id AND r.table_name = '${table}' AND NOT r.deleted
       AND r.data ->> '${field}' = k.value AND jsonb_typeof(r.data -> '${field}') = 'string')::text AS total
    FROM unnest($${first}::text[], $${first + 1}::text[]) WITH ORDINALITY AS k(lao_id, value, n)`;
}

/** Contexts of the LAOs one batch writes to, read as the rules ask. */
export class BatchContexts {
  private readonly byLao = new Map<string, LaoContext>();
  private readonly locked = new Set<string>();

  private constructor(private readonly tx: Queryable) {}

  /**
   * Takes the locks of the LAOs and tables the batch's rules weigh, in one
   * order, and reads their one-per-period tables. `stored` are the rows of
   * the records the batch names (`recordId`), already read and locked by the
   * push: what the store holds under those ids, a row or none, needs no
   * second read when a sum takes out what a written record counted before.
   */
  static async load(
    tx: Queryable,
    writes: Array<{ table: RecordTable; laoId: string | undefined; recordId?: string }>,
    stored: ReadonlyMap<string, RecordRow> = new Map(),
  ): Promise<BatchContexts> {
    const contexts = new BatchContexts(tx);
    const needs = new Map<string, Set<RecordTable>>();
    for (const { table, laoId } of writes) {
      if (laoId === undefined) continue;
      for (const read of tablesReadBy(table)) needs.set(laoId, (needs.get(laoId) ?? new Set()).add(read));
    }
    await contexts.lock([...needs].flatMap(([laoId, tables]) => [...tables].map((table) => ({ laoId, table }))));
    for (const { table, laoId, recordId } of writes) {
      if (laoId === undefined || recordId === undefined || !IS_CONTEXT_TABLE.has(table)) continue;
      const row = stored.get(recordId.toLowerCase());
      if (row) contexts.lao(row.lao_id).readRow(row.table_name, row.id, row.deleted ? null : toWireRecord(row));
      else contexts.lao(laoId).readRow(table, recordId.toLowerCase(), null);
    }
    await contexts.readWhole([...needs].map(([laoId, tables]) => ({ laoId, tables: [...tables] })));
    return contexts;
  }

  private lao(laoId: string): LaoContext {
    let context = this.byLao.get(laoId);
    if (!context) this.byLao.set(laoId, (context = new LaoContext(laoId)));
    return context;
  }

  /**
   * Before an LAO's one-per-period table or a table its sums add up is read,
   * a transaction lock on it: two batches creating the same period, or each
   * paying 60% of one item (two officers back online at once), run one after
   * the other, and the second sees the first's rows (READ COMMITTED reads
   * what committed before each statement). Taken in one order within a call,
   * so the up-front locks of a batch cannot deadlock with another's; a later
   * lock that does is retried whole (retry.ts).
   */
  private async lock(reads: Array<{ laoId: string; table: RecordTable }>): Promise<void> {
    const keys = [...new Set(reads.filter(({ table }) => IS_LOCKED_TABLE.has(table)).map(({ laoId, table }) => `records ${laoId} ${table}`))]
      .filter((key) => !this.locked.has(key))
      .sort();
    if (keys.length === 0) return;
    // One statement: a function scan takes them row by row, in the keys' sorted order.
    await this.tx.query('SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest($1::text[]) AS k', [keys]);
    for (const key of keys) this.locked.add(key);
  }

  /** Reads the one-per-period tables among `tables` that each LAO lacks, in one query. */
  private async readWhole(needs: Array<{ laoId: string; tables: RecordTable[] }>): Promise<void> {
    const missing = needs
      .map(({ laoId, tables }) => ({ laoId, tables: tables.filter((t) => IS_PERIOD_TABLE.has(t) && !this.lao(laoId).hasWhole(t)) }))
      .filter(({ tables }) => tables.length > 0);
    if (missing.length === 0) return;
    await this.lock(missing.flatMap(({ laoId, tables }) => tables.map((table) => ({ laoId, table }))));
    const { rows } = await this.tx.query<RecordRow>(
      `SELECT ${RECORD_ROW_COLUMNS} FROM records WHERE lao_id = ANY($1::text[]) AND NOT deleted AND table_name = ANY($2::text[])`,
      [missing.map((m) => m.laoId), [...new Set(missing.flatMap((m) => m.tables))]],
    );
    const grouped = new Map(missing.map(({ laoId, tables }) => [laoId, new Map(tables.map((t) => [t, [] as WireRecord[]]))]));
    for (const row of rows) grouped.get(row.lao_id)?.get(row.table_name)?.push(toWireRecord(row));
    for (const [laoId, tables] of grouped) for (const [table, read] of tables) this.lao(laoId).readWhole(table, read);
  }

  /** Reads what a round missed: the records by id in one query, the sums in another. */
  private async readMisses(asked: Miss[]): Promise<void> {
    const misses = [...new Map(asked.map((miss) => [JSON.stringify(miss), miss])).values()];
    await this.lock(misses.map((miss) => ({ laoId: miss.laoId, table: miss.kind === 'row' ? miss.table : SUM_LOOKUPS[miss.lookup].table })));
    const rowMisses = misses.filter((miss) => miss.kind === 'row');
    if (rowMisses.length > 0) {
      const ids = [...new Set(rowMisses.map((miss) => miss.id))];
      const { rows } = await this.tx.query<RecordRow>(`SELECT ${RECORD_ROW_COLUMNS} FROM records WHERE id = ANY($1::uuid[]) AND NOT deleted`, [ids]);
      const found = new Map(rows.map((row) => [row.id, row]));
      for (const { laoId, table, id } of rowMisses) {
        const row = found.get(id);
        this.lao(laoId).readRow(table, id, row && row.lao_id === laoId && row.table_name === table ? toWireRecord(row) : null);
      }
    }
    const sumMisses = misses.filter((miss) => miss.kind === 'sum');
    // A sum over no rows is 0 (each key gets its row; this only makes it certain).
    for (const { laoId, lookup, field, value } of sumMisses) this.lao(laoId).readSum(lookup, field, value, 0);
    if (sumMisses.length === 0) return;
    // Every sum of the round in one statement: a part per lookup and field, each over its own index.
    const groups = new Map<string, typeof sumMisses>();
    for (const miss of sumMisses) groups.set(`${miss.lookup} ${miss.field}`, [...(groups.get(`${miss.lookup} ${miss.field}`) ?? []), miss]);
    const parts = [...groups.values()];
    const { rows } = await this.tx.query<{ part: number; n: string; total: string }>(
      parts.map((group, i) => sumStatement(group[0]!.lookup, group[0]!.field, i, 2 * i + 1)).join('\nUNION ALL\n'),
      parts.flatMap((group) => [group.map((m) => m.laoId), group.map((m) => m.value)]),
    );
    for (const { part, n, total } of rows) {
      const { laoId, lookup, field, value } = parts[Number(part)]![Number(n) - 1]!;
      this.lao(laoId).readSum(lookup, field, value, Number(total));
    }
  }

  /** Checks a record against the rules of its table, in its LAO's context, reading what they ask. */
  validate(table: RecordTable, record: Record<string, unknown>, today: string): Promise<ReturnType<typeof validateRecord<RecordTable>>> {
    return this.resolve(table, String(record.laoId), (context) => validateRecord(table, record, { ...context, today }));
  }

  /**
   * Runs `ask` (pure: it is run again until it asks for nothing unread) in
   * the context the rules of `table` see for a record of `laoId`.
   */
  async resolve<T>(table: RecordTable, laoId: string, ask: (context: ValidationContext) => T): Promise<T> {
    const reads = tablesReadBy(table);
    if (reads.size === 0) return ask({ knownLaoIds: new Set([laoId]), related: {} });
    await this.readWhole([{ laoId, tables: [...reads] }]);
    for (let round = 1; ; round++) {
      const { context, misses } = this.lao(laoId).round(reads);
      const answer = ask(context);
      const missed = misses();
      if (missed.length === 0) return answer;
      if (round === MAX_ROUNDS) throw new Error(`The rules of ${table} still asked for unread records after ${MAX_ROUNDS} rounds`);
      await this.readMisses(missed);
    }
  }

  /**
   * Reads ahead what the rules will ask of the batch's records, for all of
   * them at once: each round runs the rules over every candidate (the stored
   * record with the mutation's values laid over it) and reads what they all
   * missed together, so a batch of fifty payments takes a few statements, not
   * a few per payment. Only a guess: validate() still reads whatever the
   * records as finally written ask for. LAOs not among `laoIds` (those the
   * writer may not write) are not read for.
   */
  async prefetch(candidates: Array<{ table: RecordTable; record: Record<string, unknown> }>, laoIds: ReadonlySet<string>, today: string): Promise<void> {
    const asking = candidates.filter(({ table, record }) => tablesReadBy(table).size > 0 && laoIds.has(String(record.laoId)));
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const missed: Miss[] = [];
      for (const { table, record } of asking) {
        const { context, misses } = this.lao(String(record.laoId)).round(tablesReadBy(table));
        // The rules alone (a guess needs no schema check): what they ask is all a round wants.
        checkContextRules(table, record as unknown as RecordBase, { ...context, today });
        missed.push(...misses());
      }
      if (missed.length === 0) return;
      await this.readMisses(missed);
    }
  }

  /** The live record of the LAO that holds a one-per-period key, other than `excludeId`, if any. */
  async periodHolder(laoId: string, key: PeriodKey, excludeId: string): Promise<WireRecord | undefined> {
    await this.readWhole([{ laoId, tables: [key.table] }]);
    return this.lao(laoId).periodHolders(key.table, key).find((r) => r.id !== excludeId.toLowerCase());
  }

  /** Lays a record this batch wrote over its LAO's context. */
  written(table: RecordTable, record: WireRecord): void {
    if (IS_CONTEXT_TABLE.has(table)) this.lao(record.laoId).write(table, record);
  }
}
