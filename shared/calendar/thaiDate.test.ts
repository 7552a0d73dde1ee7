import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatDate, formatEnglishDate, formatMonthYear, formatThaiDate, monthName, parseThaiDate,
  THAI_MONTHS, THAI_MONTHS_SHORT, toThaiNumericDate,
} from './thaiDate';
import { addDays } from './isoDate';

describe('formatting', () => {
  it('formats Thai dates in B.E.', () => {
    expect(formatThaiDate('2010-10-01')).toBe('1 ต.ค. 2553');
    expect(formatThaiDate('2010-10-01', 'long')).toBe('1 ตุลาคม 2553');
    expect(formatThaiDate('2012-02-29')).toBe('29 ก.พ. 2555');
  });

  it('formats English dates in C.E. or B.E.', () => {
    expect(formatEnglishDate('2010-10-01')).toBe('1 Oct 2010');
    expect(formatEnglishDate('2010-10-01', 'long')).toBe('1 October 2010');
    expect(formatEnglishDate('2010-10-01', 'short', 'BE')).toBe('1 Oct 2553');
    expect(formatDate('2011-01-05', { locale: 'en' })).toBe('5 Jan 2011');
  });

  it('names months', () => {
    expect(THAI_MONTHS).toHaveLength(12);
    expect(THAI_MONTHS_SHORT[11]).toBe('ธ.ค.');
    expect(monthName(2, { style: 'long' })).toBe('กุมภาพันธ์');
    expect(monthName(9, { locale: 'en', style: 'long' })).toBe('September');
    expect(formatMonthYear(2010, 10)).toBe('ต.ค. 2553');
    expect(() => monthName(13)).toThrow(RangeError);
    expect(() => formatThaiDate('2010-13-01')).toThrow(RangeError);
  });
});

describe('parseThaiDate', () => {
  it.each([
    ['15/03/2554', '2011-03-15'],
    ['1/10/2553', '2010-10-01'],
    ['01-10-2553', '2010-10-01'],
    [' 31.12.2553 ', '2010-12-31'],
    ['29/02/2555', '2012-02-29'],
  ])('%s -> %s', (text, iso) => {
    expect(parseThaiDate(text)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ['29/02/2554', 'date.invalid'],
    ['31/02/2555', 'date.invalid'],
    ['31/04/2554', 'date.invalid'],
    ['0/1/2554', 'date.invalid'],
    ['1/13/2554', 'date.invalid'],
    ['15/03/54', 'date.format'],
    ['2011-03-15', 'date.format'],
    ['hello', 'date.format'],
    ['15/03/2011', 'date.yearOutOfRange'],
    ['15/03/2701', 'date.yearOutOfRange'],
  ])('%s is refused with %s', (text, code) => {
    const r = parseThaiDate(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('round-trips with toThaiNumericDate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 90_000 }), (n) => {
        const iso = addDays('1900-01-01', n);
        expect(parseThaiDate(toThaiNumericDate(iso))).toEqual({ ok: true, value: iso });
      }),
    );
  });
});
