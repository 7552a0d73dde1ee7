/** Number, money and date formatters for a language: plain functions, usable off the UI thread (the export worker). */
import { bangkokDateOf, bangkokTimeOf, fiscalYearOf, formatDate, quarterOf } from '../../shared/calendar/fiscal';
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

export type LabelFormatters = Formatters & { dateTime(iso: string): string; time(iso: string): string };

/** An instant as its Bangkok day and clock time: '25 พ.ย. 2569 14:29'. */
export function bangkokDateTime(iso: string, format: Formatters): string {
  return `${format.date(bangkokDateOf(iso))} ${bangkokTimeOf(iso)}`;
}

/** With Bangkok clock times: '25 พ.ย. 2569 14:29'. */
export function withTimes(format: Formatters): LabelFormatters {
  return { ...format, time: bangkokTimeOf, dateTime: (iso) => bangkokDateTime(iso, format) };
}
