/**
 * The province's completion results, kept up to date incrementally: a full
 * pass reads every LAO's records, a chunk of LAOs at a time; afterwards only
 * LAOs written since the last pass (the rows of the write log after the last
 * one drained, laoWriteLog.ts) are re-read and, if their stamp changed,
 * re-evaluated. The results are stored (completionStore.ts) with the place in
 * the log they account for, so the next start shows them at once and only
 * catches up with what was written since, by any window, in any session.
 */
import { defaultTemplate, evaluateLao, type CalendarTemplate, type LaoRecords, type MissingItem } from '../../shared/calendar/index';
import Dexie, { type Table } from 'dexie';
import { isRecordTable, RECORD_TABLES } from '../../shared/domain/tables';
import type { EplanDb, StoredRecord } from './db';
import { lastLaoWrite, laoWritesSince, type LaoWritesSince } from './laoWriteLog';
import { CompletionCache, groupByLao, type LaoTaskResults, type PartialRead } from '../../shared/calendar/completionCache';
import { calendarKey, loadCompletionState, loadMissingItems, loadMissingLists, rulesVersion, sameRuleSet, saveCompletionState, templateFingerprint } from './completionStore';
import type { RecordTable } from '../../shared/domain/tables';
import { writtenTable } from './writesHeard';
import { readLaoRange } from './pagedReads';
import { logError } from '../app/errorLog';
import { pulledCursors } from '../sync/meta';
import { sameValue } from '../../shared/sync/merge';

export interface CompletionSnapshot {
  fiscalYear: number;
  asOf: string;
  template: CalendarTemplate;
  results: ReadonlyMap<string, LaoTaskResults>;
  /** 0..1 while a full pass runs; 1 once results are complete. */
  progress: number;
  ready: boolean;
  /**
   * True while stored results are shown and the ones for today and the data now
   * on the device are being computed: results of another day, or (catchingUp)
   * the results this device stored before its records may have changed (a
   * download, another window) until the first pass after a restart has run.
   * Exports wait, and pages say so.
   */
  stale: boolean;
  /** Stale because the first pass since the restart has not yet caught up with the records (same day). */
  catchingUp: boolean;
  /**
   * The last pass failed (a read the browser refused, a full disk when storing):
   * the results are those of the last pass that ran through, and pages say so
   * and offer `retry`. Cleared by the next pass that succeeds.
   */
  failed: boolean;
  /**
   * The change-log positions, per province, that the results shown account
   * for: the pulled cursors as they stood before the last finished pass read
   * the log, so every pulled change at or before them is in the results (one
   * after them may be too). A sign-off sends them as what the supervisor saw
   * (docs/calendar.md, "Sign-off of periods"); a pull that lands after the
   * pass is not in them, and the server holds its LAOs back. Undefined until
   * a pass has finished.
   */
  seen?: Readonly<Record<string, number>>;
  /** Runs a pass again (after a failure). */
  retry: () => void;
  /** The missing items of an LAO's task, read when shown (ProvinceCompletion.missingItems). */
  missingItems: (laoId: string, taskId: string) => Promise<MissingItem[]>;
}

export interface RefreshReport {
  /**
   * newDay: stored results were of another day (or app build), so every LAO was evaluated again;
   * cold: nothing usable was stored (none, another calendar, or other rules).
   */
  mode: 'cold' | 'incremental' | 'reread' | 'newDay';
  /** LAOs whose records were read again. */
  reread: number;
  /** Of those, the LAOs read only in the tables written and the tables of the tasks that read them. */
  partly: number;
  /** LAOs actually re-evaluated (their stamp changed). */
  recomputed: string[];
}

type FullPassMode = 'cold' | 'reread' | 'newDay';

/** How readLaos reads a chunk: by range (`inKeyOrder`), and one table at a time (`oneTable`). */
interface ReadOrder {
  inKeyOrder?: boolean;
  oneTable?: boolean;
}

