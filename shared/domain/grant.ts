/**
 * Category 6: specific-purpose grants with allocation, commitment and disbursement.
 */
import { z } from 'zod';
import { fiscalYearRange, isWithin } from '../calendar/fiscal';
import { addIssue, isoDate, satang, text, whenValid } from './common';
import { fiscalRecordShape } from './record';

export const grantSchema = z
  .object({
    ...fiscalRecordShape,
    name: text(500),
    allocated: satang(),
    committed: satang(),
    disbursed: satang(),
    updatedOn: isoDate(),
  })
  .superRefine((g, ctx) => {
    if (g.committed > g.allocated) addIssue(ctx, 'committed', 'grant.committedAboveAllocated');
    if (g.disbursed > g.committed) addIssue(ctx, 'disbursed', 'grant.disbursedAboveCommitted');
    // Grants are often disbursed after the year ends, so updates run to the end of the next one.
    const window = { start: fiscalYearRange(g.fiscalYear).start, end: fiscalYearRange(g.fiscalYear + 1).end };
    if (!isWithin(g.updatedOn, window)) {
      addIssue(ctx, 'updatedOn', 'date.outsideCarryOverWindow', {
        fy: g.fiscalYear,
        prevYear: g.fiscalYear - 1,
        nextFy: g.fiscalYear + 1,
      });
    }
  }, whenValid('fiscalYear', 'allocated', 'committed', 'disbursed', 'updatedOn'));
export type Grant = z.output<typeof grantSchema>;
