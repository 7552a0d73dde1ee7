/**
 * Per-LAO cache of completion results: an LAO is re-evaluated only when the
 * stamp of its records (per table: count, latest updatedAt, sum of versions,
 * deleted rows) changes. When the tables written are known, only the tasks
 * whose rules read them are evaluated again, from those tables alone
 * (RULE_TABLES): an edit to an LAO's plan does not read its thousands of
 * disbursements back. Pure: no Dexie, so the benchmark and unit tests drive it directly.
 */
import { evaluateLao, RULE_TABLES, type CalendarTemplate, type EvaluationContext, type LaoRecords, type MissingItem, type TaskResult } from './index';
import { isRecordTable, RECORD_TABLES, type RecordTable } from '../domain/tables';
import type { CalendarTask } from './template';

export type LaoTaskResults = Readonly<Record<string, TaskResult>>;

interface StampedRow { laoId?: unknown; updatedAt?: unknown; version?: unknown; deleted?: unknown }

/** One table's part of a stamp; undefined when the LAO has no row there. */
function tableStamp(rows: ReadonlyArray<StampedRow> | undefined): string | undefined {
  if (!rows || rows.length === 0) return undefined;
  let latest = '';
  let versions = 0;
  let deleted = 0;
  for (const row of rows) {
    const at = String(row.updatedAt ?? '');
    if (at > latest) latest = at;
    versions += Number(row.version ?? 0);
    if (row.deleted) deleted += 1;
  }
  return `${rows.length}|${latest}|${versions}|${deleted}`;
}

/** A stamp from its tables' parts, in RECORD_TABLES order, so equal records give equal text however they were read. */
function joinStamps(parts: ReadonlyMap<RecordTable, string>): string {
  const ordered: Record<string, string> = {};
  for (const table of RECORD_TABLES) {
    const part = parts.get(table);
    if (part !== undefined) ordered[table] = part;
  }
  return JSON.stringify(ordered);
}

/** The parts of a stamp by table; undefined for a stamp of an older build (one part for all tables) or of another shape. */
export function stampParts(stamp: string): Map<RecordTable, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stamp);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const parts = new Map<RecordTable, string>();
  for (const [table, part] of Object.entries(parsed)) {
    if (typeof part !== 'string' || !isRecordTable(table)) return undefined;
    parts.set(table, part);
  }
  return parts;
}

/** Changes whenever a record of the LAO is added, removed, edited or synced. */
export function stampOf(records: LaoRecords): string {
  const parts = new Map<RecordTable, string>();
  for (const table of RECORD_TABLES) {
    const part = tableStamp(records[table] as ReadonlyArray<StampedRow> | undefined);
    if (part !== undefined) parts.set(table, part);
  }
  return joinStamps(parts);
}

/** Whether a task's rule reads only the given tables, so it can be evaluated from them alone. */
const readsOnly = (task: CalendarTask, tables: ReadonlySet<RecordTable>): boolean => RULE_TABLES[task.rule.kind].every((table) => tables.has(table));

/** What a partial update of one LAO reads: the tables, and whether its stored missing-item lists are needed too. */
export interface PartialRead {
  tables: ReadonlySet<RecordTable>;
  /**
   * The LAO's results were read back from the store with their missing items
   * apart: the lists of the tasks not evaluated again must be read (under the
   * entry's stamp) to keep the results whole.
   */
  lists: boolean;
  /** The stamp the results now shown were computed from (the lists must be of it). */
  stamp: string;
}

/** Splits rows of many tables into one LaoRecords per LAO. */
export function groupByLao(rowsByTable: Partial<Record<RecordTable, ReadonlyArray<unknown>>>): Map<string, LaoRecords> {
  const byLao = new Map<string, Record<string, unknown[]>>();
  for (const [table, rows] of Object.entries(rowsByTable)) {
    for (const row of rows ?? []) {
      const laoId = String((row as StampedRow).laoId);
      let records = byLao.get(laoId);
      if (!records) byLao.set(laoId, (records = {}));
      (records[table] ??= []).push(row);
    }
  }
  return byLao as Map<string, LaoRecords>;
}

/** An LAO's results and the stamp of the records they were computed from. */
export interface StampedResults {
  stamp: string;
  results: LaoTaskResults;
}

export class CompletionCache {
  private readonly entries = new Map<string, StampedResults>();
  /** How many LAO evaluations ran; tests and the benchmark read it. */
  evaluations = 0;

  constructor(readonly template: CalendarTemplate, readonly ctx: EvaluationContext) {}

