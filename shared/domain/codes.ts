/**
 * Every validation code shared/ can emit. The UI translates each one through
 * renderer/i18n/validation.{th,en}.json; a test keeps both files complete.
 */
export const VALIDATION_CODES = [
  // generic field problems (also the fallback for zod's own issues)
  'field.required',
  'field.invalidType',
  'field.invalidOption',
  'field.invalidFormat',
  'field.tooShort',
  'field.tooLong',
  'field.tooSmall',
  'field.tooBig',
  'field.tooFew',
  'field.tooMany',
  'field.invalid',
  'field.unknown',
  'visit.notYours',
  'text.invalid',
  'id.invalid',
  'number.notInteger',
  'number.negative',
  // money
  'amount.invalid',
  'amount.notInteger',
  'amount.negative',
  'amount.tooLarge',
  'money.format',
  'money.tooManyDecimals',
  'money.negative',
  'money.tooLarge',
  // dates and periods
  'date.format',
  'date.invalid',
  'date.yearOutOfRange',
  'datetime.invalid',
  'date.outsideFiscalYear',
  'date.outsideOrdinanceWindow',
  'date.outsideCarryOverWindow',
  'date.inFuture',
  'year.invalid',
  'quarter.invalid',
  'month.invalid',
  'period.endBeforeStart',
  'fiscalYear.mismatch',
  // reference data
  'code.province',
  'code.district',
  'code.lao',
  'code.provinceMismatch',
  'username.format',
  'user.docsBeforeContract',
  'lao.unknown',
  // vision and plan
  'strategy.duplicateCode',
  'plan.unknown',
  'plan.submittedOnRequired',
  'plan.approvedOnRequired',
  'plan.approvedBeforeSubmitted',
  'budget.duplicateYear',
  'budget.yearOutsidePlan',
  'planProject.unknown',
  // ordinance, contracts, disbursements
  'ordinance.unknown',
  'ordinance.announcedBeforePassed',
  'ordinance.duplicateYear',
  'ordinance.totalBelowItems',
  'ordinanceItem.aboveOrdinanceTotal',
  'ordinanceItem.unknown',
  'ordinanceItem.cancelReasonRequired',
  'quarterReport.beforeQuarterStart',
  'contract.unknown',
  'contract.itemMismatch',
  'contract.aboveAllocation',
  'disbursement.beforeContract',
  'disbursement.aboveContract',
  'disbursement.aboveAllocation',
  // grants, fiscal statistics
  'grant.committedAboveAllocated',
  'grant.disbursedAboveCommitted',
  'fiscalStats.monthOutsideFiscalYear',
  'fiscalStats.duplicateMonth',
  'quarterReport.duplicate',
] as const;

export type ValidationCode = (typeof VALIDATION_CODES)[number];

const KNOWN = new Set<string>(VALIDATION_CODES);

export function isValidationCode(code: string): code is ValidationCode {
  return KNOWN.has(code);
}
