/** Retry delays after failures: exponential with "equal jitter", capped. */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
}

export const DEFAULT_BACKOFF = { baseMs: 2_000, maxMs: 5 * 60_000 } as const;

/**
 * The wait before retry number `attempt` (1 = the first retry): half of the
 * exponential step is fixed, the other half random, so many laptops coming
 * back online at once do not hit the server in step.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const max = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
  const step = Math.min(max, base * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(step / 2 + random() * (step / 2));
}
