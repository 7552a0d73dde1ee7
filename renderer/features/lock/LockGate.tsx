import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { localDb } from '../../data/db';
import { IDLE_LOCK_MS, isLocked, lockVerifier, type PasswordVerifier } from '../../data/lock';
import { lockStore } from './lockStore';
import { LockScreen } from './LockScreen';

const LOADING = 'loading' as const;

/** With nobody at the keyboard for IDLE_LOCK_MS, the window locks itself. */
function useIdleLock(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(() => lockStore.lock(), IDLE_LOCK_MS);
    const activity = () => {
      clearTimeout(timer);
      timer = setTimeout(() => lockStore.lock(), IDLE_LOCK_MS);
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const name of events) window.addEventListener(name, activity, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, activity);
    };
  }, [active]);
}

/**
 * Shows the lock screen instead of the app while this device's password has
 * not been given in this window. `ready`: the start-up check is done, so the
 * lock screen may read the first page's data ahead of the password;
 * `whileLocked` runs once the lock screen is shown.
 */
export function LockGate({ ready, whileLocked, children }: { ready: boolean; whileLocked?: () => unknown; children: ReactNode }) {
  const verifier: PasswordVerifier | undefined | typeof LOADING = useLiveQuery(() => lockVerifier(localDb()), [], LOADING);
  useSyncExternalStore(lockStore.subscribe, lockStore.version);
  const locked = verifier !== LOADING && isLocked(verifier, lockStore.memory());
  useIdleLock(verifier !== LOADING && verifier !== undefined && !locked);
  // Once the lock screen is up, what comes after it may load (the pages' code).
  useEffect(() => {
    if (locked) whileLocked?.();
  }, [locked, whileLocked]);
  if (verifier === LOADING) return null;
  if (locked) return <LockScreen verifier={verifier!} readAhead={ready} />;
  return children;
}