const CHUNK = 20;
/** Past this many log rows since the last pass (a download, an import), the results shown are marked as catching up. */
const MANY_WRITES = 100;
const nextTick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/**
 * Evaluating runs on the window's thread: past this much work since the
 * thread was last handed back, the pass hands it back before the next LAO, so
 * a click or a frame is never held for long. A chunk of twenty LAOs evaluated
 * at once took up to 117 ms after a download (a quarter of the province).
 */
const SLICE_MS = 30;

/** A failed pass that nobody waited for, written to the app's error log (a file in the desktop app). */
const reportPassFailure = (error: unknown): void => logError('completion pass failed', error);

export class ProvinceCompletion {
  private readonly cache: CompletionCache;
  private readonly fingerprint: string;
  /** The last write-log row the results account for; undefined until a first pass (or a usable stored state). */
  private drained: number | undefined;
  private running: Promise<RefreshReport> | undefined;
  private again = false;
  /** A pass has been asked for (refresh): see `started`. */
  private refreshed = false;
  /** The stored state is looked at once, by the first pass. */
  private restored = false;
  /** Stored results of another day, shown until today's are computed. */
  private staleResults: ReadonlyMap<string, LaoTaskResults> | undefined;
  /** Today's stored results are shown, restored, until the first pass has checked them against the records. */
  private catchingUp = false;
  /** The stored LAOs are not this device's LAOs any more: the next pass rereads all. */
  private rereadAll = false;
  /** Marks or results changed since the state was last stored. */
  private unsaved = false;
  /** A full pass ran since: the stored results are replaced as a whole. */
  private saveAll = false;
  /** LAOs re-evaluated since the state was last stored. */
  private readonly unsavedLaos = new Set<string>();
  private snapshotValue: CompletionSnapshot;
  private readonly listeners = new Set<() => void>();
  /** The device's LAO list was written (reference data refreshed): added or removed LAOs are handled. */
  private laosTouched = false;
  /** The pulled cursors read as the running (or last) pass began: the `seen` of the results it publishes. */
  private passSeen: Readonly<Record<string, number>> | undefined;
  /** Told of each write reported to this engine: the hook starts a pass from it (none while a first download runs). */
  private readonly writeListeners = new Set<() => void>();

  /**
   * `preview`: an engine for a calendar not in force (the editor's draft): it computes from the
   * records like any other, but neither shows nor stores the results of the calendar in force.
   */
  constructor(private readonly db: EplanDb, readonly fiscalYear: number, readonly asOf: string, template: CalendarTemplate = defaultTemplate(fiscalYear), private readonly options: { preview?: boolean; onFailure?: (error: unknown) => void } = {}) {
    this.restored = options.preview === true;
    this.cache = new CompletionCache(template, { asOf, fiscalYear });
    this.fingerprint = templateFingerprint(template);
    this.snapshotValue = { fiscalYear, asOf, template, results: new Map(), progress: 0, ready: false, stale: false, catchingUp: false, failed: false, retry: () => this.refreshInBackground(), missingItems: (laoId, taskId) => this.missingItems(laoId, taskId) };
  }

  get dbName(): string {
    return this.db.name;
  }

  get evaluations(): number {
    return this.cache.evaluations;
  }

  snapshot = (): CompletionSnapshot => this.snapshotValue;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Notes a committed write to a record table or (laos) to the LAO list, as
   * Dexie reported it (any tab or window): the hook refreshes, and the pass
   * reads from the write log which LAOs were written.
   */
  noteWrites(laos: boolean): void {
    if (laos) this.laosTouched = true;
    for (const listener of this.writeListeners) listener();
  }

  /** Whether a pass has been asked for yet: during a first download the hook asks for the first alone. */
  get started(): boolean {
    return this.refreshed;
  }

  subscribeWrites = (listener: () => void): (() => void) => {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  };

