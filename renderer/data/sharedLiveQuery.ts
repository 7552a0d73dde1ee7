/**
 * A Dexie live query that every component using it shares: one read per
 * change however many components show the result, and a component mounted
 * while it runs gets the last result in its first render, where a query of
 * its own would start empty (undefined) and read again.
 */
import { liveQuery, type Subscription } from 'dexie';
import { useSyncExternalStore } from 'react';

/** How long the query keeps running after its last user leaves: a page change unmounts one page and mounts the next. */
const KEEP_MS = 5_000;

export interface SharedResult<T> {
  /** The last result, undefined before the first read. */
  value: T | undefined;
  /** Set when the last read failed (the query has stopped; its users' error boundary shows it). */
  failure?: { error: unknown };
}

export interface SharedLiveQuery<T> {
  subscribe: (listener: () => void) => () => void;
  /** The same object until the next result. */
  current: () => SharedResult<T>;
}

const EMPTY: SharedResult<never> = { value: undefined };

export function sharedLiveQuery<T>(query: () => Promise<T>, keepMs = KEEP_MS): SharedLiveQuery<T> {
  const listeners = new Set<() => void>();
  let state: SharedResult<T> = EMPTY;
  let subscription: Subscription | undefined;
  let stopTimer: ReturnType<typeof setTimeout> | undefined;
  const publish = (next: SharedResult<T>) => {
    state = next;
    for (const listener of [...listeners]) listener();
  };
  const stop = () => {
    subscription?.unsubscribe();
    subscription = undefined;
    // Nothing observes the tables any more: a later user reads afresh rather than see a result that may be old.
    state = EMPTY;
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      clearTimeout(stopTimer);
      subscription ??= liveQuery(query).subscribe({
        next: (value) => publish({ value }),
        error: (error: unknown) => publish({ value: state.value, failure: { error } }),
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        // A failed query has ended: the next user (an error boundary's reload) starts it again at once.
        if (state.failure) stop();
        else stopTimer = setTimeout(stop, keepMs);
      };
    },
    current: () => state,
  };
}

/** The shared query's last result; throws its error during render, as dexie-react-hooks' useLiveQuery does. */
export function useSharedLiveQuery<T>(shared: SharedLiveQuery<T>): T | undefined {
  const { value, failure } = useSyncExternalStore(shared.subscribe, shared.current);
  if (failure) throw failure.error;
  return value;
}
