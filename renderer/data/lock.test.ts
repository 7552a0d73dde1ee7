import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openLocalDb, type EplanDb } from './db';
import {
  FREE_ATTEMPTS,
  LOCK_META,
  isLocked,
  lockVerifier,
  markLocked,
  markUnlocked,
  rememberPassword,
  unlockWithPassword,
  waitAfterFailures,
  type UnlockMemory,
} from './lock';

let db: EplanDb;
const officer = { id: uuidv7(), displayName: 'สมชาย ใจดี' };
// Few iterations keep the tests quick; the product uses PBKDF2_ITERATIONS.
const ITERATIONS = 1_000;

function memory(): UnlockMemory {
  const items = new Map<string, string>();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

beforeEach(() => {
  db = openLocalDb(`lock-${uuidv7()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('the offline lock', () => {
  it('keeps a salted verifier, never the password, and unlocks with the right password offline', async () => {
    await rememberPassword(db, officer, 'รหัสผ่าน-2568', ITERATIONS);
    const verifier = await lockVerifier(db);
    expect(verifier).toMatchObject({ userId: officer.id, displayName: officer.displayName, iterations: ITERATIONS });
    expect(JSON.stringify(await db.meta.toArray())).not.toContain('รหัสผ่าน-2568');
    expect(await unlockWithPassword(db, 'รหัสผ่าน-2568')).toEqual({ ok: true });
  });

  it('salts every sign-in afresh, so the same password never gives the same stored hash', async () => {
    await rememberPassword(db, officer, 'same', ITERATIONS);
    const first = await lockVerifier(db);
    await rememberPassword(db, officer, 'same', ITERATIONS);
    const second = await lockVerifier(db);
    expect(second!.salt).not.toBe(first!.salt);
    expect(second!.hash).not.toBe(first!.hash);
  });

  it('refuses a wrong password, counts it across reloads, and makes later tries wait', async () => {
    await rememberPassword(db, officer, 'right', ITERATIONS);
    const start = new Date('2026-11-25T09:00:00Z');
    for (let attempt = 1; attempt < FREE_ATTEMPTS; attempt++) {
      expect(await unlockWithPassword(db, 'wrong', start)).toEqual({ ok: false, reason: 'WRONG_PASSWORD', failures: attempt, retryAt: null });
    }
    const fifth = await unlockWithPassword(db, 'wrong', start);
    expect(fifth).toEqual({ ok: false, reason: 'WRONG_PASSWORD', failures: FREE_ATTEMPTS, retryAt: '2026-11-25T09:00:30.000Z' });
    // Even the right password waits: the count lives in the database, not in the window.
    expect(await unlockWithPassword(db, 'right', new Date('2026-11-25T09:00:10Z'))).toEqual({ ok: false, reason: 'WAIT', retryAt: '2026-11-25T09:00:30.000Z' });
    expect(await unlockWithPassword(db, 'right', new Date('2026-11-25T09:00:31Z'))).toEqual({ ok: true });
    expect(await db.meta.get(LOCK_META.failures)).toBeUndefined();
  });

  it('doubles the wait after each further failure, up to fifteen minutes', () => {
    expect(waitAfterFailures(0)).toBe(0);
    expect(waitAfterFailures(FREE_ATTEMPTS - 1)).toBe(0);
    expect(waitAfterFailures(FREE_ATTEMPTS)).toBe(30_000);
    expect(waitAfterFailures(FREE_ATTEMPTS + 1)).toBe(60_000);
    expect(waitAfterFailures(FREE_ATTEMPTS + 20)).toBe(15 * 60_000);
  });

  it('has nothing to check against before the first online sign-in', async () => {
    expect(await unlockWithPassword(db, 'anything')).toEqual({ ok: false, reason: 'NO_VERIFIER' });
  });

  it('is locked in a new window once a password protects the device, and stays unlocked only for that user', async () => {
    const windowMemory = memory();
    expect(isLocked(undefined, windowMemory)).toBe(false);
    await rememberPassword(db, officer, 'right', ITERATIONS);
    const verifier = await lockVerifier(db);
    expect(isLocked(verifier, windowMemory)).toBe(true);
    markUnlocked(windowMemory, officer.id);
    expect(isLocked(verifier, windowMemory)).toBe(false);
    markUnlocked(windowMemory, uuidv7());
    expect(isLocked(verifier, windowMemory)).toBe(true);
    markUnlocked(windowMemory, officer.id);
    markLocked(windowMemory);
    expect(isLocked(verifier, windowMemory)).toBe(true);
  });
});
