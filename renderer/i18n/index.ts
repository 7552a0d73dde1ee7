import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import th from './th.json';
import en from './en.json';
import validationTh from './validation.th.json';
import validationEn from './validation.en.json';

export const LANGUAGES = ['th', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'eplan.language';

function initialLanguage(): Language {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'th';
}

void i18next.use(initReactI18next).init({
  resources: {
    th: { translation: th, validation: validationTh },
    en: { translation: en, validation: validationEn },
  },
  lng: initialLanguage(),
  fallbackLng: 'th',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18next.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});
document.documentElement.lang = i18next.language;

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language);
}

export default i18next;
