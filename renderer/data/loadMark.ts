/**
 * A load that writes in several transactions (the demo province) marks itself
 * in `meta` before its first write and unmarks itself in the transaction of
 * its last one. A mark found with no load running is a load that a closed
 * window, a crash or a failure cut off: what it wrote is removed (demo.ts).
 *
 * "No load running" is asked of the browser's Web Locks, which every window of
 * this origin shares, so a window that starts while another one loads leaves
 * that load alone. Without Web Locks (unit tests under Node) this window's own
 * flag answers.
 */
import type { DemoOptions } from '../../shared/demo/generate';
import type { EplanDb } from './db';

export const LOAD_MARK_KEY = 'load.inProgress';
/** The mark of the first version (its value the start time only), read so such a laptop is still cleaned. */
export const LEGACY_LOAD_MARK_KEY = 'demo.loadingSince';

export interface LoadMark {
  kind: 'demo';
  startedAt: string;
  /** Regenerating from these gives back every id the load may have written. */
  options: DemoOptions;
}

/** The stored mark, or null; a first-version mark is returned with `options` null. */
export async function readLoadMark(db: EplanDb): Promise<(Omit<LoadMark, 'options'> & { options: DemoOptions | null }) | null> {
  const [mark, legacy] = await Promise.all([db.meta.get(LOAD_MARK_KEY), db.meta.get(LEGACY_LOAD_MARK_KEY)]);
  if (mark) return mark.value as LoadMark;
  if (legacy && typeof legacy.value === 'string') return { kind: 'demo', startedAt: legacy.value, options: null };
  return null;
}

export const LOAD_LOCK = 'eplan-device-load';

/** This window holds the load lock (a load or an undo is running here). */
let heldHere = false;

/**
 * Runs `work` holding the load lock, or returns `busy()` at once when a load
 * or an undo already holds it, here or in another window. With `wait`, it
 * waits for the lock of another window instead.
 */
export async function withLoadLock<T>(work: () => Promise<T>, busy: () => T, options: { wait?: boolean } = {}): Promise<T> {
  if (heldHere) return busy();
  const run = async () => {
    heldHere = true;
    try {
      return await work();
    } finally {
      heldHere = false;
    }
  };
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return run();
  if (options.wait) return locks.request(LOAD_LOCK, run);
  return locks.request(LOAD_LOCK, { ifAvailable: true }, (lock) => (lock ? run() : busy()));
}
