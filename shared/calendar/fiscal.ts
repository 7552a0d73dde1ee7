/**
 * The Thai fiscal year (1 Oct – 30 Sep, named by the B.E. year it ends in) and
 * its quarters, always computed on the Asia/Bangkok calendar day.
 */
import { parseIsoDate, toBangkokDate, toIsoDate } from './isoDate';

export * from './isoDate';
export * from './thaiDate';

export type Quarter = 1 | 2 | 3 | 4;

export interface FiscalQuarter {
  fiscalYear: number;
  quarter: Quarter;
}

export interface DateRange {
  start: string; // ISO date, inclusive
  end: string; // ISO date, inclusive
}

export interface FiscalMonth {
  year: number; // Gregorian
  month: number; // 1..12
  beYear: number;
}

export const BE_OFFSET = 543;

export const toBE = (gregorianYear: number): number => gregorianYear + BE_OFFSET;
export const toCE = (beYear: number): number => beYear - BE_OFFSET;

/** B.E. fiscal year of a calendar month: October starts the next one. */
export function fiscalYearOfMonth(year: number, month: number): number {
  return toBE(month >= 10 ? year + 1 : year);
}

/** FY of a date ('YYYY-MM-DD' as a Bangkok day) or an instant (Date / datetime string). */
export function fiscalYearOf(date: Date | string): number {
  const ymd = parseIsoDate(toBangkokDate(date));
  if (!ymd) throw new RangeError(`not a valid date: ${String(date)}`);
  return fiscalYearOfMonth(ymd.year, ymd.month);
}

export function quarterOfMonth(month: number): Quarter {
  return (Math.floor(((month + 2) % 12) / 3) + 1) as Quarter;
}

export function quarterOf(date: Date | string): FiscalQuarter {
  const ymd = parseIsoDate(toBangkokDate(date));
  if (!ymd) throw new RangeError(`not a valid date: ${String(date)}`);
  return { fiscalYear: fiscalYearOfMonth(ymd.year, ymd.month), quarter: quarterOfMonth(ymd.month) };
}

export function fiscalYearRange(fiscalYear: number): DateRange {
  const endYear = toCE(fiscalYear);
  return { start: `${endYear - 1}-10-01`, end: `${endYear}-09-30` };
}

const QUARTER_MONTHS: Record<Quarter, [startMonth: number, endMonth: number, endDay: number]> = {
  1: [10, 12, 31],
  2: [1, 3, 31],
  3: [4, 6, 30],
  4: [7, 9, 30],
};

export function quarterRange(fiscalYear: number, quarter: Quarter): DateRange {
  const [startMonth, endMonth, endDay] = QUARTER_MONTHS[quarter];
  const year = quarter === 1 ? toCE(fiscalYear) - 1 : toCE(fiscalYear);
  return {
    start: toIsoDate({ year, month: startMonth, day: 1 }),
    end: toIsoDate({ year, month: endMonth, day: endDay }),
  };
}

/** The 12 months of a fiscal year in order, October first. */
export function monthsOfFiscalYear(fiscalYear: number): FiscalMonth[] {
  const firstYear = toCE(fiscalYear) - 1;
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((9 + i) % 12) + 1;
    const year = month >= 10 ? firstYear : firstYear + 1;
    return { year, month, beYear: toBE(year) };
  });
}

/** ISO dates compare correctly as strings. */
export function isWithin(isoDate: string, range: DateRange): boolean {
  return isoDate >= range.start && isoDate <= range.end;
}

export function isInFiscalYear(date: Date | string, fiscalYear: number): boolean {
  return fiscalYearOf(date) === fiscalYear;
}
