import { useLiveQuery } from 'dexie-react-hooks';
import { useSyncExternalStore } from 'react';
import { canWriteLaoHere } from '../../../shared/auth/access';
import type { SessionUser } from '../../../shared/sync/protocol';
import { localDb } from '../../data/db';
import { sharedLiveQuery, useSharedLiveQuery } from '../../data/sharedLiveQuery';
import type { SyncStatus } from '../../sync/engine';
import { readSessionDownload, type FirstDownload } from '../../sync/download';
import { META } from '../../sync/meta';
import { countOutbox, type OutboxCounts } from '../../sync/owners';
import { syncEngine } from '../../sync/runtime';
import { syncStateOf, type SyncState } from './syncState';

export function useSyncStatus(): SyncStatus {
  const engine = syncEngine();
  return useSyncExternalStore(engine.subscribe, engine.getStatus, engine.getStatus);
}

/**
 * The signed-in user's changes waiting for the server and refused by it,
 * other users' changes waiting for them, and conflicts not yet resolved.
 */
export function useOutboxCounts(): OutboxCounts & { conflicts: number } {
  return useLiveQuery(
    async () => {
      const db = localDb();
      const user = await db.meta.get(META.user);
      const counts = countOutbox(await db.outbox.toArray(), (user?.value as SessionUser | undefined)?.id ?? null);
      const conflicts = await db.conflicts.filter((conflict) => conflict.resolvedAt === null).count();
      return { ...counts, conflicts };
    },
    [],
    { pending: 0, rejected: 0, waiting: 0, conflicts: 0 },
  );
}

/**
 * Shared, and kept read by the app's shell (the navigation list), so a page
 * mounted later knows the user in its first frame: a reader's note above the
 * workspace's tabs no longer arrives a moment late and moves them.
 */
const sessionUser = sharedLiveQuery(async () => ((await localDb().meta.get(META.user))?.value as SessionUser | undefined) ?? null);

export function useSessionUser(): SessionUser | null | undefined {
  return useSharedLiveQuery(sessionUser);
}

/**
 * Whether the user of this laptop may change the LAO's records (shared/auth/access.ts):
 * false for a supervisor, so no screen offers an edit the server would refuse. False until
 * the session is read: an edit control appears once it is known to be allowed.
 */
export function useCanWriteLao(lao: { id: string; provinceCode: string }): boolean {
  const user = useSessionUser();
  return user !== undefined && canWriteLaoHere(user, lao);
}

/** The signed-in user's first download as the laptop holds it (whole when signed out); undefined until read. */
export function useFirstDownload(): FirstDownload | undefined {
  return useSessionDownload()?.download;
}

function useSessionDownload() {
  return useLiveQuery(() => readSessionDownload(localDb()), [], undefined);
}

/** The one sync state of the app bar and the banner (syncState.ts); undefined until the session is read. */
export function useSyncState(): SyncState | undefined {
  const status = useSyncStatus();
  const counts = useOutboxCounts();
  // The session and its download from one read: a new sign-in never shows the signed-out "whole" data as synced.
  const session = useSessionDownload();
  if (session === undefined) return undefined;
  return syncStateOf({ signedIn: session.user !== null, phase: status.phase, pending: counts.pending, stored: session.download, running: status.download });
}
