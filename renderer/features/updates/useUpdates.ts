/**
 * The desktop app's self-update as the renderer sees it: the state main
 * pushes (main/updates.ts), and the sync server address that main takes its
 * update feed from (the server this laptop signed in to).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useSyncExternalStore } from 'react';
import type { UpdateState } from '../../../shared/platform/bridge';
import { localDb } from '../../data/db';
import { getPlatform } from '../../platform';
import { META, readMeta } from '../../sync/meta';

const UNKNOWN: UpdateState = { status: 'idle' };
let current: UpdateState = UNKNOWN;
const listeners = new Set<() => void>();
let unsubscribePlatform: (() => void) | null = null;

function set(state: UpdateState): void {
  current = state;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!unsubscribePlatform) {
    const platform = getPlatform();
    unsubscribePlatform = platform.onUpdateState(set);
    void platform.updateState().then(set, () => undefined);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      unsubscribePlatform?.();
      unsubscribePlatform = null;
    }
  };
}

export function useUpdateState(): UpdateState {
  return useSyncExternalStore(subscribe, () => current, () => current);
}

/** Tells main which sync server to take updates from, whenever the signed-in one changes. */
export function useUpdateFeed(): void {
  const serverUrl = useLiveQuery(() => readMeta<string>(localDb(), META.serverUrl), []);
  useEffect(() => {
    if (!serverUrl) return;
    getPlatform()
      .setUpdateServer(serverUrl)
      .catch((error: unknown) => void getPlatform().reportError({ message: `update feed not set: ${String(error)}` }));
  }, [serverUrl]);
}
