import { useTranslation } from 'react-i18next';
import { makeFormatters, type Formatters } from './formatters';

export { bangkokDateTime, makeFormatters, withTimes, type Formatters, type LabelFormatters } from './formatters';

/** One set per language for the whole window: building Intl formatters per component (hundreds of list rows) is slow. */
const byLanguage = new Map<string, Formatters>();

/** Formatters for the current UI language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.language;
  let format = byLanguage.get(language);
  if (!format) byLanguage.set(language, (format = makeFormatters(language)));
  return format;
}
