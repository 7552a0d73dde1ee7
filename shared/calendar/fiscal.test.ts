import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays, bangkokDateOf, bangkokStartOfDay, bangkokTimeOf, daysBetween, fiscalYearOf, fiscalYearRange,
  isInFiscalYear, isValidIsoDate, monthsOfFiscalYear, quarterOf, quarterRange, toBE, toCE,
} from './fiscal';

describe('B.E. years', () => {
  it('converts both ways', () => {
    expect(toBE(2010)).toBe(2553);
    expect(toCE(2554)).toBe(2011);
  });
});

describe('fiscalYearOf', () => {
  it.each([
    ['2010-09-30', 2553],
    ['2010-10-01', 2554],
    ['2010-12-31', 2554],
    ['2011-01-01', 2554],
    ['2011-09-30', 2554],
    ['2011-10-01', 2555],
    ['2012-02-29', 2555],
  ])('%s is in FY %i', (date, fy) => {
    expect(fiscalYearOf(date)).toBe(fy);
  });

  it("gives an instant's Bangkok clock time on 24 hours, as the Intl formatter it replaces did, for any instant", () => {
    expect(bangkokTimeOf('2026-11-25T07:05:00Z')).toBe('14:05');
    expect(bangkokTimeOf('2011-09-30T17:00:00Z')).toBe('00:00');
    expect(bangkokTimeOf(new Date(Date.UTC(2011, 8, 30, 16, 59, 59, 999)))).toBe('23:59');
    expect(() => bangkokTimeOf('not a date')).toThrow(RangeError);
    const intl = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Bangkok', hourCycle: 'h23' });
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2150, 0, 1) }), (ms) => {
      expect(bangkokTimeOf(ms)).toBe(intl.format(new Date(ms)));
    }));
  });

  it('uses the Bangkok day of an instant whatever the host time zone', () => {
    // 23:30 on 30 Sep in Bangkok is 16:30Z the same day: still the old fiscal year.
    expect(bangkokDateOf('2011-09-30T16:30:00Z')).toBe('2011-09-30');
    expect(fiscalYearOf(new Date(Date.UTC(2011, 8, 30, 16, 30)))).toBe(2554);
    // 17:30Z on 30 Sep is 00:30 on 1 Oct in Bangkok: the new fiscal year.
    expect(bangkokDateOf('2011-09-30T17:30:00Z')).toBe('2011-10-01');
    expect(fiscalYearOf('2011-09-30T17:30:00Z')).toBe(2555);
    expect(fiscalYearOf('2011-10-01T00:30:00+07:00')).toBe(2555);
    // Exactly midnight Bangkok.
    expect(fiscalYearOf(new Date(Date.UTC(2011, 8, 30, 17, 0)))).toBe(2555);
    expect(fiscalYearOf(new Date(Date.UTC(2011, 8, 30, 16, 59, 59, 999)))).toBe(2554);
    // New Year's Eve: 31 Dec 17:00Z is 1 Jan in Bangkok, quarter changes too.
    expect(quarterOf('2010-12-31T16:59:00Z')).toEqual({ fiscalYear: 2554, quarter: 1 });
    expect(quarterOf('2010-12-31T17:00:00Z')).toEqual({ fiscalYear: 2554, quarter: 2 });
  });

  it('rejects junk', () => {
    expect(() => fiscalYearOf('2011-02-30')).toThrow(RangeError);
    expect(() => fiscalYearOf('nope')).toThrow(RangeError);
  });
});

describe('quarters', () => {
  it.each([
    ['2010-10-01', 2554, 1], ['2010-12-31', 2554, 1], ['2011-01-01', 2554, 2], ['2011-03-31', 2554, 2],
    ['2011-04-01', 2554, 3], ['2011-06-30', 2554, 3], ['2011-07-01', 2554, 4], ['2011-09-30', 2554, 4],
  ])('%s is FY %i Q%i', (date, fiscalYear, quarter) => {
    expect(quarterOf(date)).toEqual({ fiscalYear, quarter });
  });

  it('gives ranges', () => {
    expect(fiscalYearRange(2554)).toEqual({ start: '2010-10-01', end: '2011-09-30' });
    expect(quarterRange(2554, 1)).toEqual({ start: '2010-10-01', end: '2010-12-31' });
    expect(quarterRange(2554, 2)).toEqual({ start: '2011-01-01', end: '2011-03-31' });
    expect(quarterRange(2554, 3)).toEqual({ start: '2011-04-01', end: '2011-06-30' });
    expect(quarterRange(2554, 4)).toEqual({ start: '2011-07-01', end: '2011-09-30' });
  });

  it('every day of a fiscal year maps back to its range and quarter (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2450, max: 2650 }), fc.integer({ min: 0, max: 365 }), (fy, offset) => {
        const { start, end } = fiscalYearRange(fy);
        const day = addDays(start, Math.min(offset, daysBetween(start, end)));
        const q = quarterOf(day);
        expect(q.fiscalYear).toBe(fy);
        const r = quarterRange(fy, q.quarter);
        expect(day >= r.start && day <= r.end).toBe(true);
        expect(isInFiscalYear(day, fy)).toBe(true);
      }),
    );
  });
});

describe('months of a fiscal year', () => {
  it('starts in October of the previous calendar year', () => {
    const months = monthsOfFiscalYear(2554);
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ year: 2010, month: 10, beYear: 2553 });
    expect(months[2]).toEqual({ year: 2010, month: 12, beYear: 2553 });
    expect(months[3]).toEqual({ year: 2011, month: 1, beYear: 2554 });
    expect(months[11]).toEqual({ year: 2011, month: 9, beYear: 2554 });
  });
});

describe('ISO date arithmetic', () => {
  it('validates real days including leap days', () => {
    expect(isValidIsoDate('2012-02-29')).toBe(true);
    expect(isValidIsoDate('2011-02-29')).toBe(false);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
    expect(isValidIsoDate('2011-04-31')).toBe(false);
    expect(isValidIsoDate('2011-4-3')).toBe(false);
  });

  it('adds days across month, year and leap boundaries', () => {
    expect(addDays('2012-02-28', 1)).toBe('2012-02-29');
    expect(addDays('2011-02-28', 1)).toBe('2011-03-01');
    expect(addDays('2010-12-31', 1)).toBe('2011-01-01');
    expect(addDays('2011-10-01', -1)).toBe('2011-09-30');
    expect(daysBetween('2024-10-01', '2024-10-16')).toBe(15);
  });

  it('gives the instant a Bangkok day starts', () => {
    expect(bangkokStartOfDay('2011-10-01').toISOString()).toBe('2011-09-30T17:00:00.000Z');
  });
});
