/** Test helpers: run validation and list issues as 'path:code' for compact assertions. */
import type { Result, ValidationIssue } from '../result';
import { fixtureRecord } from './fixtures';
import { validateRecord } from './index';
import type { ValidationContext } from './rules';
import type { RecordTable } from './tables';

export function issuesOf(r: Result<unknown, ValidationIssue[]>): string[] {
  return r.ok ? [] : r.error.map((i) => `${i.path}:${i.code}`);
}

/** Validates the table's fixture with some fields changed. */
export function check(table: RecordTable, patch: Record<string, unknown> = {}, ctx: ValidationContext = {}): string[] {
  return issuesOf(validateRecord(table, { ...fixtureRecord(table), ...patch }, ctx));
}
