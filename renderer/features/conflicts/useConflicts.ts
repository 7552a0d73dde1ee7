import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { RecordTable } from '../../../shared/domain/tables';
import type { SessionUser, SyncConflict } from '../../../shared/sync/protocol';
import { useOnline } from '../../app/useOnline';
import { localDb, type ReferenceRow, type StoredRecord } from '../../data/db';
import { syncErrorCode, type SyncErrorCode } from '../../sync/api';
import { META, readMeta } from '../../sync/meta';
import { storedApi } from '../../sync/runtime';
import { useSyncStatus } from '../sync/useSync';
import { fetchServerConflicts, queuedResolutions } from '../../sync/conflictQueue';
import { openConflicts } from '../../sync/conflictResolution';

/** Open conflicts on this device, without those decided here and not yet sent; undefined while loading. */
export function useOpenConflicts(): SyncConflict[] | undefined {
  return useLiveQuery(async () => {
    const db = localDb();
    // resolvedAt is null for open conflicts, and IndexedDB does not index null: a filter it is.
    const [conflicts, queued] = await Promise.all([db.conflicts.filter((c) => c.resolvedAt === null).toArray(), queuedResolutions(db)]);
    return openConflicts(conflicts, queued);
  }, []);
}

/** The badge number: open conflicts not yet decided on this device. */
export function useOpenConflictCount(): number {
  return useOpenConflicts()?.length ?? 0;
}

export type ServerRefresh = { state: 'offline' | 'signedOut' | 'loading' | 'done' } | { state: 'error'; code: SyncErrorCode };

/**
 * Asks the server for the open conflicts of the user's provinces when online
 * (again after every sync), so a supervisor sees the whole province's.
 */
export function useServerConflicts(): ServerRefresh {
  const online = useOnline();
  const { lastSyncAt } = useSyncStatus();
  const [refresh, setRefresh] = useState<ServerRefresh>({ state: 'loading' });
  useEffect(() => {
    let cancelled = false;
    const set = (next: ServerRefresh) => !cancelled && setRefresh(next);
    if (!online) {
      set({ state: 'offline' });
      return;
    }
    void (async () => {
      const db = localDb();
      const [api, user] = await Promise.all([storedApi(db), readMeta<SessionUser>(db, META.user)]);
      if (!api || !user) return set({ state: 'signedOut' });
      set({ state: 'loading' });
      try {
        await fetchServerConflicts(db, api, user.provinceCodes);
        set({ state: 'done' });
      } catch (error) {
        set({ state: 'error', code: syncErrorCode(error) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [online, lastSyncAt]);
  return refresh;
}

export interface ConflictContext {
  laos: Map<string, ReferenceRow>;
  users: Map<string, ReferenceRow>;
  /** The records as this device holds them now, by `${table}:${id}`. */
  records: Map<string, StoredRecord>;
  me: SessionUser | null;
}

/** LAO names, user names and current records the conflict list shows, kept live. */
export function useConflictContext(conflicts: readonly SyncConflict[] | undefined): ConflictContext | undefined {
  const key = (conflicts ?? []).map((c) => `${c.id}`).join(',');
  const context = useLiveQuery(async () => {
    const db = localDb();
    const list = conflicts ?? [];
    const laoIds = [...new Set(list.map((c) => c.laoId))];
    const userIds = [...new Set(list.map((c) => c.author))];
    const [laos, users, me] = await Promise.all([db.laos.bulkGet(laoIds), db.users.bulkGet(userIds), readMeta<SessionUser>(db, META.user)]);
    const records = new Map<string, StoredRecord>();
    for (const conflict of list) {
      const row = await db.table<StoredRecord, string>(conflict.table as RecordTable).get(conflict.recordId).catch(() => undefined);
      if (row) records.set(`${conflict.table}:${conflict.recordId}`, row);
    }
    const byId = <T extends ReferenceRow>(ids: string[], rows: (T | undefined)[]) =>
      new Map(rows.flatMap((row, i) => (row ? [[ids[i]!, row] as [string, T]] : [])));
    return { laos: byId(laoIds, laos), users: byId(userIds, users), records, me: me ?? null };
    // The ids say when the list changed; the tables read are watched by the live query itself.
    // While the next answer loads the last one stays, so an open detail keeps its choices.
  }, [key]);
  return context;
}
