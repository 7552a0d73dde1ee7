/** Serialization failures and deadlocks (PostgreSQL) are retried; the transaction left no trace. */
const RETRYABLE: ReadonlySet<string> = new Set(['40001', '40P01']);

/**
 * Also a unique violation (23505): two devices pushing at once are serialised
 * only by their own device rows, so both may insert the same new row (a
 * mutation's stored answer, a record both created). The one that lost runs
 * again and finds the winner's row: the stored answer, a record to merge into.
 */
export const RACE_RETRYABLE: ReadonlySet<string> = new Set([...RETRYABLE, '23505']);

export async function withRetry<T>(run: () => Promise<T>, attempts = 5, retryable: ReadonlySet<string> = RETRYABLE): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || typeof code !== 'string' || !retryable.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
