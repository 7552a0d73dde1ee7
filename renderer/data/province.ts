/** Live reference data of the province on this device: LAOs, districts, officers, the local user, visits. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Lao, District, User } from '../../shared/domain/reference';
import type { FieldVisit } from '../../shared/domain/visit';
import { localDb } from './db';
import { useCalendar } from './calendars';
import { provinceCompletion, type CompletionSnapshot } from './completion';
import { syncEngine } from '../sync/runtime';

export interface ProvinceReference {
  laos: Lao[];
  districts: District[];
  users: User[];
  currentUser: User | undefined;
}

export function useProvinceReference(): ProvinceReference | undefined {
  return useLiveQuery(async () => {
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
  }, []);
}

/** Every live field visit, newest first. */
export function useFieldVisits(): FieldVisit[] | undefined {
  return useLiveQuery(async () => {
    const rows = (await localDb().fieldVisits.toArray()) as unknown as FieldVisit[];
    return rows.filter((row) => !row.deleted).sort((a, b) => b.visitedOn.localeCompare(a.visitedOn) || b.updatedAt.localeCompare(a.updatedAt));
  }, []);
}

/** The latest visit to each LAO. */
export function useLastVisits(): Map<string, FieldVisit> | undefined {
  const visits = useFieldVisits();
  return useMemo(() => {
    if (!visits) return undefined;
    const last = new Map<string, FieldVisit>();
    for (const visit of visits) if (!last.has(visit.laoId)) last.set(visit.laoId, visit);
    return last;
  }, [visits]);
}

/** True while the first download of a province runs (its progress bar shows). */
function useInitialSyncRunning(): boolean {
  const engine = syncEngine();
  return useSyncExternalStore(engine.subscribe, () => engine.getStatus().download !== null);
}

/**
 * Completion results of every LAO for a fiscal year, as of a day; recomputed incrementally.
 * After a restart the last session's stored results show at once (`stale` while they are of another day).
 */
export function useProvinceCompletion(fiscalYear: number, asOf: string): CompletionSnapshot {
  const { template } = useCalendar(fiscalYear);
  const engine = useMemo(() => provinceCompletion(localDb(), fiscalYear, asOf, template), [fiscalYear, asOf, template]);
  const snapshot = useSyncExternalStore(engine.subscribe, engine.snapshot);
  // Bumped by every committed write to a record table or the LAO list (Dexie's storagemutated event).
  const writes = useSyncExternalStore(engine.subscribeWrites, engine.writes);
  // Each page of an initial sync would start a pass over every row stored so far, slowing the
  // download it waits for: the results are computed once, when the download is complete.
  const downloading = useInitialSyncRunning();
  // The first pass starts at once (a restart shows the stored results without waiting for any query).
  useEffect(() => {
    if (!downloading) void engine.refresh();
  }, [engine, writes, downloading]);
  return snapshot;
}
