/**
 * Category 2: the local development plan, its numbered amendments and its projects.
 */
import { z } from 'zod';
import { addIssue, beYear, e, isoDate, oneOf, optionalText, satang, text, typeError, uuid, whenValid } from './common';
import { recordBaseShape } from './record';

export const PLAN_STATUSES = ['draft', 'submitted', 'approved'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Labels as reference data, like LAO_TYPES: forms, lists and workbooks name a status the same. */
export const PLAN_STATUS_LABELS: Record<PlanStatus, { th: string; en: string }> = {
  draft: { th: 'ร่าง', en: 'Draft' },
  submitted: { th: 'ยื่นแผนแล้ว', en: 'Submitted' },
  approved: { th: 'อนุมัติและประกาศใช้แล้ว', en: 'Approved and announced' },
};

export const developmentPlanSchema = z
  .object({
    ...recordBaseShape,
    startYear: beYear(),
    /** Period length is data: 3 years in 2554, 5 since 2561. */
    years: z
      .number({ error: typeError('field.invalidType') })
      .int(e('number.notInteger'))
      .min(1, e('field.tooSmall'))
      .max(10, e('field.tooBig')),
    status: oneOf(PLAN_STATUSES),
    submittedOn: isoDate().nullish(),
    approvedOn: isoDate().nullish(),
  })
  .superRefine((p, ctx) => {
    if (p.status !== 'draft' && !p.submittedOn) addIssue(ctx, 'submittedOn', 'plan.submittedOnRequired');
    if (p.status === 'approved' && !p.approvedOn) addIssue(ctx, 'approvedOn', 'plan.approvedOnRequired');
    if (p.submittedOn && p.approvedOn && p.approvedOn < p.submittedOn) {
      addIssue(ctx, 'approvedOn', 'plan.approvedBeforeSubmitted');
    }
  }, whenValid('status', 'submittedOn', 'approvedOn'));
export type DevelopmentPlan = z.output<typeof developmentPlanSchema>;

/** Last B.E. year covered by a plan. */
export const planEndYear = (plan: { startYear: number; years: number }): number => plan.startYear + plan.years - 1;

export const AMENDMENT_KINDS = ['addition', 'change', 'correction'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

export const AMENDMENT_KIND_LABELS: Record<AmendmentKind, { th: string; en: string }> = {
  addition: { th: 'เพิ่มเติม', en: 'Addition' },
  change: { th: 'เปลี่ยนแปลง', en: 'Change' },
  correction: { th: 'แก้ไข', en: 'Correction' },
};

export const planAmendmentSchema = z.object({
  ...recordBaseShape,
  planId: uuid(),
  number: z
    .number({ error: typeError('field.invalidType') })
    .int(e('number.notInteger'))
    .min(1, e('field.tooSmall')),
  kind: oneOf(AMENDMENT_KINDS),
  /** Absent while the amendment is still in progress. */
  approvedOn: isoDate().nullish(),
  description: optionalText(2000),
});
export type PlanAmendment = z.output<typeof planAmendmentSchema>;

export const projectBudgetSchema = z.object({ year: beYear(), amount: satang() });
export type ProjectBudget = z.output<typeof projectBudgetSchema>;

export const planProjectSchema = z
  .object({
    ...recordBaseShape,
    planId: uuid(),
    strategyCode: text(20),
    approach: text(500),
    name: text(500),
    objective: text(2000),
    target: text(2000),
    budgets: z.array(projectBudgetSchema),
    kpi: text(1000),
    expectedResult: text(2000),
    responsibleUnit: text(300),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<number>();
    p.budgets.forEach((b, i) => {
      if (seen.has(b.year)) addIssue(ctx, `budgets.${i}.year`, 'budget.duplicateYear', { year: b.year });
      seen.add(b.year);
    });
  }, whenValid('budgets'));
export type PlanProject = z.output<typeof planProjectSchema>;
