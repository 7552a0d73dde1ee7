/**
 * The offline lock (issue 5, client 1): a laptop left in a car must not show
 * weeks of LAO data to whoever opens the app. At sign-in we keep a slow,
 * salted PBKDF2 verifier of the password; afterwards the app opens locked
 * whenever a fresh window starts (or after a quiet spell) and unlocks only
 * with that password — checked here, with no network — or with a new online
 * sign-in. Signing out keeps the lock: a signed-out app still holds the data.
 *
 * What it is not: encryption of IndexedDB. Someone who copies the disk can
 * read the files; the README asks offices to turn on disk encryption.
 */
import type { EplanDb } from './db';
import { now as clockNow } from '../../shared/clock';

export const LOCK_META = {
  verifier: 'lock.verifier',
  failures: 'lock.failures',
} as const;

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.3 s on an office laptop. */
export const PBKDF2_ITERATIONS = 600_000;
/** Wrong passwords allowed before each further try has to wait. */
export const FREE_ATTEMPTS = 5;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;
/** With nobody at the keyboard this long, the app locks itself. */
export const IDLE_LOCK_MS = 15 * 60_000;

export interface PasswordVerifier {
  userId: string;
  displayName: string;
  salt: string;
  iterations: number;
  hash: string;
}

interface FailureRecord {
  count: number;
  lastAt: string;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** Equal length and equal bytes, without stopping at the first difference. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

/** After a successful online sign-in: the password that will unlock this device offline. */
export async function rememberPassword(
  db: EplanDb,
  user: { id: string; displayName: string },
  password: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<void> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, iterations);
  const verifier: PasswordVerifier = { userId: user.id, displayName: user.displayName, salt: toBase64(salt), iterations, hash: toBase64(hash) };
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: LOCK_META.verifier, value: verifier });
    await db.meta.delete(LOCK_META.failures);
  });
}

export async function lockVerifier(db: EplanDb): Promise<PasswordVerifier | undefined> {
  return (await db.meta.get(LOCK_META.verifier))?.value as PasswordVerifier | undefined;
}

/** How long the next try must wait after `count` wrong passwords: none for the first few, then doubling. */
export function waitAfterFailures(count: number): number {
  if (count < FREE_ATTEMPTS) return 0;
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (count - FREE_ATTEMPTS));
}

export type UnlockResult =
  | { ok: true }
  | { ok: false; reason: 'WRONG_PASSWORD'; failures: number; retryAt: string | null }
  | { ok: false; reason: 'WAIT'; retryAt: string }
  | { ok: false; reason: 'NO_VERIFIER' };

/** Checks the password against the stored verifier; wrong guesses are counted in the database, so a reload does not reset them. */
export async function unlockWithPassword(db: EplanDb, password: string, now: Date = clockNow()): Promise<UnlockResult> {
  const verifier = await lockVerifier(db);
  if (!verifier) return { ok: false, reason: 'NO_VERIFIER' };
  const failures = (await db.meta.get(LOCK_META.failures))?.value as FailureRecord | undefined;
  if (failures) {
    const retryAt = new Date(new Date(failures.lastAt).getTime() + waitAfterFailures(failures.count));
    if (retryAt > now) return { ok: false, reason: 'WAIT', retryAt: retryAt.toISOString() };
  }
  const hash = await derive(password, fromBase64(verifier.salt), verifier.iterations);
  if (sameBytes(hash, fromBase64(verifier.hash))) {
    await db.meta.delete(LOCK_META.failures);
    return { ok: true };
  }
  const count = (failures?.count ?? 0) + 1;
  await db.meta.put({ key: LOCK_META.failures, value: { count, lastAt: now.toISOString() } satisfies FailureRecord });
  const wait = waitAfterFailures(count);
  return { ok: false, reason: 'WRONG_PASSWORD', failures: count, retryAt: wait > 0 ? new Date(now.getTime() + wait).toISOString() : null };
}

/**
 * Whether this window has been unlocked. Kept in sessionStorage: a reload of
 * the same window stays unlocked, a newly started app (or browser) does not.
 */
export interface UnlockMemory {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const UNLOCKED_KEY = 'eplan.unlocked';

export function markUnlocked(memory: UnlockMemory, userId: string): void {
  memory.setItem(UNLOCKED_KEY, userId);
}

export function markLocked(memory: UnlockMemory): void {
  memory.removeItem(UNLOCKED_KEY);
}

/** Locked when a password protects this device and this window has not been unlocked for that user. */
export function isLocked(verifier: PasswordVerifier | undefined, memory: UnlockMemory): boolean {
  return verifier !== undefined && memory.getItem(UNLOCKED_KEY) !== verifier.userId;
}
