/** Live reference data of the province on this device: LAOs, districts, officers, the local user, visits. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Lao, District, User } from '../../shared/domain/reference';
import type { FieldVisit } from '../../shared/domain/visit';
import { localDb } from './db';
import { useCalendar } from './calendars';
import { provinceCompletion, type CompletionSnapshot, type ProvinceCompletion } from './completion';
import { syncEngine } from '../sync/runtime';
import { afterWrites } from './writesHeard';
import { sharedLiveQuery, useSharedLiveQuery } from './sharedLiveQuery';

export interface ProvinceReference {
  laos: Lao[];
  districts: District[];
  users: User[];
  currentUser: User | undefined;
}

async function readReference(): Promise<ProvinceReference> {
  const db = localDb();
  const [laos, districts, users, current] = await Promise.all([
    db.laos.toArray(), db.districts.toArray(), db.users.toArray(), db.meta.get('currentUserId'),
  ]);
  const typedUsers = users as unknown as User[];
  return {
    laos: laos as unknown as Lao[],
    districts: (districts as unknown as District[]).sort((a, b) => a.code.localeCompare(b.code)),
    users: typedUsers,
    currentUser: typedUsers.find((user) => user.id === current?.value),
  };
}

export const provinceReference = sharedLiveQuery(readReference);

/**
 * The province's LAOs, districts and users: one live query shared by every
 * component that shows them. Each matrix row names who signed a cell off, and
 * a query of its own per row read the whole LAO list 334 times at once.
 */
export function useProvinceReference(): ProvinceReference | undefined {
  return useSharedLiveQuery(provinceReference);
}

/** Every live field visit, newest first. */
async function readFieldVisits(): Promise<FieldVisit[]> {
  const rows = (await localDb().fieldVisits.toArray()) as unknown as FieldVisit[];
  return rows.filter((row) => !row.deleted).sort((a, b) => b.visitedOn.localeCompare(a.visitedOn) || b.updatedAt.localeCompare(a.updatedAt));
}

/** Every live field visit, newest first. */
export function useFieldVisits(): FieldVisit[] | undefined {
  return useLiveQuery(readFieldVisits, []);
}

/** The latest visit to each LAO, from visits newest first. */
export function lastVisitsOf(visits: readonly FieldVisit[], before?: ReadonlyMap<string, FieldVisit>): Map<string, FieldVisit> {
  const last = new Map<string, FieldVisit>();
  for (const visit of visits) {
    if (last.has(visit.laoId)) continue;
    // The same stored visit keeps the object it had, so the rows of LAOs whose last visit did not change need not render again.
    const kept = before?.get(visit.laoId);
    last.set(visit.laoId, kept && kept.id === visit.id && kept.version === visit.version && kept.updatedAt === visit.updatedAt ? kept : visit);
  }
  return last;
}

/**
 * The latest visit to each LAO; read again after each write of visits. While a
 * first download runs, what was read stays: reading every visit again after
 * each stored page slowed the download it waited for (see useInitialSyncRunning).
 */
export function useLastVisits(): Map<string, FieldVisit> | undefined {
  return useHeldDuringDownload('lastVisits', async (kept) => lastVisitsOf(await readFieldVisits(), kept));
}

/**
 * True while the first download of a province runs (its progress bar shows).
 * Live queries that read whole record tables hold their last result meanwhile
 * and read again when it ends: each stored page would otherwise re-run them,
 * and their reads compete with the download's writes in IndexedDB (measured:
 * the download's store time 25.9 s on the checklist, 18.9 s on a page without them).
 */
export function useInitialSyncRunning(): boolean {
  const engine = syncEngine();
  return useSyncExternalStore(engine.subscribe, () => engine.getStatus().download !== null);
}

/**
 * A live query over whole record tables that holds its last result while a
 * first download runs (see useInitialSyncRunning) and reads again when it ends.
 * `read` gets the last result of the same `key` (to keep unchanged objects);
 * a new key reads at once, download or not.
 */
