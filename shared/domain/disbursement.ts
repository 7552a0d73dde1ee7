/**
 * Category 5: disbursements per ordinance item or contract. The quarter is
 * derived from the payment date; limits against sums live in rules.ts.
 */
import { z } from 'zod';
import { quarterOf, type FiscalQuarter } from '../calendar/fiscal';
import { isoDate, optionalText, satang, uuid } from './common';
import { fiscalRecordShape } from './record';

export const disbursementSchema = z.object({
  ...fiscalRecordShape,
  ordinanceItemId: uuid(),
  contractId: uuid().nullish(),
  paidOn: isoDate(),
  amount: satang(),
  /** Why paying beyond the contract or allocation is right (e.g. a budget transfer). */
  overrideReason: optionalText(1000),
});
export type Disbursement = z.output<typeof disbursementSchema>;

export function disbursementQuarter(d: Pick<Disbursement, 'paidOn'>): FiscalQuarter {
  return quarterOf(d.paidOn);
}
