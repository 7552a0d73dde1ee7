/**
 * Field schemas and the mapping from zod issues to our coded ValidationIssue,
 * shared by every record category.
 */
import { z } from 'zod';
import { MAX_SATANG } from '../money';
import { issue, type Result, type ValidationIssue } from '../result';
import { isValidIsoDate } from '../calendar/isoDate';
import { fiscalYearRange, isWithin } from '../calendar/fiscal';
import { MAX_BE_YEAR, MIN_BE_YEAR } from '../calendar/thaiDate';
import { isValidationCode, type ValidationCode } from './codes';
import { validText } from '../text';

type RawIssue = { input?: unknown };
/** Missing input reads 'required'; anything else the given code. */
export const typeError = (code: ValidationCode) => (iss: RawIssue) =>
  iss.input === undefined || iss.input === null ? 'field.required' : code;

/** A check's error option with a typed code, so a typo fails to compile. */
export const e = (code: ValidationCode, abort = false) => (abort ? { error: code, abort } : { error: code });

export const text = (max = 2000) =>
  validText({ error: typeError('field.invalidType') })
    .trim()
    .min(1, e('field.required'))
    .max(max, e('field.tooLong'));

/** Optional text: absent, null or blank all mean "not given" (null clears a field in sync). */
/** A name in English that may be left empty (the registry gives Thai names only): shown as the Thai name, marked, until someone enters one. */
export const englishName = (max = 300) =>
  validText({ error: typeError('field.invalidType') })
    .trim()
    .max(max, e('field.tooLong'))
    .default('');

export const optionalText = (max = 2000) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    validText(e('field.invalidType')).trim().max(max, e('field.tooLong')).nullish(),
  );

export const satang = () =>
  z
    .number({ error: typeError('amount.invalid') })
    .max(MAX_SATANG, e('amount.tooLarge', true))
    .int(e('amount.notInteger', true))
    .min(0, e('amount.negative'));

export const count = () =>
  z
    .number({ error: typeError('field.invalidType') })
    .int(e('number.notInteger', true))
    .min(0, e('number.negative'));

export const isoDate = () =>
  validText({ error: typeError('date.format') })
    .regex(/^\d{4}-\d{2}-\d{2}$/, e('date.format', true))
    .refine(isValidIsoDate, e('date.invalid'));

export const isoDateTime = () => z.iso.datetime({ offset: true, error: typeError('datetime.invalid') });

/** A Buddhist-Era year in the range the app accepts. */
export const beYear = () =>
  z
    .number({ error: typeError('year.invalid') })
    .int(e('year.invalid'))
    .min(MIN_BE_YEAR, e('year.invalid'))
    .max(MAX_BE_YEAR, e('year.invalid'));

export const uuid = () => validText({ error: typeError('id.invalid') }).pipe(z.uuid(e('id.invalid')));

export const provinceCode = () => validText({ error: typeError('code.province') }).regex(/^\d{2}$/, e('code.province'));
export const districtCode = () => validText({ error: typeError('code.district') }).regex(/^\d{4}$/, e('code.district'));
export const laoCode = () => validText({ error: typeError('code.lao') }).regex(/^\d{7}$/, e('code.lao'));

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: typeError('field.invalidOption') });

/**
 * A cross-field check's option: it runs once the fields it reads pass, even
 * while other fields have issues, so a form shows every problem at once
 * (zod otherwise skips an object's checks after any field's type error).
 */
export const whenValid = (...fields: string[]) => ({
  when: (payload: z.core.ParsePayload): boolean => !payload.issues.some((found) => fields.includes(String(found.path?.[0] ?? ''))),
});

/** Adds a coded issue inside a superRefine. */
export function addIssue(
  ctx: z.core.$RefinementCtx,
  path: string,
  code: ValidationCode,
  params?: Record<string, string | number>,
): void {
  ctx.addIssue({ code: 'custom', message: code, path: path.split('.').map(segment), ...(params ? { params } : {}) });
}

const segment = (s: string): string | number => (/^\d+$/.test(s) ? Number(s) : s);

/** Issue codes for zod's own checks where a field schema set none. */
const fallbackError = (iss: z.core.$ZodRawIssue): ValidationCode => {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined || iss.input === null ? 'field.required' : 'field.invalidType';
    case 'too_small':
      return iss.origin === 'string' ? 'field.tooShort' : iss.origin === 'array' ? 'field.tooFew' : 'field.tooSmall';
    case 'too_big':
      return iss.origin === 'string' ? 'field.tooLong' : iss.origin === 'array' ? 'field.tooMany' : 'field.tooBig';
    case 'invalid_value':
      return 'field.invalidOption';
    case 'invalid_format':
      return 'field.invalidFormat';
    default:
      return 'field.invalid';
  }
};

function toValidationIssue(iss: z.core.$ZodIssue): ValidationIssue {
  const code = isValidationCode(iss.message) ? iss.message : 'field.invalid';
  const path = iss.path.map(String).join('.');
  switch (iss.code) {
    case 'custom':
      return issue(path, code, iss.params as Record<string, string | number> | undefined);
    case 'too_small':
      return issue(path, code, { min: Number(iss.minimum) });
    case 'too_big':
      return issue(path, code, { max: Number(iss.maximum) });
    case 'invalid_value':
      return issue(path, code, { options: iss.values.map(String).join(', ') });
    default:
      return issue(path, code);
  }
}

/** Parses with a schema; failures become field-level coded issues. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>, ValidationIssue[]> {
  const r = schema.safeParse(input, { error: fallbackError });
  return r.success ? { ok: true, value: r.data } : { ok: false, error: r.error.issues.map(toValidationIssue) };
}

/** The fiscal-year date rule: params give the years for the message. */
export function checkInFiscalYear(
  ctx: z.core.$RefinementCtx,
  path: string,
  date: string | null | undefined,
  fiscalYear: number,
): void {
  if (date && !isWithin(date, fiscalYearRange(fiscalYear))) {
    addIssue(ctx, path, 'date.outsideFiscalYear', fiscalYearParams(fiscalYear));
  }
}

export const fiscalYearParams = (fy: number) => ({ fy, prevYear: fy - 1 });
