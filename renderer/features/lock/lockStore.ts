/** This window's lock, as a tiny store React reads with useSyncExternalStore. */
import { markLocked, markUnlocked, type UnlockMemory } from '../../data/lock';

const listeners = new Set<() => void>();
let version = 0;

function memory(): UnlockMemory {
  return sessionStorage;
}

function changed(): void {
  version += 1;
  for (const listener of listeners) listener();
}

export const lockStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Changes whenever the window locks or unlocks, so readers re-check. */
  version: (): number => version,
  memory,
  unlock(userId: string): void {
    markUnlocked(memory(), userId);
    changed();
  },
  lock(): void {
    markLocked(memory());
    changed();
  },
};
