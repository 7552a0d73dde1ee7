import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { bangkokDateOf, fiscalYearOf, formatDate, quarterOf } from '../../shared/calendar/fiscal';
import { formatBahtWithUnit, type Satang } from '../../shared/money';
import { now } from '../../shared/clock';

export interface Formatters {
  /** '1 ต.ค. 2553' in Thai; '1 Oct 2553 BE' in English (fiscal years are B.E. in both languages). */
  date(isoDate: string): string;
  baht(satang: Satang): string;
  integer(value: number): string;
  bytes(value: number): string;
  today(): { iso: string; fiscalYear: number; quarter: number };
}

export function makeFormatters(language: string, clock: () => Date = now): Formatters {
  const locale = language === 'en' ? 'en' : 'th';
  const integer = new Intl.NumberFormat(locale === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 0 });
  return {
    date: (iso) => (locale === 'th' ? formatDate(iso, { locale }) : `${formatDate(iso, { locale, era: 'BE' })} BE`),
    baht: (satang) => formatBahtWithUnit(satang, locale),
    integer: (value) => integer.format(value),
    bytes: (value) => {
      const units = ['B', 'KB', 'MB', 'GB', 'TB'];
      let size = value;
      let unit = 0;
      while (size >= 1024 && unit < units.length - 1) {
        size /= 1024;
        unit += 1;
      }
      return `${size.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
    },
    today: () => {
      const now = clock();
      return { iso: bangkokDateOf(now), fiscalYear: fiscalYearOf(now), quarter: quarterOf(now).quarter };
    },
  };
}

/** Formatters for the current UI language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => makeFormatters(i18n.language), [i18n.language]);
}
