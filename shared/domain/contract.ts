/**
 * Category 4: commitments / contracts per ordinance item.
 * The signing-date rule needs the item (carry-over) and lives in rules.ts.
 */
import { z } from 'zod';
import { isoDate, oneOf, satang, text, uuid } from './common';
import { fiscalRecordShape } from './record';

export const PROCUREMENT_METHODS = ['specific', 'e_bidding', 'e_market', 'selection', 'other'] as const;
export type ProcurementMethod = (typeof PROCUREMENT_METHODS)[number];

export const PROCUREMENT_METHOD_LABELS: Record<ProcurementMethod, { th: string; en: string }> = {
  specific: { th: 'วิธีเฉพาะเจาะจง', en: 'Specific method' },
  e_bidding: { th: 'ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)', en: 'E-bidding' },
  e_market: { th: 'ตลาดอิเล็กทรอนิกส์ (e-market)', en: 'E-market' },
  selection: { th: 'วิธีคัดเลือก', en: 'Selection' },
  other: { th: 'วิธีอื่น', en: 'Other' },
};

export const contractSchema = z.object({
  ...fiscalRecordShape,
  ordinanceItemId: uuid(),
  number: text(100),
  signedOn: isoDate(),
  amount: satang(),
  contractor: text(300),
  procurementMethod: oneOf(PROCUREMENT_METHODS),
});
export type Contract = z.output<typeof contractSchema>;
