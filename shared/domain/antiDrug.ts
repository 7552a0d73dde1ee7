/**
 * Category 8: urgent anti-drug policy operations.
 */
import { z } from 'zod';
import { checkInFiscalYear, count, isoDate, oneOf, optionalText, satang, text, whenValid } from './common';
import { fiscalRecordShape } from './record';

export const ANTI_DRUG_KINDS = [
  'campaign',
  'training',
  'sports',
  'screening_treatment',
  'community_watch',
  'other',
] as const;
export type AntiDrugKind = (typeof ANTI_DRUG_KINDS)[number];

export const ANTI_DRUG_KIND_LABELS: Record<AntiDrugKind, { th: string; en: string }> = {
  campaign: { th: 'รณรงค์ประชาสัมพันธ์', en: 'Awareness campaign' },
  training: { th: 'อบรมให้ความรู้', en: 'Training' },
  sports: { th: 'กีฬาต้านยาเสพติด', en: 'Sports against drugs' },
  screening_treatment: { th: 'คัดกรองและบำบัดฟื้นฟู', en: 'Screening and rehabilitation' },
  community_watch: { th: 'เฝ้าระวังในชุมชน', en: 'Community watch' },
  other: { th: 'อื่น ๆ', en: 'Other' },
};

export const antiDrugActivitySchema = z
  .object({
    ...fiscalRecordShape,
    heldOn: isoDate(),
    kind: oneOf(ANTI_DRUG_KINDS),
    name: text(500),
    budget: satang(),
    participants: count(),
    /** Filled in after the activity. */
    result: optionalText(2000),
  })
  .superRefine((a, ctx) => checkInFiscalYear(ctx, 'heldOn', a.heldOn, a.fiscalYear), whenValid('fiscalYear', 'heldOn'));
export type AntiDrugActivity = z.output<typeof antiDrugActivitySchema>;
