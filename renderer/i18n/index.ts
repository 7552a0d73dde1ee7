import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { getPlatform } from '../platform';
import th from './th.json';
import en from './en.json';
import validationTh from './validation.th.json';
import validationEn from './validation.en.json';
import recordsTh from './records.th.json';
import recordsEn from './records.en.json';
import calendarTh from './calendar.th.json';
import calendarEn from './calendar.en.json';
import completionTh from './completion.th.json';
import completionEn from './completion.en.json';
import exportsTh from './exports.th.json';
import exportsEn from './exports.en.json';
import syncTh from './sync.th.json';
import syncEn from './sync.en.json';
import conflictsTh from './conflicts.th.json';
import conflictsEn from './conflicts.en.json';

export const LANGUAGES = ['th', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'eplan.language';

function initialLanguage(): Language {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'th';
}

void i18next.use(initReactI18next).init({
  resources: {
    // One namespace per area: translation (shell), validation (shared codes),
    // records (data entry), calendar (checklist, matrix, visits), completion (missing items), sync, exports, conflicts.
    th: { translation: th, validation: validationTh, records: recordsTh, calendar: calendarTh, completion: completionTh, sync: syncTh, exports: exportsTh, conflicts: conflictsTh },
    en: { translation: en, validation: validationEn, records: recordsEn, calendar: calendarEn, completion: completionEn, sync: syncEn, exports: exportsEn, conflicts: conflictsEn },
  },
  lng: initialLanguage(),
  fallbackLng: 'th',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The page's lang and the desktop's menus follow the app's language. */
function followLanguage(lng: string): void {
  document.documentElement.lang = lng;
  if (lng === 'th' || lng === 'en') void getPlatform().setLanguage(lng).catch(() => undefined);
}
i18next.on('languageChanged', followLanguage);
followLanguage(i18next.language);

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language);
}

export default i18next;
