/**
 * Text is text (issue 14). A string the product keeps may hold neither NUL,
 * which PostgreSQL text and jsonb refuse, nor half of a UTF-16 surrogate
 * pair, which UTF-8 cannot encode (the driver would quietly store U+FFFD).
 * One definition for the protocol, the domain and the admin API; the laptop
 * shows TEXT_INVALID on the field, the server answers 400 INVALID_TEXT.
 */
import { z } from 'zod';
import type { ValidationCode } from './domain/codes';

/** The field issue (and zod message) of refused text; renderer/i18n/validation.*.json translates it. */
export const TEXT_INVALID = 'text.invalid' satisfies ValidationCode;
/** The API error code of a request that carries refused text anywhere. */
export const INVALID_TEXT = 'INVALID_TEXT';

// Searched by code unit (no `u` flag), so an unpaired surrogate is seen as itself.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** No NUL and no unpaired surrogate. */
export function isValidText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/** A string that is text: every string schema of shared/ starts here. */
export const validText = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).refine(isValidText, { error: TEXT_INVALID, abort: true });

/**
 * Bounds of a free JSON value (a pushed field's old and new value): deeper
 * than any record field, far larger than any real one, and small enough that
 * merging, comparing and storing it cannot exhaust the stack or the memory.
 */
export const JSON_VALUE_LIMITS = { depth: 32, nodes: 20_000, textLength: 100_000 } as const;

export interface JsonValueProblem {
  path: (string | number)[];
  /** TEXT_INVALID, or an English hint for the other bounds. */
  message: string;
}

/**
 * The first problem of a JSON value, found by an explicit stack, never by
 * recursion, so it runs safely before anything recursive (canonicalJson,
 * JSON.stringify) sees the value.
 */
export function jsonValueProblem(value: unknown, limits = JSON_VALUE_LIMITS): JsonValueProblem | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  // Counted as they are found, so a huge array is refused before it is walked.
  let nodes = 1;
  while (stack.length > 0) {
    const { value: node, path } = stack.pop()!;
    if (typeof node === 'string') {
      if (!isValidText(node)) return { path, message: TEXT_INVALID };
      if (node.length > limits.textLength) return { path, message: `text longer than ${limits.textLength}` };
      continue;
    }
    if (node === null || node === undefined || typeof node === 'boolean') continue;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) return { path, message: 'not a finite number' };
      continue;
    }
    if (typeof node !== 'object') return { path, message: 'not a JSON value' };
    if (path.length >= limits.depth) return { path, message: `nested deeper than ${limits.depth}` };
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? node.length + nodes > limits.nodes ? [] : node.map((item: unknown, index) => [index, item])
      : Object.entries(node);
    nodes += Array.isArray(node) ? node.length : entries.length;
    if (nodes > limits.nodes) return { path, message: `more than ${limits.nodes} values` };
    for (const [key, item] of entries) {
      if (typeof key === 'string' && !isValidText(key)) return { path, message: TEXT_INVALID };
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return null;
}

/** Any JSON value within JSON_VALUE_LIMITS whose strings and keys are all text. */
export const jsonValue = () =>
  z.unknown().superRefine((value, ctx) => {
    const problem = jsonValueProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  });

/**
 * A whole number in a query string or a path: read from decimal digits only;
 * anything else ('', '1e3', '0x9fa', ' 1', a repeated parameter, and null,
 * true or [] in a POST body) is refused, never coerced.
 */
export const queryInt = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value),
    z.number().int().min(min).max(max),
  );
