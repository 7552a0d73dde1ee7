/**
 * Plain calendar dates as ISO 'YYYY-MM-DD' strings (Gregorian), computed with
 * integer arithmetic so the host time zone never matters.
 */

export interface YearMonthDay {
  year: number;
  month: number; // 1..12
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidYmd({ year, month, day }: YearMonthDay): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
    day >= 1 && day <= daysInMonth(year, month)
  );
}

/** Splits a valid ISO date; undefined for anything else (wrong shape, 2011-02-30). */
export function parseIsoDate(text: string): YearMonthDay | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const ymd = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidYmd(ymd) ? ymd : undefined;
}

export function isValidIsoDate(text: string): boolean {
  return parseIsoDate(text) !== undefined;
}

const pad = (n: number, width = 2): string => n.toString().padStart(width, '0');

export function toIsoDate({ year, month, day }: YearMonthDay): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The Bangkok (UTC+7, no DST) calendar day of an instant, e.g. 2011-09-30T17:30:00Z -> '2011-10-01'. */
export function bangkokDateOf(instant: Date | string | number): string {
  const ms = instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a valid instant: ${String(instant)}`);
  const shifted = new Date(ms + BANGKOK_OFFSET_MS);
  return toIsoDate({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
}

/**
 * The Bangkok clock time of an instant, 'HH:MM' on 24 hours, e.g.
 * 2026-11-25T07:05:00Z -> '14:05'. Worked out like bangkokDateOf, without an
 * Intl formatter (making one costs milliseconds, and the app bar made one at
 * every render).
 */
export function bangkokTimeOf(instant: Date | string | number): string {
  const ms = instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a valid instant: ${String(instant)}`);
  const shifted = new Date(ms + BANGKOK_OFFSET_MS);
  return `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`;
}

/** The instant at which a Bangkok calendar day starts (00:00 +07:00 = 17:00Z the day before). */
export function bangkokStartOfDay(isoDate: string): Date {
  const ymd = requireIsoDate(isoDate);
  return new Date(Date.UTC(ymd.year, ymd.month - 1, ymd.day) - BANGKOK_OFFSET_MS);
}

/** ISO date n days later (n may be negative). */
export function addDays(isoDate: string, n: number): string {
  const ymd = requireIsoDate(isoDate);
  const d = new Date(Date.UTC(ymd.year, ymd.month - 1, ymd.day) + n * DAY_MS);
  return toIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  const x = requireIsoDate(a);
  const y = requireIsoDate(b);
  return Math.round((Date.UTC(y.year, y.month - 1, y.day) - Date.UTC(x.year, x.month - 1, x.day)) / DAY_MS);
}

/**
 * A date-ish input as a Bangkok calendar day: 'YYYY-MM-DD' is taken as is,
 * a datetime string or Date as an instant converted to Bangkok.
 */
export function toBangkokDate(date: Date | string): string {
  if (typeof date === 'string' && ISO_DATE.test(date)) {
    requireIsoDate(date);
    return date;
  }
  return bangkokDateOf(date);
}

function requireIsoDate(text: string): YearMonthDay {
  const ymd = parseIsoDate(text);
  // Internal callers pass validated dates; a bad one here is a programming error.
  if (!ymd) throw new RangeError(`not a valid ISO date: ${text}`);
  return ymd;
}
