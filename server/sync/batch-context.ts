/**
 * The validation context of one push batch. Each LAO's related records are
 * read once per batch instead of once per mutation (a full-size LAO has
 * thousands of disbursements), and the batch's own writes are laid over that
 * base, so every mutation is checked against exactly the state the rows
 * before it left, without rebuilding a context of thousands of rows each time.
 */
import { buildValidationContext, type ContextRecords, type ValidationContext } from '../../shared/domain/index';
import type { RelatedLookups } from '../../shared/domain/rules';
import type { RecordTable } from '../../shared/domain/tables';
import type { WireRecord } from '../../shared/sync/protocol';
import type { Queryable } from '../store/db';
import { RECORD_ROW_COLUMNS, toWireRecord, type RecordRow } from './records';

const CONTEXT_TABLES = ['plans', 'planProjects', 'ordinances', 'ordinanceItems', 'contracts', 'disbursements'] as const;
type ContextTable = (typeof CONTEXT_TABLES)[number];
const IS_CONTEXT_TABLE = new Set<string>(CONTEXT_TABLES);

// The tables whose rules look at other records (shared/domain/rules.ts).
const NEEDS_RELATED = new Set<RecordTable>(['planAmendments', 'planProjects', 'ordinanceItems', 'contracts', 'disbursements']);

/** Lookups by id, and the table each one reads. */
const BY_ID = { plan: 'plans', planProject: 'planProjects', ordinance: 'ordinances', ordinanceItem: 'ordinanceItems', contract: 'contracts' } as const;
const LAYERED = new Set<string>([...Object.keys(BY_ID), 'disbursedSum']);
/** An id no record has: disbursedSum(by, NONE) is the sum over every row. */
const NONE = '';

type Rows = Record<ContextTable, WireRecord[]>;

class LaoContext {
  private readonly base: RelatedLookups;
  /** Records of context tables written by this batch; null when no longer live. */
  private readonly written = new Map<string, { table: ContextTable; record: WireRecord | null }>();
  private writtenSums: RelatedLookups['disbursedSum'] | undefined;
  private context: ValidationContext | undefined;

  constructor(
    private readonly laoId: string,
    private readonly rows: Rows,
  ) {
    this.base = buildValidationContext(this.records(rows)).related ?? {};
  }

  private records(rows: Rows): ContextRecords {
    return { laoIds: [this.laoId], ...rows } as unknown as ContextRecords;
  }

  write(table: ContextTable, record: WireRecord): void {
    this.written.set(record.id, { table, record: record.deleted ? null : record });
    this.writtenSums = undefined;
    this.context = undefined;
  }

  validationContext(): ValidationContext {
    this.context ??= Object.keys(this.base).every((key) => LAYERED.has(key)) ? this.layered() : this.rebuilt();
    return this.context;
  }

  /** The base lookups with this batch's writes on top. */
  private layered(): ValidationContext {
    const related: RelatedLookups = {};
    for (const [key, table] of Object.entries(BY_ID) as Array<[keyof typeof BY_ID, ContextTable]>) {
      const base = this.base[key] as ((id: string) => unknown) | undefined;
      if (!base) continue;
      (related as Record<string, (id: string) => unknown>)[key] = (id) => {
        const own = this.written.get(id);
        if (!own) return base(id);
        return own.table === table && own.record ? own.record : undefined;
      };
    }
    const baseSum = this.base.disbursedSum;
    if (baseSum) {
      related.disbursedSum = (by, excludeId) => {
        const all = baseSum(by, NONE);
        let sum = baseSum(by, excludeId);
        // Take out what the written rows counted before, put in what they count now.
        for (const [id, own] of this.written) if (own.table === 'disbursements' && id !== excludeId) sum -= all - baseSum(by, id);
        return sum + (this.sumsOfWritten()?.(by, excludeId) ?? 0);
      };
    }
    return { knownLaoIds: new Set([this.laoId]), related };
  }

  private sumsOfWritten(): RelatedLookups['disbursedSum'] {
    if (this.writtenSums === undefined) {
      const live = [...this.written.values()].filter((own) => own.table === 'disbursements' && own.record).map((own) => own.record!);
      this.writtenSums = buildValidationContext({ disbursements: live } as unknown as ContextRecords).related?.disbursedSum;
    }
    return this.writtenSums;
  }

  /** A lookup this file does not know how to layer: build from the current rows instead. */
  private rebuilt(): ValidationContext {
    const current = {} as Rows;
    for (const table of CONTEXT_TABLES) current[table] = this.rows[table].filter((r) => !this.written.has(r.id));
    for (const own of this.written.values()) if (own.record) current[own.table].push(own.record);
    return buildValidationContext(this.records(current));
  }
}

/** Contexts of the LAOs one batch writes to: read in one query up front, any other LAO when first asked. */
export class BatchContexts {
  private readonly byLao = new Map<string, LaoContext>();

  private constructor(private readonly tx: Queryable) {}

  static async load(tx: Queryable, writes: Array<{ table: RecordTable; laoId: string | undefined }>): Promise<BatchContexts> {
    const contexts = new BatchContexts(tx);
    await contexts.read([...new Set(writes.filter((w) => NEEDS_RELATED.has(w.table) && w.laoId !== undefined).map((w) => w.laoId!))]);
    return contexts;
  }

  private async read(laoIds: string[]): Promise<void> {
    if (laoIds.length === 0) return;
    const { rows } = await this.tx.query<RecordRow>(
      `SELECT ${RECORD_ROW_COLUMNS} FROM records WHERE lao_id = ANY($1::text[]) AND NOT deleted AND table_name = ANY($2::text[])`,
      [laoIds, CONTEXT_TABLES],
    );
    const grouped = new Map<string, Rows>(laoIds.map((id) => [id, Object.fromEntries(CONTEXT_TABLES.map((t) => [t, []])) as unknown as Rows]));
    for (const row of rows) grouped.get(row.lao_id)?.[row.table_name as ContextTable].push(toWireRecord(row));
    for (const [laoId, laoRows] of grouped) this.byLao.set(laoId, new LaoContext(laoId, laoRows));
  }

  /** What validateRecord needs for a record of `table` in `laoId`. */
  async contextFor(table: RecordTable, laoId: string): Promise<ValidationContext> {
    if (!NEEDS_RELATED.has(table)) return buildValidationContext({ laoIds: [laoId] });
    if (!this.byLao.has(laoId)) await this.read([laoId]);
    return this.byLao.get(laoId)!.validationContext();
  }

  /** Lays a record this batch wrote over its LAO's context. */
  written(table: RecordTable, record: WireRecord): void {
    if (IS_CONTEXT_TABLE.has(table)) this.byLao.get(record.laoId)?.write(table as ContextTable, record);
  }
}
