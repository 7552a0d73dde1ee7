/**
 * An officer's field visit to an LAO (issue: work calendar, field visit log).
 */
import { z } from 'zod';
import { checkInFiscalYear, isoDate, oneOf, optionalText, uuid } from './common';
import { fiscalRecordShape } from './record';
import { RECORD_CATEGORY_KEYS } from './tables';

export const VISIT_PURPOSES = ['follow_up', 'data_entry', 'verification', 'training', 'other'] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];

export const VISIT_PURPOSE_LABELS: Record<VisitPurpose, { th: string; en: string }> = {
  follow_up: { th: 'ติดตามการบันทึกข้อมูล', en: 'Follow up data entry' },
  data_entry: { th: 'บันทึกข้อมูลแทน อปท.', en: 'Enter data for the LAO' },
  verification: { th: 'ตรวจสอบความครบถ้วนของข้อมูล', en: 'Verify completeness' },
  training: { th: 'ให้คำแนะนำ/อบรมเจ้าหน้าที่ อปท.', en: 'Advise or train LAO staff' },
  other: { th: 'อื่น ๆ', en: 'Other' },
};

export const fieldVisitSchema = z
  .object({
    ...fiscalRecordShape,
    visitedOn: isoDate(),
    officerId: uuid(),
    purpose: oneOf(VISIT_PURPOSES),
    notes: optionalText(4000),
    /** Record categories the officer entered on the LAO's behalf during the visit. */
    categoriesEntered: z.array(oneOf(RECORD_CATEGORY_KEYS)).default([]),
  })
  .superRefine((v, ctx) => checkInFiscalYear(ctx, 'visitedOn', v.visitedOn, v.fiscalYear));
export type FieldVisit = z.output<typeof fieldVisitSchema>;