  /** Evaluates the LAO if its records changed since last time; true when it did. */
  update(laoId: string, records: LaoRecords): boolean {
    const stamp = stampOf(records);
    if (this.entries.get(laoId)?.stamp === stamp) return false;
    this.entries.set(laoId, { stamp, results: evaluateLao(this.template, records, this.ctx) });
    this.evaluations += 1;
    return true;
  }

  /**
   * What to read to bring the LAO up to date after writes to `written` alone:
   * those tables and every table the tasks reading them read. Undefined when
   * the whole LAO must be read: no results yet, or a stamp without its tables' parts.
   */
  partialRead(laoId: string, written: ReadonlySet<RecordTable>): PartialRead | undefined {
    const entry = this.entries.get(laoId);
    if (!entry || !stampParts(entry.stamp)) return undefined;
    const tables = new Set(written);
    for (const task of this.template.tasks) {
      const read = RULE_TABLES[task.rule.kind];
      if (read.some((table) => written.has(table))) for (const table of read) tables.add(table);
    }
    const lists = this.template.tasks.some((task) => !readsOnly(task, tables) && entry.results[task.id]?.missingApart === true);
    return { tables, lists, stamp: entry.stamp };
  }

  /**
   * Brings an LAO up to date from the records of some tables only (what
   * partialRead asked for): the tasks whose rules read only those tables are
   * evaluated again, the others keep their results; `lists` are the stored
   * missing items of the results shown (for the tasks kept). True when the
   * stamp changed. Throws if the entry is gone or changed since partialRead:
   * the caller reads the LAO whole then.
   */
  updateTables(laoId: string, read: PartialRead, records: LaoRecords, lists?: Readonly<Record<string, MissingItem[]>>): boolean {
    const entry = this.entries.get(laoId);
    const parts = entry && entry.stamp === read.stamp ? stampParts(entry.stamp) : undefined;
    if (!entry || !parts) throw new Error(`the results of ${laoId} changed since the partial read was planned`);
    for (const table of read.tables) {
      const part = tableStamp(records[table] as ReadonlyArray<StampedRow> | undefined);
      if (part === undefined) parts.delete(table);
      else parts.set(table, part);
    }
    const stamp = joinStamps(parts);
    if (stamp === entry.stamp) return false;
    const tasks = this.template.tasks.filter((task) => readsOnly(task, read.tables));
    const fresh = evaluateLao({ ...this.template, tasks }, records, this.ctx);
    const results: Record<string, TaskResult> = {};
    for (const task of this.template.tasks) {
      const kept = entry.results[task.id];
      const result = fresh[task.id] ?? kept;
      if (!result) throw new Error(`no result for task ${task.id} of ${laoId}`);
      if (result.missingApart !== true) results[task.id] = result;
      else {
        const missing = lists?.[task.id];
        if (!missing) throw new Error(`the stored missing items of ${laoId} lack task ${task.id}`);
        results[task.id] = { status: result.status, done: result.done, total: result.total, missing };
      }
    }
    this.entries.set(laoId, { stamp, results });
    this.evaluations += 1;
    return true;
  }

  /**
   * Takes results computed earlier (a previous session) as if evaluated here:
   * an LAO whose records still have the same stamp is not evaluated again.
   */
  seed(entries: Iterable<readonly [string, StampedResults]>): void {
    for (const [laoId, entry] of entries) this.entries.set(laoId, { stamp: entry.stamp, results: entry.results });
  }

  /** The stamp and results of the given LAOs (default: all), for storing. */
  stamped(laoIds: Iterable<string> = this.entries.keys()): Array<[string, StampedResults]> {
    const out: Array<[string, StampedResults]> = [];
    for (const laoId of laoIds) {
      const entry = this.entries.get(laoId);
      if (entry) out.push([laoId, entry]);
    }
    return out;
  }

  get(laoId: string): LaoTaskResults | undefined {
    return this.entries.get(laoId)?.results;
  }

  has(laoId: string): boolean {
    return this.entries.has(laoId);
  }

  /** Keeps only the given LAOs (others were removed from the device). */
  retain(laoIds: ReadonlySet<string>): void {
    for (const id of this.entries.keys()) if (!laoIds.has(id)) this.entries.delete(id);
  }

  /** A new Map each call, so React sees a change; unchanged LAOs keep their result objects. */
  snapshot(): ReadonlyMap<string, LaoTaskResults> {
    return new Map([...this.entries].map(([id, entry]) => [id, entry.results]));
  }
}
