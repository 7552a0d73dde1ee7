/**
 * Every code a completion rule can put in `missing[]` (COMPLETION_CODES), with
 * the params each carries (COMPLETION_CODE_PARAMS). The UI translates them through renderer/i18n/completion.{th,en}.json
 * (namespace 'completion'); renderer/i18n/completion.test.ts keeps both files complete.
 *
 * Params ending in Th / En are already formatted for that language (dates and
 * months in B.E.); amounts are formatted baht ('1,234.50') without the unit.
 */
import type { RecordTable } from '../domain/tables';

export const COMPLETION_CODE_PARAMS = {
  'ordinance.missing': ['fy'],
  'ordinance.noItems': ['fy'],
  'ordinance.itemsTotalMismatch': ['fy', 'itemsTotal', 'total'],
  'ordinanceItem.cancelReasonMissing': ['item'],
  'ordinanceItem.notClosed': ['item', 'fy'],
  'ordinanceItem.noDisbursement': ['item'],
  'ordinanceItem.noDisbursementInQuarter': ['item', 'quarter', 'fy'],
  'quarter.notReported': ['quarter', 'fy'],
  'vision.missing': ['fy'],
  'vision.noMissions': ['start', 'end'],
  'vision.noStrategies': ['start', 'end'],
  'vision.strategyWithoutApproaches': ['code', 'strategy'],
  'plan.missing': ['fy'],
  'plan.noProjects': ['start', 'end'],
  'plan.notSubmitted': ['start', 'end'],
  'grant.stale': ['name', 'updatedOnTh', 'updatedOnEn', 'days'],
  'fiscalStats.monthMissing': ['monthTh', 'monthEn', 'year', 'month'],
  'antiDrug.noActivity': ['fy'],
  'antiDrug.resultMissing': ['name', 'heldOnTh', 'heldOnEn'],
} as const satisfies Record<string, readonly string[]>;

export type CompletionCode = keyof typeof COMPLETION_CODE_PARAMS;
export const COMPLETION_CODES = Object.keys(COMPLETION_CODE_PARAMS) as readonly CompletionCode[];

export function isCompletionCode(code: string): code is CompletionCode {
  return Object.prototype.hasOwnProperty.call(COMPLETION_CODE_PARAMS, code);
}

/** One thing the officer must fix: a missing record, or a field of a record. */
export interface MissingItem {
  code: string;
  params?: Record<string, string | number>;
  /** The table to open: the record with the problem, or where the missing record belongs. */
  table?: RecordTable;
  /** The record with the problem (absent when a whole record is missing). */
  recordId?: string;
  /** The field to fix on that record. */
  field?: string;
}

type ParamsOf<C extends CompletionCode> = { [K in (typeof COMPLETION_CODE_PARAMS)[C][number]]: string | number };

/** Builds a missing item with the params its code declares (a typo fails to compile). */
export function missingItem<C extends CompletionCode>(
  code: C,
  params: ParamsOf<C>,
  where: { table?: RecordTable; recordId?: string; field?: string } = {},
): MissingItem {
  return { code, params, ...where };
}
