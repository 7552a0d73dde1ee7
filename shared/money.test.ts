import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bahtToSatang, formatBaht, formatBahtWithUnit, isSatang, parseBaht, splitSatang, sumSatang } from './money';

describe('parseBaht', () => {
  it.each([
    ['1,234,567.50', 123456750],
    ['1234567.5', 123456750],
    ['0.01', 1],
    ['.5', 50],
    ['12.', 1200],
    ['  12 บาท ', 1200],
    ['฿1,000', 100000],
    ['1000 THB', 100000],
    ['0', 0],
    ['007', 700],
  ])('%s -> %i satang', (text, satang) => {
    expect(parseBaht(text)).toEqual({ ok: true, value: satang });
  });

  it.each([
    ['1.234', 'money.tooManyDecimals'],
    ['-5', 'money.negative'],
    ['abc', 'money.format'],
    ['', 'money.format'],
    ['.', 'money.format'],
    ['1,23,4', 'money.format'],
    ['12,34', 'money.format'],
    ['1e5', 'money.format'],
    ['1.2.3', 'money.format'],
    ['99999999999999999', 'money.tooLarge'],
  ])('%s is refused with %s', (text, code) => {
    const r = parseBaht(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('accepts negatives only when allowed', () => {
    expect(parseBaht('-1,000.25', { allowNegative: true })).toEqual({ ok: true, value: -100025 });
    expect(parseBaht('-0', { allowNegative: true })).toEqual({ ok: true, value: 0 });
  });
});

describe('formatBaht', () => {
  it('groups thousands and always shows two decimals', () => {
    expect(formatBaht(123456750)).toBe('1,234,567.50');
    expect(formatBaht(0)).toBe('0.00');
    expect(formatBaht(5)).toBe('0.05');
    expect(formatBaht(100000, 'en')).toBe('1,000.00');
    expect(formatBaht(-123456)).toBe('-1,234.56');
    expect(formatBahtWithUnit(150, 'th')).toBe('1.50 บาท');
    expect(formatBahtWithUnit(150, 'en')).toBe('1.50 THB');
  });

  it('round-trips with parseBaht', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e14 }), (n) => {
        expect(parseBaht(formatBaht(n))).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe('sums', () => {
  it('adds without float drift', () => {
    const tenths = Array.from({ length: 10 }, () => bahtToSatang(0.1));
    expect(sumSatang(tenths)).toBe(100);
    expect(formatBaht(sumSatang([bahtToSatang(0.1), bahtToSatang(0.2)]))).toBe('0.30');
    expect(() => sumSatang([0.5])).toThrow(RangeError);
  });

  it('splits exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 24 }), (total, n) => {
        const parts = splitSatang(total, n);
        expect(parts).toHaveLength(n);
        expect(sumSatang(parts)).toBe(total);
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('recognises satang values', () => {
    expect(isSatang(10)).toBe(true);
    expect(isSatang(-10)).toBe(false);
    expect(isSatang(-10, { allowNegative: true })).toBe(true);
    expect(isSatang(1.5)).toBe(false);
    expect(isSatang('10')).toBe(false);
  });
});