  /**
   * The missing items of one task of an LAO, for the panel that shows them:
   * the results' own when they were computed in this session; for results
   * read back from the store (which keeps the lists apart, so a start reads
   * only the statuses), the stored list of the same stamp; failing that (the
   * row gone or of other records), the LAO evaluated now.
   */
  async missingItems(laoId: string, taskId: string): Promise<MissingItem[]> {
    const entry = this.cache.stamped([laoId])[0]?.[1];
    const result = entry?.results[taskId];
    if (result && !result.missingApart) return result.missing;
    const stored = await loadMissingItems(this.db, this.fiscalYear, laoId, taskId, entry?.stamp);
    if (stored) return stored;
    const records = (await this.readLaos([laoId])).get(laoId) ?? {};
    return evaluateLao(this.cache.template, records, this.cache.ctx)[taskId]?.missing ?? [];
  }

  /** Brings results up to date; concurrent calls coalesce into one follow-up pass. */
  refresh(): Promise<RefreshReport> {
    this.refreshed = true;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const started = performance.now();
    this.running = this.pass().then((report) => {
      // Visible in the browser's performance timeline (and read by the benchmark): what each pass cost.
      performance.measure(`completion ${report.mode}: ${report.reread} LAOs read (${report.partly} in part), ${report.recomputed.length} re-evaluated`, { start: started });
      if (this.snapshotValue.failed) this.setSnapshot({ failed: false });
      return report;
    }, (error: unknown) => {
      // The marks stay where the last good pass left them: the next pass reads again what this one missed.
      this.setSnapshot({ failed: true });
      throw error;
    }).finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.refreshInBackground();
      }
    });
    return this.running;
  }

  /**
   * refresh() for a caller that does not wait for it (a write heard, a retry):
   * a failure is in the snapshot (`failed`) and goes to the error log
   * (options.onFailure), never an unhandled rejection.
   */
  refreshInBackground(): void {
    this.refresh().catch(this.options.onFailure ?? reportPassFailure);
  }

  private setSnapshot(change: Partial<CompletionSnapshot>) {
    this.snapshotValue = { ...this.snapshotValue, ...change };
    for (const listener of this.listeners) listener();
  }

  /**
   * Publishes the cache's results, or `shown` (stored results of another day)
   * marked stale. `final`: the results this pass ends with, published with the
   * positions it read the log from; results published on the way are not.
   */
  private publish(progress: number, ready: boolean, shown?: ReadonlyMap<string, LaoTaskResults>, final = false) {
    const catchingUp = this.catchingUp && shown === undefined;
    const seen = final && this.passSeen ? { seen: this.passSeen } : {};
    this.setSnapshot({ results: shown ?? this.cache.snapshot(), progress, ready, stale: shown !== undefined || catchingUp, catchingUp, ...seen });
  }

  private async pass(): Promise<RefreshReport> {
    if (!this.restored) await this.restore();
    // Read before the log: a pull stores its records, their log rows and its cursor in one transaction,
    // so every pull these cursors count is in the log this pass reads (one that lands between is read
    // too, and only makes the sign-off more careful than it needs to be).
    const seen = await pulledCursors(this.db);
    this.passSeen = seen;
    // Writes reported from here on belong to the next pass.
    const laosTouched = this.laosTouched;
    this.laosTouched = false;
    let report: RefreshReport;
    if (this.drained === undefined) report = await this.fullPass(this.staleResults ? 'newDay' : 'cold');
    else if (this.rereadAll) report = await this.fullPass('reread');
    else report = await this.incrementalPass(this.drained, laosTouched);
    if (this.catchingUp) {
      // The restored results are now checked against the records: current, whether or not any changed.
      this.catchingUp = false;
      this.publish(1, true, undefined, true);
    }
    // A pass with nothing to evaluate after a pull (its changes were to other years, say) publishes no results.
    if (!sameValue(seen, this.snapshotValue.seen)) this.setSnapshot({ seen });
    // A full pass is stored before refresh() resolves; after an edit, a queued follow-up pass stores both at once.
    if (this.unsaved && (report.mode !== 'incremental' || !this.again)) await this.persist();
    return report;
  }

  /** Shows the results stored by an earlier session at once; the pass that follows only catches up. */
  private async restore(): Promise<void> {
    this.restored = true;
    const state = await loadCompletionState(this.db, this.fiscalYear, this.fingerprint);
    // Results of other rules are not shown at all: the first pass computes them as if cold.
    if (!state || !sameRuleSet(state.rules)) return;
    if (state.asOf !== this.asOf || state.rules !== rulesVersion()) {
      // "Overdue" depends on the day: show the old results as stale while every LAO is evaluated again.
      this.staleResults = new Map(state.laos.map(([laoId, entry]) => [laoId, entry.results]));
      this.publish(0, true, this.staleResults);
      return;
    }
    this.cache.seed(state.laos);
    // Shown at once, as stale, until this pass has read the log (a download may have landed since).
    this.drained = state.drained ?? 0;
    this.catchingUp = true;
    this.publish(1, true);
    // Writes since not all known (an older state, the log pruned past it), or LAOs added or removed
    // since (another province downloaded, which the log of record writes does not show): read all.
    this.rereadAll = state.drained === undefined || !sameIds(await this.laoIds(), state.laos.map(([laoId]) => laoId));
  }

  private async incrementalPass(after: number, laosTouched: boolean): Promise<RefreshReport> {
    const since = await laoWritesSince(this.db, after);
    const { through } = since;
    // Many writes since (a download, an import): the results on screen are known to be behind
    // until this pass has read them all, so they are shown as catching up, never as current.
    if (since.rows > MANY_WRITES && !this.catchingUp) {
      this.catchingUp = true;
      this.publish(1, true);
    }
    if (since.laoIds === 'all') return this.fullPass('reread');
    const dirty = new Set(since.laoIds);
    const laoIds = dirty.size > 0 || laosTouched ? new Set(await this.laoIds()) : new Set<string>();
    // Records of an LAO not (yet) on the device are not evaluated: its arrival in the LAO list is.
    for (const laoId of dirty) if (!laoIds.has(laoId)) dirty.delete(laoId);
    let removed = false;
    if (laosTouched) {
      // LAOs added to the device are evaluated (they may have no records yet); removed ones dropped.
      removed = [...this.snapshotValue.results.keys()].some((laoId) => !laoIds.has(laoId));
      this.cache.retain(laoIds);
      for (const laoId of laoIds) if (!this.cache.has(laoId)) dirty.add(laoId);
    }
    if (removed) {
      this.unsaved = true;
      this.saveAll = true;
      this.publish(1, true);
    }
    if (dirty.size === 0 && through === after) return { mode: 'incremental', reread: 0, partly: 0, recomputed: [] };
    const { recomputed, partly } = await this.evaluateWritten(dirty, since.tables);
    // Advanced only once the dirty LAOs are evaluated, so a failed read is retried by the next pass.
    this.drained = through;
    this.unsaved = true;
    for (const laoId of recomputed) this.unsavedLaos.add(laoId);
    if (recomputed.length > 0) this.publish(1, true, undefined, !this.catchingUp);
    return { mode: 'incremental', reread: dirty.size, partly, recomputed };
  }

  /**
   * Re-evaluates LAOs written since the last pass. A few LAOs whose written
   * tables are known are read only in those tables and the tables of the tasks
   * that read them (an edited plan does not read the LAO's disbursements back);
   * the others, and any LAO whose partial update cannot be made, are read whole.
   * Many LAOs (a sync page) are read whole in chunks: fewer transactions.
   */
  private async evaluateWritten(dirty: ReadonlySet<string>, tables: LaoWritesSince['tables']): Promise<{ recomputed: string[]; partly: number }> {
    if (dirty.size > CHUNK) return { recomputed: await this.evaluate([...dirty]), partly: 0 };
    const recomputed: string[] = [];
    const whole: string[] = [];
    for (const laoId of dirty) {
      const written = tables.get(laoId);
      const read = written && written !== 'all' ? this.cache.partialRead(laoId, written) : undefined;
      const changed = read ? await this.updatePartly(laoId, read) : undefined;
      if (changed === undefined) whole.push(laoId);
      else if (changed) recomputed.push(laoId);
    }
    return { recomputed: [...recomputed, ...(await this.evaluate(whole))], partly: dirty.size - whole.length };
  }

  /** One LAO brought up to date from some tables; undefined when it must be read whole (its stored lists gone or of other results). */
  private async updatePartly(laoId: string, read: PartialRead): Promise<boolean | undefined> {
    const [records, lists] = await Promise.all([
      this.readLaos([laoId], [...read.tables]),
      read.lists ? loadMissingLists(this.db, this.fiscalYear, laoId, read.stamp) : undefined,
    ]);
    if (read.lists && !lists) return undefined;
    try {
      return this.cache.updateTables(laoId, read, records.get(laoId) ?? {}, lists);
    } catch {
      // A list missing for a task kept (lists of another calendar version): reading the LAO whole is always right.
      return undefined;
    }
  }

  /**
   * Reads and evaluates the given LAOs in chunks (bounded memory); returns
   * those whose results changed. `order.inKeyOrder`: the ids are the device's
   * whole LAO list in key order (a full pass), so each chunk is every LAO
   * between its first and last id and is read by range; `order.oneTable`:
   * one table's request at a time (see readLaos).
   */
  private async evaluate(laoIds: readonly string[], afterChunk?: (done: number) => Promise<void>, order: ReadOrder = {}): Promise<string[]> {
    const recomputed: string[] = [];
    for (let start = 0; start < laoIds.length; start += CHUNK) {
      const chunk = laoIds.slice(start, start + CHUNK);
      const records = await this.readLaos(chunk, RECORD_TABLES, order);
      let sliceStart = performance.now();
      for (const laoId of chunk) {
        if (performance.now() - sliceStart > SLICE_MS) {
          await nextTick();
          sliceStart = performance.now();
        }
        if (this.cache.update(laoId, records.get(laoId) ?? {})) recomputed.push(laoId);
      }
      if (afterChunk && start + CHUNK < laoIds.length) await afterChunk(start + CHUNK);
    }
    return recomputed;
  }

  /**
   * The records of a few LAOs (in the given tables, default all) through the
   * laoId index, in one read transaction. `inKeyOrder`: the ids are every LAO
   * between the first and the last in key order (a full pass's chunk), read
   * by one range per table, where reading each LAO apart asks twenty times as
   * often (a province: 221 requests instead of 4,342). During a first
   * download each request waits its turn among the download's page writes:
   * the first pass took 1.9-2.8 s instead of 2.7-3.3 s. A range is read a page
   * at a time (pagedReads.ts): twenty LAOs' disbursements in one result were a
   * task of up to 223 ms at the whole province. Records of an LAO not in the
   * list are left out either way. `oneTable`: the tables are read one after
   * another, not all at once. The database answers requests in turn, so a
   * page's reads (which ask for the records of every table at once) would be
   * ahead of anything the page asks for meanwhile; a pass while the officer
   * works asks one request at a time.
   */
  private readLaos(laoIds: readonly string[], names: readonly RecordTable[] = RECORD_TABLES, { inKeyOrder = false, oneTable = false }: ReadOrder = {}): Promise<Map<string, LaoRecords>> {
    const tables = names.map((table) => this.db.table<StoredRecord, string>(table));
    const read = inKeyOrder
      ? (table: Table<StoredRecord, string>) => readLaoRange(table, laoIds[0]!, laoIds[laoIds.length - 1]!)
      : async (table: Table<StoredRecord, string>) => (await Promise.all(laoIds.map((laoId) => table.where('laoId').equals(laoId).toArray()))).flat();
    return this.db.transaction('r', tables, async () => {
      const rows: StoredRecord[][] = [];
      if (oneTable) for (const table of tables) rows.push(await read(table));
      else rows.push(...await Promise.all(tables.map(read)));
      const byLao = groupByLao(Object.fromEntries(names.map((table, i) => [table, rows[i]!])));
      if (inKeyOrder) for (const laoId of [...byLao.keys()]) if (!laoIds.includes(laoId)) byLao.delete(laoId);
      return byLao;
    });
  }

  private async laoIds(): Promise<string[]> {
    return (await this.db.laos.toCollection().primaryKeys()).map(String);
  }

  private async fullPass(mode: FullPassMode): Promise<RefreshReport> {
    // Read before the records: a write committed during the pass is evaluated again by the next.
    const through = await lastLaoWrite(this.db);
    const laoIds = await this.laoIds();
    this.cache.retain(new Set(laoIds));
    const recomputed = await this.evaluate(laoIds, async (done) => {
      // A reread keeps today's results on screen quietly; cold and new-day passes report progress and let the page paint.
      if (mode === 'reread') return;
      this.publish(done / laoIds.length, mode === 'newDay', this.staleResults);
      await nextTick();
    }, { inKeyOrder: true, oneTable: mode !== 'cold' });
    this.drained = through;
    this.staleResults = undefined;
    this.rereadAll = false;
    this.unsaved = true;
    this.saveAll = true;
    this.publish(1, true, undefined, !this.catchingUp);
    return { mode, reread: laoIds.length, partly: 0, recomputed };
  }

  private async persist(): Promise<void> {
    if (this.drained === undefined || this.options.preview) return;
    const header = { fiscalYear: this.fiscalYear, template: this.fingerprint, rules: rulesVersion(), asOf: this.asOf, drained: this.drained };
    const laos = this.saveAll ? this.cache.stamped() : this.cache.stamped(this.unsavedLaos);
    if (!(await saveCompletionState(this.db, header, laos, this.saveAll))) return;
    this.unsaved = false;
    this.saveAll = false;
    this.unsavedLaos.clear();
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(b);
  return a.length === set.size && a.every((id) => set.has(id));
}

