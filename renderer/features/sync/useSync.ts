import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import type { SessionUser } from '../../../shared/sync/protocol';
import { localDb } from '../../data/db';
import type { SyncStatus } from '../../sync/engine';
import { META } from '../../sync/meta';
import { syncEngine } from '../../sync/runtime';

export function useSyncStatus(): SyncStatus {
  const engine = syncEngine();
  return useSyncExternalStore(engine.subscribe, engine.getStatus, engine.getStatus);
}

export interface OutboxCounts {
  pending: number;
  rejected: number;
  conflicts: number;
}

/** Changes waiting for the server, changes it refused, and conflicts not yet resolved. */
export function useOutboxCounts(): OutboxCounts {
  return useLiveQuery(
    async () => {
      const db = localDb();
      const rejected = await db.outbox.filter((entry) => entry.rejected !== undefined).count();
      const total = await db.outbox.count();
      const conflicts = await db.conflicts.filter((conflict) => conflict.resolvedAt === null).count();
      return { pending: total - rejected, rejected, conflicts };
    },
    [],
    { pending: 0, rejected: 0, conflicts: 0 },
  );
}

export function useSessionUser(): SessionUser | null | undefined {
  return useLiveQuery(async () => ((await localDb().meta.get(META.user))?.value as SessionUser | undefined) ?? null, [], undefined);
}
