import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { makeFormatters, type Formatters } from './formatters';

export { makeFormatters, withTimes, type Formatters, type LabelFormatters } from './formatters';

/** Formatters for the current UI language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => makeFormatters(i18n.language), [i18n.language]);
}
