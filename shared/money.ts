/**
 * Money is integer satang (1 baht = 100 satang) so sums never drift; the text
 * form is '1,234,567.50' with an optional 'บาท'/'฿'/'THB' unit when parsing.
 */
import { err, ok, type Result, type ValidationIssue } from './result';

/** An amount in satang: a safe integer. */
export type Satang = number;

export const SATANG_PER_BAHT = 100;
/** Largest amount we accept: well inside Number.MAX_SAFE_INTEGER and any real LAO budget. */
export const MAX_SATANG = 1e15;

export function isSatang(value: unknown, opts: { allowNegative?: boolean } = {}): value is Satang {
  return (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    Math.abs(value) <= MAX_SATANG &&
    (opts.allowNegative === true || value >= 0)
  );
}

export function bahtToSatang(baht: number): Satang {
  // Rounding is fine here: callers pass whole or 2-decimal literals (demo data, tests).
  return Math.round(baht * SATANG_PER_BAHT);
}

const UNIT = /^(?:฿\s*)?(.*?)(?:\s*(?:บาท|THB|฿))?$/u;
const NUMBER = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;

/**
 * Parses '1,234,567.50', '1234567.5', '฿ 12', '12 บาท' into satang.
 * Grouping commas must be regular (every 3 digits); at most 2 decimals.
 */
export function parseBaht(
  text: string,
  opts: { allowNegative?: boolean } = {},
): Result<Satang, ValidationIssue> {
  const unitless = (UNIT.exec(text.trim())?.[1] ?? '').replace(/\s+/g, '');
  const m = NUMBER.exec(unitless);
  if (!m || (m[2] === undefined && !m[3])) return err({ path: '', code: 'money.format' });
  const [, minus, intPart = '0', frac = ''] = m;
  if (frac.length > 2) return err({ path: '', code: 'money.tooManyDecimals' });
  if (minus && !opts.allowNegative) return err({ path: '', code: 'money.negative' });
  const digits = intPart.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  if (digits.length > 14) return err({ path: '', code: 'money.tooLarge' });
  const magnitude = Number(digits) * SATANG_PER_BAHT + Number(frac.padEnd(2, '0'));
  if (magnitude > MAX_SATANG) return err({ path: '', code: 'money.tooLarge' });
  return ok(minus && magnitude !== 0 ? -magnitude : magnitude);
}

/** '1,234,567.50' (both UI languages group with commas and use a dot, as Thai government documents do). */
export function formatBaht(satang: Satang, _locale: 'th' | 'en' = 'th'): string {
  if (!Number.isSafeInteger(satang)) throw new RangeError('formatBaht expects integer satang');
  const abs = Math.abs(satang);
  const baht = Math.floor(abs / SATANG_PER_BAHT).toString();
  const fraction = (abs % SATANG_PER_BAHT).toString().padStart(2, '0');
  const grouped = baht.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${satang < 0 ? '-' : ''}${grouped}.${fraction}`;
}

/** '1,234,567.50 บาท' / '1,234,567.50 THB'. */
export function formatBahtWithUnit(satang: Satang, locale: 'th' | 'en' = 'th'): string {
  return `${formatBaht(satang, locale)} ${locale === 'th' ? 'บาท' : 'THB'}`;
}

/** Exact integer sum; throws on non-integers since that is a programming error, not user input. */
export function sumSatang(values: Iterable<Satang>): Satang {
  let total = 0;
  for (const v of values) {
    if (!Number.isSafeInteger(v)) throw new RangeError(`not an integer satang amount: ${v}`);
    total += v;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('satang sum overflow');
  return total;
}

/** Splits an amount into n integer parts that add up exactly (remainder spread over the first parts). */
export function splitSatang(total: Satang, parts: number): Satang[] {
  if (parts < 1 || !Number.isInteger(parts)) throw new RangeError('parts must be a positive integer');
  const base = Math.trunc(total / parts);
  const rest = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < Math.abs(rest) ? Math.sign(rest) : 0));
}
