import { describe, expect, it } from 'vitest';
import { parseBaht } from '../money';
import { parseThaiDate } from '../calendar/thaiDate';
import { isValidationCode, VALIDATION_CODES } from './codes';

describe('validation codes', () => {
  it('are unique', () => {
    expect(new Set(VALIDATION_CODES).size).toBe(VALIDATION_CODES.length);
  });

  it('cover the codes of the text parsers', () => {
    for (const text of ['x', '1.234', '-1', '1'.repeat(20)]) {
      const r = parseBaht(text);
      if (!r.ok) expect(isValidationCode(r.error.code), r.error.code).toBe(true);
    }
    for (const text of ['x', '31/02/2555', '1/1/1999']) {
      const r = parseThaiDate(text);
      if (!r.ok) expect(isValidationCode(r.error.code), r.error.code).toBe(true);
    }
  });
});
