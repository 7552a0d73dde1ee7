import { describe, expect, it } from 'vitest';
import th from './validation.th.json';
import en from './validation.en.json';
import { VALIDATION_CODES } from '../../shared/domain/codes';

// Keeps the translations complete for every code shared/ can emit.
const PLACEHOLDER = /\{\{(\w+)\}\}/g;
const placeholders = (s: string) => [...s.matchAll(PLACEHOLDER)].map((m) => m[1]).sort();

describe('validation messages', () => {
  it.each([['th', th as Record<string, string>], ['en', en as Record<string, string>]])(
    'all have a %s message and nothing else does',
    (_lang, messages) => {
      expect(Object.keys(messages).sort()).toEqual([...VALIDATION_CODES].sort());
      for (const code of VALIDATION_CODES) expect(messages[code]?.trim(), code).toBeTruthy();
    },
  );

  it('use the same placeholders in both languages', () => {
    const thMessages = th as Record<string, string>;
    const enMessages = en as Record<string, string>;
    for (const code of VALIDATION_CODES) {
      expect(placeholders(thMessages[code] ?? ''), code).toEqual(placeholders(enMessages[code] ?? ''));
    }
  });

});
