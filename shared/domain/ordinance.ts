/**
 * Category 3: the annual budget ordinance, its items, and quarters marked as reported.
 */
import { z } from 'zod';
import { fiscalYearRange, isWithin, quarterRange, type Quarter } from '../calendar/fiscal';
import { addIssue, isoDate, oneOf, optionalText, satang, text, typeError, uuid, whenValid } from './common';
import { fiscalRecordShape } from './record';

/**
 * Councils pass (and LAOs announce) next year's budget during the current
 * fiscal year, sometimes late: dates may fall from the start of the previous
 * fiscal year to the end of the ordinance's own.
 */
export function ordinanceDateWindow(fiscalYear: number) {
  return { start: fiscalYearRange(fiscalYear - 1).start, end: fiscalYearRange(fiscalYear).end };
}

export const ordinanceSchema = z
  .object({
    ...fiscalRecordShape,
    councilPassedOn: isoDate(),
    /** Absent until the chief executive announces it. */
    announcedOn: isoDate().nullish(),
    total: satang(),
  })
  .superRefine((o, ctx) => {
    const window = ordinanceDateWindow(o.fiscalYear);
    const params = { fy: o.fiscalYear, fromYear: o.fiscalYear - 2 };
    if (!isWithin(o.councilPassedOn, window)) addIssue(ctx, 'councilPassedOn', 'date.outsideOrdinanceWindow', params);
    if (o.announcedOn && !isWithin(o.announcedOn, window)) {
      addIssue(ctx, 'announcedOn', 'date.outsideOrdinanceWindow', params);
    }
    if (o.announcedOn && o.announcedOn < o.councilPassedOn) {
      addIssue(ctx, 'announcedOn', 'ordinance.announcedBeforePassed');
    }
  }, whenValid('fiscalYear', 'councilPassedOn', 'announcedOn'));
export type Ordinance = z.output<typeof ordinanceSchema>;

export const ITEM_OUTCOMES = ['open', 'completed', 'cancelled', 'carried_over'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

export const ITEM_OUTCOME_LABELS: Record<ItemOutcome, { th: string; en: string }> = {
  open: { th: 'อยู่ระหว่างดำเนินการ', en: 'In progress' },
  completed: { th: 'ดำเนินการแล้วเสร็จ', en: 'Completed' },
  cancelled: { th: 'ยกเลิก', en: 'Cancelled' },
  carried_over: { th: 'กันเงินไว้เบิกเหลื่อมปี', en: 'Carried over' },
};

export const ordinanceItemSchema = z
  .object({
    ...fiscalRecordShape,
    ordinanceId: uuid(),
    /** Recurring items (salaries, utilities) have no plan project. */
    planProjectId: uuid().nullish(),
    name: text(500),
    allocated: satang(),
    outcome: oneOf(ITEM_OUTCOMES),
    cancelReason: optionalText(1000),
  })
  .superRefine((item, ctx) => {
    if (item.outcome === 'cancelled' && !item.cancelReason) {
      addIssue(ctx, 'cancelReason', 'ordinanceItem.cancelReasonRequired');
    }
  }, whenValid('outcome', 'cancelReason'));
export type OrdinanceItem = z.output<typeof ordinanceItemSchema>;

export const quarterReportSchema = z
  .object({
    ...fiscalRecordShape,
    quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: typeError('quarter.invalid') }),
    reportedOn: isoDate(),
  })
  .superRefine((r, ctx) => {
    // A quarter is reported during or after it (Q4 is usually reported in October).
    const { start } = quarterRange(r.fiscalYear, r.quarter as Quarter);
    if (r.reportedOn < start) addIssue(ctx, 'reportedOn', 'quarterReport.beforeQuarterStart');
  }, whenValid('fiscalYear', 'quarter', 'reportedOn'));
export type QuarterReport = z.output<typeof quarterReportSchema>;
