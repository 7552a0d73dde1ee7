/**
 * The login limiter (issue 14): progressive delays that slow guessing down
 * without letting anyone lock the rightful owner out.
 *
 * - An attempt is reserved synchronously before the password check and
 *   settled after it, so concurrent guesses cannot all slip past one check
 *   while scrypt runs: once a bucket's free attempts are used (in-flight ones
 *   included), it lets one attempt through per delay.
 * - Buckets: the (username, address) pair, the address, and the username
 *   across all addresses. The address bucket and the username bucket do not
 *   apply where this username has logged in from this address before: an
 *   attacker elsewhere, or one guessing other accounts through the office's
 *   shared address, cannot slow the owner down at their usual address. Only
 *   the pair bucket, which only that address can fill, still applies there.
 * - The username bucket's delay is capped low (a minute by default): it bounds
 *   a guesser spread over many addresses, and costs the owner on a new address
 *   at most that wait.
 *
 * In memory and per process: behind a load balancer each process counts its
 * own attempts, which still bounds guessing to processes x the schedule.
 */
import { now as clockNow } from '../../shared/clock';

export interface LoginLimiterOptions {
  /** Failures allowed without delay per (username, address) pair, per address and per username. */
  freePerPair: number;
  freePerAddress: number;
  freePerUser: number;
  /** The first delay after the free failures; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest delay of the pair and address buckets, and of the username bucket. */
  maxDelayMs: number;
  maxUserDelayMs: number;
  /** A bucket without failures for this long is forgotten. */
  forgetAfterMs: number;
  now?: () => number;
}

interface Bucket {
  failures: number;
  inFlight: number;
  lastFailureAt: number;
  /** Free failures and delay cap of this kind of bucket. */
  free: number;
  maxDelayMs: number;
}

/** A reserved attempt: settle it exactly once with the password check's outcome. */
export interface LoginAttempt {
  settle(outcome: 'success' | 'failure'): void;
}

export type Reservation = { ok: true; attempt: LoginAttempt } | { ok: false; retryAfterMs: number };

// Bounds memory under a flood of distinct usernames or addresses.
const MAX_ENTRIES = 100_000;

export class LoginLimiter {
  private readonly buckets = new Map<string, Bucket>();
  /** `${username} ${address}` pairs that logged in successfully, oldest first. */
  private readonly known = new Set<string>();

  constructor(private readonly options: LoginLimiterOptions) {}

  private now(): number {
    return this.options.now?.() ?? clockNow().getTime();
  }

  /** Takes a slot in every bucket that applies, or answers how long to wait; never awaits. */
  reserve(username: string, address: string): Reservation {
    const { freePerPair, freePerAddress, freePerUser, maxDelayMs, maxUserDelayMs } = this.options;
    const usual = this.known.has(pairKey(username, address));
    const buckets = [this.bucket(`pair ${pairKey(username, address)}`, freePerPair, maxDelayMs)];
    if (!usual) {
      buckets.push(this.bucket(`address ${address}`, freePerAddress, maxDelayMs));
      buckets.push(this.bucket(`user ${username}`, freePerUser, maxUserDelayMs));
    }
    const retryAfterMs = Math.max(0, ...buckets.map((bucket) => this.waitOf(bucket)));
    if (retryAfterMs > 0) return { ok: false, retryAfterMs };
    for (const bucket of buckets) bucket.inFlight += 1;
    let settled = false;
    const attempt: LoginAttempt = {
      settle: (outcome) => {
        if (settled) return;
        settled = true;
        for (const bucket of buckets) {
          bucket.inFlight -= 1;
          if (outcome === 'failure') {
            bucket.failures += 1;
            bucket.lastFailureAt = this.now();
          }
        }
        if (outcome === 'success') this.succeeded(username, address);
      },
    };
    return { ok: true, attempt };
  }

  /** The owner proved the password here: the pair starts afresh and the address becomes usual for them. */
  private succeeded(username: string, address: string): void {
    const key = pairKey(username, address);
    this.buckets.delete(`pair ${key}`);
    this.known.delete(key);
    this.known.add(key);
    if (this.known.size > MAX_ENTRIES) this.known.delete(this.known.values().next().value as string);
  }

  private bucket(key: string, free: number, maxDelayMs: number): Bucket {
    let bucket = this.buckets.get(key);
    if (bucket && bucket.inFlight === 0 && this.now() - bucket.lastFailureAt >= this.options.forgetAfterMs) {
      this.buckets.delete(key);
      bucket = undefined;
    }
    if (!bucket) {
      bucket = { failures: 0, inFlight: 0, lastFailureAt: 0, free, maxDelayMs };
      this.buckets.set(key, bucket);
      if (this.buckets.size > MAX_ENTRIES) this.buckets.delete(this.buckets.keys().next().value as string);
    }
    return bucket;
  }

  /** Milliseconds before the bucket lets another attempt through; 0 when it does now. */
  private waitOf(bucket: Bucket): number {
    // Attempts still being checked count as failures until they settle.
    const pending = bucket.failures + bucket.inFlight;
    if (pending < bucket.free) return 0;
    // Past the free attempts, one at a time: a guess waits for the one before it.
    if (bucket.inFlight > 0) return this.options.baseDelayMs;
    const delay = Math.min(bucket.maxDelayMs, this.options.baseDelayMs * 2 ** (bucket.failures - bucket.free));
    return Math.max(0, bucket.lastFailureAt + delay - this.now());
  }
}

function pairKey(username: string, address: string): string {
  return `${username} ${address}`;
}
