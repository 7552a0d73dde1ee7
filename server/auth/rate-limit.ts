/**
 * A small in-memory limiter of failed login attempts (instead of a plugin).
 * Per process: behind a load balancer each process counts its own attempts,
 * which still bounds guessing to processes x limit per window.
 */
import { now as clockNow } from '../../shared/clock';

export interface RateLimitOptions {
  /** Failures allowed per key within the window. */
  max: number;
  windowMs: number;
  now?: () => number;
}

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly options: RateLimitOptions) {}

  private now(): number {
    return this.options.now?.() ?? clockNow().getTime();
  }

  private recent(key: string): number[] {
    const since = this.now() - this.options.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Milliseconds until the key may try again, 0 when it may now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.options.max) return 0;
    return Math.max(1, recent[recent.length - this.options.max]! + this.options.windowMs - this.now());
  }

  fail(key: string): void {
    this.failures.set(key, [...this.recent(key), this.now()]);
    // Bound memory under a flood of distinct keys.
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}
