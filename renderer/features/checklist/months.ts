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

/** Fiscal years once each, newest first, as the pickers list them. */
export const newestFirst = (fiscalYears: Iterable<number>): number[] => [...new Set(fiscalYears)].sort((a, b) => b - a);

/** The months of the given fiscal years: the newest year first, each year's months from October to September. */
export function monthChoices(fiscalYears: Iterable<number>): MonthChoice[] {
  return newestFirst(fiscalYears).flatMap((fy) =>
    monthsOfFiscalYear(fy).map(({ year, month }) => ({ year, month, fiscalYear: fiscalYearOfMonth(year, month), key: monthKey(year, month) })),
  );
}

/** 'พฤศจิกายน 2569' / 'November 2569 BE' (year Gregorian in, B.E. out). */
export function monthLabel(year: number, month: number, locale: 'th' | 'en', style: 'long' | 'short' = 'long'): string {
  return `${monthName(month, { locale, style })} ${toBE(year)}${locale === 'en' ? ' BE' : ''}`;
}

/** monthLabel in the interface's language. */
export function useMonthLabel() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'th';
  return (year: number, month: number, style: 'long' | 'short' = 'long') => monthLabel(year, month, locale, style);
}

export function useLocalName() {
  const { i18n } = useTranslation();
  return (row: { nameTh: string; nameEn: string }) => localName(row, i18n.language);
}

/** A name in the language shown; a name the registry gave in Thai only shows in Thai in English too, marked (TH), rather than blank. */
export function localName(row: { nameTh: string; nameEn: string }, language: string): string {
  return language === 'en' ? row.nameEn || `${row.nameTh} (TH)` : row.nameTh;
}

/** The month a screen shows: `?month=YYYY-MM` in the URL, else today's (Bangkok) month. */
export function selectedMonth(monthParam: string | null, todayIso: string): { year: number; month: number; fiscalYear: number } {
  const today = parseIsoDate(todayIso)!;
  const parsed = parseMonthKey(monthParam);
  const year = parsed?.year ?? today.year;
  const month = parsed?.month ?? today.month;
  return { year, month, fiscalYear: fiscalYearOfMonth(year, month) };
}
