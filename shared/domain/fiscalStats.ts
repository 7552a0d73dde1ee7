/**
 * Category 7: monthly fiscal statistics, revenue and expenditure by category.
 */
import { z } from 'zod';
import { fiscalYearOfMonth } from '../calendar/fiscal';
import { addIssue, e, fiscalYearParams, satang, typeError, whenValid } from './common';
import { fiscalRecordShape } from './record';

export const REVENUE_CATEGORIES = [
  'localTaxes', // taxes the LAO collects itself
  'feesLicencesFines',
  'propertyIncome',
  'utilitiesCommerce',
  'miscellaneous',
  'sharedTaxes', // taxes collected and shared by the state
  'generalSubsidy',
  'specificSubsidy',
] as const;
export type RevenueCategory = (typeof REVENUE_CATEGORIES)[number];

export const EXPENDITURE_CATEGORIES = ['centralFund', 'personnel', 'operating', 'investment', 'subsidies', 'other'] as const;
export type ExpenditureCategory = (typeof EXPENDITURE_CATEGORIES)[number];

/** Labels as reference data, like LAO_TYPES, so exports and UI name categories the same. */
export const REVENUE_CATEGORY_LABELS: Record<RevenueCategory, { th: string; en: string }> = {
  localTaxes: { th: 'ภาษีอากรที่จัดเก็บเอง', en: 'Locally collected taxes' },
  feesLicencesFines: { th: 'ค่าธรรมเนียม ค่าปรับ และใบอนุญาต', en: 'Fees, licences and fines' },
  propertyIncome: { th: 'รายได้จากทรัพย์สิน', en: 'Property income' },
  utilitiesCommerce: { th: 'รายได้จากสาธารณูปโภคและการพาณิชย์', en: 'Utilities and commerce' },
  miscellaneous: { th: 'รายได้เบ็ดเตล็ด', en: 'Miscellaneous revenue' },
  sharedTaxes: { th: 'ภาษีที่รัฐบาลจัดเก็บและจัดสรรให้', en: 'Taxes shared by the state' },
  generalSubsidy: { th: 'เงินอุดหนุนทั่วไป', en: 'General subsidy' },
  specificSubsidy: { th: 'เงินอุดหนุนเฉพาะกิจ', en: 'Specific-purpose subsidy' },
};

export const EXPENDITURE_CATEGORY_LABELS: Record<ExpenditureCategory, { th: string; en: string }> = {
  centralFund: { th: 'งบกลาง', en: 'Central fund' },
  personnel: { th: 'งบบุคลากร', en: 'Personnel' },
  operating: { th: 'งบดำเนินงาน', en: 'Operating' },
  investment: { th: 'งบลงทุน', en: 'Investment' },
  subsidies: { th: 'งบเงินอุดหนุน', en: 'Subsidies' },
  other: { th: 'งบรายจ่ายอื่น', en: 'Other expenditure' },
};

const byCategory = <T extends readonly string[]>(categories: T) =>
  z.object(Object.fromEntries(categories.map((c) => [c, satang()])) as { [K in T[number]]: ReturnType<typeof satang> });

export const fiscalStatsSchema = z
  .object({
    ...fiscalRecordShape,
    year: z
      .number({ error: typeError('field.invalidType') })
      .int(e('number.notInteger'))
      .min(1857, e('field.tooSmall'))
      .max(2157, e('field.tooBig')),
    month: z
      .number({ error: typeError('month.invalid') })
      .int(e('month.invalid'))
      .min(1, e('month.invalid'))
      .max(12, e('month.invalid')),
    revenue: byCategory(REVENUE_CATEGORIES),
    expenditure: byCategory(EXPENDITURE_CATEGORIES),
  })
  .superRefine((s, ctx) => {
    if (fiscalYearOfMonth(s.year, s.month) !== s.fiscalYear) {
      addIssue(ctx, 'month', 'fiscalStats.monthOutsideFiscalYear', fiscalYearParams(s.fiscalYear));
    }
  }, whenValid('fiscalYear', 'year', 'month'));
export type FiscalStats = z.output<typeof fiscalStatsSchema>;
