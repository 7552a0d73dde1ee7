/** Month labels and choices in B.E. for both languages. */
import { useTranslation } from 'react-i18next';
import { fiscalYearOfMonth, monthName, monthsOfFiscalYear, parseIsoDate, toBE } from '../../../shared/calendar/fiscal';

export interface MonthChoice { year: number; month: number; fiscalYear: number; key: string }

export const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

export function parseMonthKey(key: string | null): { year: number; month: number } | undefined {
  const m = key ? /^(\d{4})-(\d{2})$/.exec(key) : null;
  if (!m) return undefined;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : undefined;
}

/** The months of the previous and the current fiscal year, October first. */
export function monthChoices(currentFiscalYear: number): MonthChoice[] {
  return [currentFiscalYear - 1, currentFiscalYear].flatMap((fy) =>
    monthsOfFiscalYear(fy).map(({ year, month }) => ({ year, month, fiscalYear: fiscalYearOfMonth(year, month), key: monthKey(year, month) })),
  );
}

/** 'พฤศจิกายน 2569' / 'November 2569 BE'. */
export function useMonthLabel() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'th';
  return (year: number, month: number, style: 'long' | 'short' = 'long') =>
    `${monthName(month, { locale, style })} ${toBE(year)}${locale === 'en' ? ' BE' : ''}`;
}

export function useLocalName() {
  const { i18n } = useTranslation();
  return (row: { nameTh: string; nameEn: string }) => (i18n.language === 'en' ? row.nameEn : row.nameTh);
}

/** The month a screen shows: `?month=YYYY-MM` in the URL, else today's (Bangkok) month. */
export function selectedMonth(monthParam: string | null, todayIso: string): { year: number; month: number; fiscalYear: number } {
  const today = parseIsoDate(todayIso)!;
  const parsed = parseMonthKey(monthParam);
  const year = parsed?.year ?? today.year;
  const month = parsed?.month ?? today.month;
  return { year, month, fiscalYear: fiscalYearOfMonth(year, month) };
}
