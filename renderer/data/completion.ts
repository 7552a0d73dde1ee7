/**
 * The province's completion results, kept up to date incrementally: a cold
 * pass reads every record once; afterwards only LAOs with records written
 * since the last pass (found through the updatedAt index) are re-read and,
 * if their stamp changed, re-evaluated.
 */
import { defaultTemplate, type CalendarTemplate } from '../../shared/calendar/index';
import { RECORD_TABLES, type RecordTable } from '../../shared/domain/tables';
import type { EplanDb, StoredRecord } from './db';
import { CompletionCache, groupByLao, type LaoTaskResults } from './completionCache';

export interface CompletionSnapshot {
  fiscalYear: number;
  asOf: string;
  template: CalendarTemplate;
  results: ReadonlyMap<string, LaoTaskResults>;
  /** 0..1 while the first pass runs; 1 once results are complete. */
  progress: number;
  ready: boolean;
}

export interface RefreshReport {
  mode: 'cold' | 'incremental' | 'reread';
  /** LAOs whose records were read again. */
  reread: number;
  /** LAOs actually re-evaluated (their stamp changed). */
  recomputed: string[];
}

interface TableMark { count: number; latest: string }

const CHUNK = 20;
const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class ProvinceCompletion {
  private readonly cache: CompletionCache;
  private marks: Partial<Record<RecordTable, TableMark>> | undefined;
  private running: Promise<RefreshReport> | undefined;
  private again = false;
  private snapshotValue: CompletionSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly db: EplanDb, readonly fiscalYear: number, readonly asOf: string, template: CalendarTemplate = defaultTemplate(fiscalYear)) {
    this.cache = new CompletionCache(template, { asOf, fiscalYear });
    this.snapshotValue = { fiscalYear, asOf, template, results: new Map(), progress: 0, ready: false };
  }

  get evaluations(): number {
    return this.cache.evaluations;
  }

  snapshot = (): CompletionSnapshot => this.snapshotValue;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Brings results up to date; concurrent calls coalesce into one follow-up pass. */
  refresh(): Promise<RefreshReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.running;
  }

  private publish(progress: number, ready: boolean) {
    this.snapshotValue = { ...this.snapshotValue, results: this.cache.snapshot(), progress, ready };
    for (const listener of this.listeners) listener();
  }

  private async readMarks(): Promise<Partial<Record<RecordTable, TableMark>>> {
    const entries = await Promise.all(RECORD_TABLES.map(async (table) => {
      const t = this.db.table<StoredRecord, string>(table);
      const [count, last] = await Promise.all([t.count(), t.orderBy('updatedAt').last()]);
      return [table, { count, latest: String(last?.updatedAt ?? '') }] as const;
    }));
    return Object.fromEntries(entries);
  }

  private async pass(): Promise<RefreshReport> {
    const before = this.marks;
    const marks = await this.readMarks();
    if (!before) return this.fullPass(marks, 'cold');
    const dirty = new Set<string>();
    for (const table of RECORD_TABLES) {
      const old = before[table]!;
      const now = marks[table]!;
      if (now.count === old.count && now.latest === old.latest) continue;
      const newer = old.latest
        ? await this.db.table<StoredRecord, string>(table).where('updatedAt').above(old.latest).toArray()
        : await this.db.table<StoredRecord, string>(table).toArray();
      // Rows removed, or added with an older updatedAt (bulk loads), cannot be found by the index: reread all.
      if (now.count < old.count || now.count - old.count > newer.length) return this.fullPass(marks, 'reread');
      for (const row of newer) dirty.add(row.laoId);
    }
    this.marks = marks;
    const recomputed: string[] = [];
    for (const laoId of dirty) {
      if (this.cache.update(laoId, await this.readLao(laoId))) recomputed.push(laoId);
    }
    if (recomputed.length > 0) this.publish(1, true);
    return { mode: 'incremental', reread: dirty.size, recomputed };
  }

  private async readLao(laoId: string) {
    const rows = await Promise.all(RECORD_TABLES.map((table) => this.db.table<StoredRecord, string>(table).where('laoId').equals(laoId).toArray()));
    return groupByLao(Object.fromEntries(RECORD_TABLES.map((table, i) => [table, rows[i]!]))).get(laoId) ?? {};
  }

  private async fullPass(marks: Partial<Record<RecordTable, TableMark>>, mode: 'cold' | 'reread'): Promise<RefreshReport> {
    const [laos, ...rows] = await Promise.all([
      this.db.laos.toCollection().primaryKeys(),
      ...RECORD_TABLES.map((table) => this.db.table(table).toArray()),
    ]);
    const byLao = groupByLao(Object.fromEntries(RECORD_TABLES.map((table, i) => [table, rows[i]!])));
    const laoIds = (laos as string[]).map(String);
    this.cache.retain(new Set(laoIds));
    const recomputed: string[] = [];
    for (let start = 0; start < laoIds.length; start += CHUNK) {
      for (const laoId of laoIds.slice(start, start + CHUNK)) {
        if (this.cache.update(laoId, byLao.get(laoId) ?? {})) recomputed.push(laoId);
      }
      // Let the page paint and report progress between chunks of a cold pass.
      if (mode === 'cold' && start + CHUNK < laoIds.length) {
        this.publish((start + CHUNK) / laoIds.length, false);
        await nextTick();
      }
    }
    this.marks = marks;
    this.publish(1, true);
    return { mode, reread: laoIds.length, recomputed };
  }
}

const engines = new Map<string, ProvinceCompletion>();

/** One engine per database, fiscal year and day (overdue depends on the day). */
export function provinceCompletion(db: EplanDb, fiscalYear: number, asOf: string): ProvinceCompletion {
  const key = `${db.name}|${fiscalYear}|${asOf}`;
  let engine = engines.get(key);
  if (!engine) engines.set(key, (engine = new ProvinceCompletion(db, fiscalYear, asOf)));
  return engine;
}
