/**
 * Errors as values: every fallible operation in shared/ returns a Result whose
 * error carries a code the UI translates (renderer/i18n/validation.*.json).
 */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** A problem with one field of an input; `path` is dotted ('budgets.0.amount'), '' for the whole value. */
export interface ValidationIssue {
  path: string;
  code: string;
  params?: Record<string, string | number>;
}

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

export function issue(
  path: string,
  code: string,
  params?: Record<string, string | number>,
): ValidationIssue {
  return params ? { path, code, params } : { path, code };
}

export function isOk<T, E>(r: Result<T, E>): r is { ok: true; value: T } {
  return r.ok;
}

export function mapResult<T, U, E>(r: Result<T, E>, f: (value: T) => U): Result<U, E> {
  return r.ok ? ok(f(r.value)) : r;
}

export function andThen<T, U, E>(r: Result<T, E>, f: (value: T) => Result<U, E>): Result<U, E> {
  return r.ok ? f(r.value) : r;
}

export function unwrapOr<T, E>(r: Result<T, E>, fallback: T): T {
  return r.ok ? r.value : fallback;
}

/** Re-roots issues of a nested value under a field, e.g. a parsed date under 'paidOn'. */
export function prefixIssues(prefix: string, issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.map((i) => ({ ...i, path: i.path ? `${prefix}.${i.path}` : prefix }));
}

/** The entries a schema accepts, in order; the others are left out (input from another device or the server). */
export function acceptedEntries<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, entries: readonly unknown[]): T[] {
  return entries.flatMap((entry) => {
    const parsed = schema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}
