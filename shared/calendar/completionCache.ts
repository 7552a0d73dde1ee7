/**
 * Per-LAO cache of completion results: an LAO is re-evaluated only when the
 * stamp of its records (count, latest updatedAt, sum of versions) changes.
 * Pure: no Dexie, so the benchmark and unit tests drive it directly.
 */
import { evaluateLao, type CalendarTemplate, type EvaluationContext, type LaoRecords, type TaskResult } from './index';
import { RECORD_TABLES, type RecordTable } from '../domain/tables';

export type LaoTaskResults = Readonly<Record<string, TaskResult>>;

interface StampedRow { laoId?: unknown; updatedAt?: unknown; version?: unknown; deleted?: unknown }

/** Changes whenever a record of the LAO is added, removed, edited or synced. */
export function stampOf(records: LaoRecords): string {
  let count = 0;
  let latest = '';
  let versions = 0;
  let deleted = 0;
  for (const table of RECORD_TABLES) {
    const rows = records[table] as ReadonlyArray<StampedRow> | undefined;
    if (!rows) continue;
    count += rows.length;
    for (const row of rows) {
      const at = String(row.updatedAt ?? '');
      if (at > latest) latest = at;
      versions += Number(row.version ?? 0);
      if (row.deleted) deleted += 1;
    }
  }
  return `${count}|${latest}|${versions}|${deleted}`;
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
