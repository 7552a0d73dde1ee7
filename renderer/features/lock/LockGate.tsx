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

/** Shows the lock screen instead of the app while this device's password has not been given in this window. */
export function LockGate({ children }: { children: ReactNode }) {
  const verifier: PasswordVerifier | undefined | typeof LOADING = useLiveQuery(() => lockVerifier(localDb()), [], LOADING);
  useSyncExternalStore(lockStore.subscribe, lockStore.version);
  const locked = verifier !== LOADING && isLocked(verifier, lockStore.memory());
  useIdleLock(verifier !== LOADING && verifier !== undefined && !locked);
  if (verifier === LOADING) return null;
  if (locked) return <LockScreen verifier={verifier!} />;
  return children;
}
