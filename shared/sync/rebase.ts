/**
 * An edit made on a view of a record that may since have changed underneath
 * (a pull landed while the form was open, or after a draft was kept). Only
 * the fields the user changed from what they saw are theirs; every other
 * field keeps the record's current value. Each change carries the value the
 * user saw as its `old`, so the three-way merge (merge.ts) turns a field that
 * someone else changed meanwhile into a conflict instead of an overwrite.
 */
import { isStampField, STAMP_FIELDS } from '../domain/record';
import { sameValue, type FieldValues } from './merge';

export interface EditOnBase {
  /** The record to store: the current record with the user's fields laid over it. */
  record: FieldValues;
  /** Per changed field: the value the user saw, and theirs. */
  changes: Record<string, { old: unknown; new: unknown }>;
  /** Fields the user and someone else both changed, to different values. */
  conflicts: string[];
}

/**
 * `seen` is the record as the user saw it (undefined for a new record),
 * `current` the stored record now (undefined if it does not exist), `edited`
 * the user's whole edited record.
 */
export function editOnBase(seen: FieldValues | undefined, current: FieldValues | undefined, edited: FieldValues): EditOnBase {
  const base = seen ?? current;
  const record: FieldValues = { ...current };
  const changes: EditOnBase['changes'] = {};
  const conflicts: string[] = [];
  for (const [field, value] of Object.entries(edited)) {
    if (isStampField(field)) continue;
    const was = base?.[field];
    if (base ? sameValue(value, was) : value === undefined) continue; // untouched: the current value stays
    record[field] = value;
    const now = current?.[field];
    if (current && sameValue(now, value)) continue; // someone already made the same change
    changes[field] = { old: was ?? null, new: value };
    if (current && !sameValue(now, was)) conflicts.push(field);
  }
  for (const field of STAMP_FIELDS) if (field in edited) record[field] = edited[field];
  return { record, changes, conflicts };
}

/** The fields that changed between two versions of a record, stamps aside. */
export function changedFields(before: FieldValues, after: FieldValues): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields].filter((field) => !isStampField(field) && !sameValue(before[field], after[field]));
}
