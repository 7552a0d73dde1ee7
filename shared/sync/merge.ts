/**
 * Three-way, per-field merge of a client's change against the server's
 * current record (design.md "Merge"): a field the server has not changed
 * since the client's base takes the client's value; both sides setting the
 * same value is no conflict; both setting different values is a conflict, and
 * the server's value (committed first) stays.
 */

export type FieldValues = Record<string, unknown>;

export interface FieldConflict {
  base: unknown;
  server: unknown;
  client: unknown;
}

export interface FieldMerge {
  /** Fields to write, with the client's value. */
  apply: FieldValues;
  /** Fields where the server already holds the client's value. */
  same: string[];
  /** Fields both sides changed to different values; the server value stays. */
  conflicts: Record<string, FieldConflict>;
}

/**
 * Merges the fields the client changed. `base` and `client` hold the old and
 * new value of each changed field (the outbox entry's `changes`); `server`
 * is the whole current server record. Absent and null are the same value.
 */
export function mergeFields(base: FieldValues, server: FieldValues, client: FieldValues): FieldMerge {
  const result: FieldMerge = { apply: {}, same: [], conflicts: {} };
  for (const field of Object.keys(client)) {
    const clientValue = client[field];
    const serverValue = server[field];
    if (sameValue(serverValue, clientValue)) result.same.push(field);
    else if (sameValue(serverValue, base[field])) result.apply[field] = clientValue;
    else result.conflicts[field] = { base: base[field] ?? null, server: serverValue ?? null, client: clientValue ?? null };
  }
  return result;
}

/** Deep equality of JSON values, ignoring key order; undefined equals null. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON with object keys sorted, so equal values have equal text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
