/**
 * Month names and B.E. date text: '1 ต.ค. 2553', '1 ตุลาคม 2553', '1 Oct 2010',
 * and parsing of the d/m/yyyy (B.E.) form officers type.
 */
import { err, ok, type Result, type ValidationIssue } from '../result';
import { isValidYmd, parseIsoDate, toIsoDate } from './isoDate';

export const THAI_MONTHS = [
  'มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน',
  'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม',
] as const;

export const THAI_MONTHS_SHORT = [
  'ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.',
  'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.',
] as const;

export const ENGLISH_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

export const ENGLISH_MONTHS_SHORT = [
  'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec',
] as const;

export type DateLocale = 'th' | 'en';
export type DateStyle = 'short' | 'long';

export interface DateFormatOptions {
  locale?: DateLocale;
  style?: DateStyle;
  /** Year numbering; Thai defaults to B.E., English to C.E. */
  era?: 'BE' | 'CE';
}

const BE_OFFSET = 543;
export const MIN_BE_YEAR = 2400;
export const MAX_BE_YEAR = 2700;

export function monthName(month: number, { locale = 'th', style = 'short' }: DateFormatOptions = {}): string {
  const names =
    locale === 'th'
      ? style === 'long' ? THAI_MONTHS : THAI_MONTHS_SHORT
      : style === 'long' ? ENGLISH_MONTHS : ENGLISH_MONTHS_SHORT;
  const name = names[month - 1];
  if (name === undefined) throw new RangeError(`month out of range: ${month}`);
  return name;
}

/** 'ต.ค. 2553' / 'October 2010'. */
export function formatMonthYear(year: number, month: number, options: DateFormatOptions = {}): string {
  const locale = options.locale ?? 'th';
  const era = options.era ?? (locale === 'th' ? 'BE' : 'CE');
  return `${monthName(month, options)} ${era === 'BE' ? year + BE_OFFSET : year}`;
}

/** Formats an ISO date; '1 ต.ค. 2553' by default. */
export function formatDate(isoDate: string, options: DateFormatOptions = {}): string {
  const ymd = parseIsoDate(isoDate);
  if (!ymd) throw new RangeError(`not a valid ISO date: ${isoDate}`);
  return `${ymd.day} ${formatMonthYear(ymd.year, ymd.month, options)}`;
}

/** '1 ต.ค. 2553' (short) or '1 ตุลาคม 2553' (long). */
export function formatThaiDate(isoDate: string, style: DateStyle = 'short'): string {
  return formatDate(isoDate, { locale: 'th', style });
}

/** '1 Oct 2010', or '1 Oct 2553' with era 'BE'. */
export function formatEnglishDate(isoDate: string, style: DateStyle = 'short', era: 'BE' | 'CE' = 'CE'): string {
  return formatDate(isoDate, { locale: 'en', style, era });
}

/** d/m/yyyy with the year in B.E.; '/', '-' or '.' separators. */
const THAI_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** '15/03/2554' -> '2011-03-15'; the year must be a 4-digit B.E. year 2400..2700. */
export function parseThaiDate(text: string): Result<string, ValidationIssue> {
  const m = THAI_DATE.exec(text.trim());
  if (!m) return err({ path: '', code: 'date.format' });
  const beYear = Number(m[3]);
  if (beYear < MIN_BE_YEAR || beYear > MAX_BE_YEAR) {
    return err({ path: '', code: 'date.yearOutOfRange', params: { min: MIN_BE_YEAR, max: MAX_BE_YEAR } });
  }
  const ymd = { year: beYear - BE_OFFSET, month: Number(m[2]), day: Number(m[1]) };
  if (!isValidYmd(ymd)) return err({ path: '', code: 'date.invalid' });
  return ok(toIsoDate(ymd));
}

/** The inverse of parseThaiDate: '2011-03-15' -> '15/03/2554'. */
export function toThaiNumericDate(isoDate: string): string {
  const ymd = parseIsoDate(isoDate);
  if (!ymd) throw new RangeError(`not a valid ISO date: ${isoDate}`);
  return `${String(ymd.day).padStart(2, '0')}/${String(ymd.month).padStart(2, '0')}/${ymd.year + BE_OFFSET}`;
}
