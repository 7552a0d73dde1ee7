/**
 * An export made before the scope's first download finished says so in its
 * header (issue 15): its figures come from part of the province.
 */
import { fill, type Wording } from './labels';

/** Records downloaded of the records the server counted (null when it did not say). */
export interface PartialData {
  stored: number;
  total: number | null;
}

/** The header fact that marks partial data; none for whole data. */
export function partialDataFacts(w: Wording, partial: PartialData | undefined): Array<[string, string]> {
  if (!partial) return [];
  const number = new Intl.NumberFormat(w.language === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: 0 });
  const stored = number.format(partial.stored);
  const text = partial.total === null
    ? fill(w.labels.partialDataCount, { stored })
    : fill(w.labels.partialData, { stored, total: number.format(Math.max(partial.total, partial.stored)) });
  return [[w.labels.dataNote, text]];
}
