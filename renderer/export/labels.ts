/** Workbook texts in the chosen language, read from the same i18n files the export screen uses. */
import th from '../i18n/exports.th.json';
import en from '../i18n/exports.en.json';
import type { TaskStatus } from '../../shared/calendar/index';
import { formatDate, toBE } from '../../shared/calendar/fiscal';
import { LAO_TYPES, type LaoType } from '../../shared/domain/reference';

export type WorkbookLanguage = 'th' | 'en';
export type WorkbookLabels = typeof th.workbook;

const RESOURCES: Record<WorkbookLanguage, WorkbookLabels> = { th: th.workbook, en: en.workbook };

/** Replaces {{name}} placeholders, as i18next does. */
export const fill = (text: string, params: Record<string, string | number>): string =>
  text.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => String(params[key] ?? ''));

export class Wording {
  readonly labels: WorkbookLabels;
  constructor(readonly language: WorkbookLanguage) {
    this.labels = RESOURCES[language];
  }

  status(status: TaskStatus): string {
    return this.labels.status[status];
  }

  /** '25 พ.ย. 2569' / '25 Nov 2569 BE'. */
  date(iso: string): string {
    return this.language === 'th' ? formatDate(iso, { locale: 'th' }) : `${formatDate(iso, { locale: 'en', era: 'BE' })} BE`;
  }

  fiscalYear(fy: number): string {
    return this.language === 'th' ? `${fy}` : `${fy} BE (${fy - 544}/${String(fy - 543).slice(-2)})`;
  }

  beYear(gregorian: number): number {
    return toBE(gregorian);
  }

  laoType(type: LaoType, short = false): string {
    const info = LAO_TYPES[type];
    if (this.language === 'th') return short ? info.abbrTh : info.nameTh;
    return short ? info.abbrEn : info.nameEn;
  }

  /** An English name left empty (the registry gives Thai only) is the Thai name, marked (TH). */
  name(row: { nameTh: string; nameEn: string }): string {
    return this.language === 'th' ? row.nameTh : row.nameEn || `${row.nameTh} (TH)`;
  }

  localized(text: { th: string; en: string }): string {
    return text[this.language];
  }
}
