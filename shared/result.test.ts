import { describe, expect, it } from 'vitest';
import { andThen, err, issue, isOk, mapResult, ok, prefixIssues, unwrapOr, type Result } from './result';

describe('Result helpers', () => {
  const half = (n: number): Result<number, string> => (n % 2 === 0 ? ok(n / 2) : err('odd'));

  it('maps and chains only successes', () => {
    expect(mapResult(ok(2), (n) => n + 1)).toEqual({ ok: true, value: 3 });
    expect(mapResult(err('x') as Result<number, string>, (n) => n + 1)).toEqual({ ok: false, error: 'x' });
    expect(andThen(ok(8), half)).toEqual(ok(4));
    expect(andThen(ok(3), half)).toEqual(err('odd'));
    expect(isOk(half(2))).toBe(true);
    expect(unwrapOr(half(3), -1)).toBe(-1);
  });

  it('builds issues and prefixes their paths', () => {
    expect(issue('amount', 'amount.negative')).toEqual({ path: 'amount', code: 'amount.negative' });
    expect(issue('', 'date.format', { value: 'x' }).params).toEqual({ value: 'x' });
    expect(prefixIssues('paidOn', [issue('', 'date.invalid'), issue('day', 'x')]).map((i) => i.path)).toEqual([
      'paidOn',
      'paidOn.day',
    ]);
  });
});