const engines = new Map<string, ProvinceCompletion>();


/** Tells every engine whether its database's record tables or LAO list were written by a committed transaction. */
function routeWrites(parts: Readonly<Record<string, unknown>>): void {
  const written = new Map<string, { records: boolean; laos: boolean }>();
  for (const key of Object.keys(parts)) {
    const part = writtenTable(key);
    if (!part) continue;
    const { dbName, table } = part;
    let entry = written.get(dbName);
    if (!entry) written.set(dbName, (entry = { records: false, laos: false }));
    if (isRecordTable(table)) entry.records = true;
    else if (table === 'laos') entry.laos = true;
  }
  for (const engine of engines.values()) {
    const entry = written.get(engine.dbName);
    if (entry && (entry.records || entry.laos)) engine.noteWrites(entry.laos);
  }
}

let listening = false;

/** One engine per database, fiscal year, day (overdue depends on the day) and calendar. */
export function provinceCompletion(db: EplanDb, fiscalYear: number, asOf: string, template: CalendarTemplate = defaultTemplate(fiscalYear)): ProvinceCompletion {
  const key = `${db.name}|${fiscalYear}|${asOf}|${calendarKey(template)}`;
  if (!listening) {
    listening = true;
    Dexie.on('storagemutated', routeWrites);
  }
  let engine = engines.get(key);
  if (!engine) {
    // A new day: the engines of earlier days (any year) are not asked for again; pages holding one keep it until they re-render.
    // A newer calendar of the year replaces its engine too.
    for (const [other, existing] of engines) {
      if (existing.dbName === db.name && (existing.asOf < asOf || (existing.fiscalYear === fiscalYear && existing.asOf === asOf))) engines.delete(other);
    }
    engines.set(key, (engine = new ProvinceCompletion(db, fiscalYear, asOf, template)));
  }
  return engine;
}
