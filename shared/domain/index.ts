/**
 * The record schemas by table and validateRecord: schema and cross-record rules together.
 */
import type { z } from 'zod';
import { issue, type Result, type ValidationIssue } from '../result';
import { antiDrugActivitySchema } from './antiDrug';
import { parseWith } from './common';
import { contractSchema } from './contract';
import { disbursementSchema } from './disbursement';
import { fiscalStatsSchema } from './fiscalStats';
import { grantSchema } from './grant';
import { ordinanceItemSchema, ordinanceSchema, quarterReportSchema } from './ordinance';
import { developmentPlanSchema, planAmendmentSchema, planProjectSchema } from './plan';
import { districtSchema, laoSchema, provinceSchema, userSchema } from './reference';
import type { RecordBase } from './record';
import { checkContextRules, type ValidationContext } from './rules';
import type { RecordTable, ReferenceTable } from './tables';
import { visionSchema } from './vision';
import { fieldVisitSchema } from './visit';

export const RECORD_SCHEMAS = {
  visions: visionSchema,
  plans: developmentPlanSchema,
  planAmendments: planAmendmentSchema,
  planProjects: planProjectSchema,
  ordinances: ordinanceSchema,
  ordinanceItems: ordinanceItemSchema,
  contracts: contractSchema,
  disbursements: disbursementSchema,
  quarterReports: quarterReportSchema,
  grants: grantSchema,
  fiscalStats: fiscalStatsSchema,
  antiDrugActivities: antiDrugActivitySchema,
  fieldVisits: fieldVisitSchema,
} as const satisfies Record<RecordTable, z.ZodType>;

export const REFERENCE_SCHEMAS = {
  provinces: provinceSchema,
  districts: districtSchema,
  laos: laoSchema,
  users: userSchema,
} as const satisfies Record<ReferenceTable, z.ZodType>;

export type RecordOf<T extends RecordTable> = z.output<(typeof RECORD_SCHEMAS)[T]>;
export type AnyRecord = RecordOf<RecordTable>;
export type ReferenceOf<T extends ReferenceTable> = z.output<(typeof REFERENCE_SCHEMAS)[T]>;

/** Field-level issues for a record of a table: the schema's and the cross-record rules', all at once. */
export function validateRecord<T extends RecordTable>(
  table: T,
  input: unknown,
  ctx: ValidationContext = {},
): Result<RecordOf<T>, ValidationIssue[]> {
  const parsed = parseWith(RECORD_SCHEMAS[table], input) as Result<RecordOf<T>, ValidationIssue[]>;
  if (parsed.ok) {
    const issues = checkContextRules(table, parsed.value, ctx);
    return issues.length ? { ok: false, error: issues } : parsed;
  }
  // Every problem at once: the rules whose fields passed run on the input as given.
  const invalid = new Set(parsed.error.map((found) => found.path.split('.')[0]!));
  if (invalid.has('') || typeof input !== 'object' || input === null) return parsed;
  const more = checkContextRules(table, input as RecordBase, ctx, invalid);
  return { ok: false, error: [...parsed.error, ...more] };
}

/**
 * Values sent for some fields of a table's records (an edit's changes, a
 * conflict's side), each read by its own field's schema: a field the table
 * does not have is an issue too. Cross-field and cross-record rules need the
 * whole record and run when one is written (validateRecord).
 */
export function checkFieldValues(table: RecordTable, values: Record<string, unknown>): ValidationIssue[] {
  const shape = RECORD_SCHEMAS[table].shape as Record<string, z.ZodType>;
  const issues: ValidationIssue[] = [];
  for (const [field, value] of Object.entries(values)) {
    const schema = Object.hasOwn(shape, field) ? shape[field] : undefined;
    if (!schema) {
      issues.push(issue(field, 'field.unknown'));
      continue;
    }
    const parsed = parseWith(schema, value);
    if (!parsed.ok) issues.push(...parsed.error.map((found) => ({ ...found, path: found.path ? `${field}.${found.path}` : field })));
  }
  return issues;
}

export function validateReference<T extends ReferenceTable>(
  table: T,
  input: unknown,
): Result<ReferenceOf<T>, ValidationIssue[]> {
  return parseWith(REFERENCE_SCHEMAS[table], input) as Result<ReferenceOf<T>, ValidationIssue[]>;
}

export * from './tables';
export * from './codes';
export * from './record';
export * from './reference';
export * from './vision';
export * from './plan';
export * from './ordinance';
export * from './contract';
export * from './disbursement';
export * from './grant';
export * from './fiscalStats';
export * from './antiDrug';
export * from './visit';
export * from './rules';
export * from './context';
export { parseWith } from './common';
