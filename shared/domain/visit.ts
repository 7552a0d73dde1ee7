/**
 * An officer's field visit to an LAO (issue: work calendar, field visit log).
 */
import { z } from 'zod';
import { checkInFiscalYear, isoDate, oneOf, optionalText, uuid, whenValid } from './common';
import { fiscalRecordShape } from './record';
import { RECORD_CATEGORY_KEYS } from './tables';
import { issue, type ValidationIssue } from '../result';
import type { UserRole } from './reference';

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
  .superRefine((v, ctx) => checkInFiscalYear(ctx, 'visitedOn', v.visitedOn, v.fiscalYear), whenValid('fiscalYear', 'visitedOn'));
export type FieldVisit = z.output<typeof fieldVisitSchema>;

/**
 * An officer logs their own visits: the visit's officer is the one who writes
 * it, and a visit already logged stays its officer's (no one else edits,
 * deletes or takes it over). Only an administrator may record or correct a
 * visit for another officer. Supervisors write no records at all
 * (shared/auth/access.ts).
 */
export function visitWriterIssues(
  visit: { officerId: string },
  writer: { id: string; role?: UserRole | undefined },
  before?: { officerId?: string | undefined },
): ValidationIssue[] {
  if (writer.role === 'admin') return [];
  const ownsBefore = before === undefined || before.officerId === writer.id;
  return ownsBefore && visit.officerId === writer.id ? [] : [issue('officerId', 'visit.notYours')];
}
