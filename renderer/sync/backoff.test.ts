import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles per attempt between half and all of the step, capped', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 0))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 1))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffDelay(50, () => 1)).toBe(300_000);
    expect(backoffDelay(50, () => 0)).toBe(150_000);
    expect(backoffDelay(1, () => 0.5, { baseMs: 100, maxMs: 1000 })).toBe(75);
  });
});