export function useHeldDuringDownload<T>(key: string | number, read: (kept: T | undefined) => Promise<T>): T | undefined {
  const downloading = useInitialSyncRunning();
  const kept = useRef<{ key: string | number; value: T } | undefined>(undefined);
  return useLiveQuery(async () => {
    const before = kept.current?.key === key ? kept.current.value : undefined;
    if (downloading && before !== undefined) return before;
    const value = await read(before);
    kept.current = { key, value };
    return value;
  }, [key, downloading]);
}

/**
 * A read of whole tables that a write rarely changes (the fiscal years a
 * picker offers): read at once, then again `delayMs` after writes to `tables`
 * (at most once in that time), rather than on each write as a live query
 * would. An edit's own work comes first: re-run at once, the fiscal years'
 * read of every plan and index key held up the completion pass the edit
 * calls for (full-scale matrix, page at rest, edit to row changed: 102–247 ms
 * re-read at once, 65–88 ms deferred). Held during a first download like
 * useHeldDuringDownload. `read` must keep its identity (useCallback).
 */
export function useReadAfterWrites<T>(key: string | number, tables: ReadonlySet<string>, read: () => Promise<T>, delayMs = 1_000): T | undefined {
  const downloading = useInitialSyncRunning();
  const [state, setState] = useState<{ key: string | number; value: T }>();
  const kept = useRef<string | number | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const run = () => {
      read().then((value) => {
        if (!live) return;
        kept.current = key;
        setState({ key, value });
      }, (error: unknown) => console.warn('Could not read again after a write; the last result stays', error));
    };
    if (!downloading || kept.current !== key) run();
    if (downloading) return () => {
      live = false;
    };
    const stop = afterWrites(localDb().name, tables, run, delayMs);
    return () => {
      live = false;
      stop();
    };
  }, [key, tables, read, delayMs, downloading]);
  return state?.key === key ? state.value : undefined;
}

/**
 * While the lock screen waits for the password, what the first page shows is
 * read into memory, and nothing is shown until the password is given: the
 * province's reference data and the completion results of `today`'s fiscal
 * year (restored from the store and checked against the write log), computed
 * by the same engine, kept the same way, as the page's `useProvinceCompletion`.
 * Typing a password takes seconds; the checklist or matrix after it then has
 * its data (full scale, a 3 s pause at the lock: Enter → first matrix rows
 * 750–1,240 ms without, 446–518 ms with).
 */
export function useReadAheadOfUnlock({ iso, fiscalYear }: { iso: string; fiscalYear: number }): void {
  useEffect(() => holdReference(), []);
  useRunningCompletion(fiscalYear, iso);
}

/** Keeps the shared reference query running (and its result in memory) until the returned stop. */
export function holdReference(): () => void {
  return provinceReference.subscribe(() => {});
}

/**
 * Completion results of every LAO for a fiscal year, as of a day; recomputed incrementally.
 * After a restart the last session's stored results show at once (`stale` while they are of another day).
 */
export function useProvinceCompletion(fiscalYear: number, asOf: string): CompletionSnapshot {
  const engine = useRunningCompletion(fiscalYear, asOf);
  return useSyncExternalStore(engine.subscribe, engine.snapshot);
}

/**
 * The completion engine of a fiscal year and day, kept current: its first pass
 * starts at once (a restart shows the stored results without waiting for any
 * query) and every committed write to a record table or the LAO list starts
 * another. Each page of an initial sync would start a pass over every row
 * stored so far, slowing the download it waits for: while one runs, the first
 * pass alone is made (the LAOs already there, shown as partial data, whenever
 * the window opened the checklist), and the results computed again once the
 * download is complete.
 */
function useRunningCompletion(fiscalYear: number, asOf: string): ProvinceCompletion {
  const { template } = useCalendar(fiscalYear);
  const engine = useMemo(() => provinceCompletion(localDb(), fiscalYear, asOf, template), [fiscalYear, asOf, template]);
  const downloading = useInitialSyncRunning();
  useEffect(() => {
    if (!downloading || !engine.started) engine.refreshInBackground();
    // A write heard starts a pass straight away, without drawing the page again: during a download (nothing
    // to start, the pass at its end reads every page) a re-render per stored page redrew the whole checklist.
    return downloading ? undefined : engine.subscribeWrites(() => engine.refreshInBackground());
  }, [engine, downloading]);
  return engine;
}
