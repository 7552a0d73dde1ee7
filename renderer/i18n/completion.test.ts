import { describe, expect, it } from 'vitest';
import th from './completion.th.json';
import en from './completion.en.json';
import { COMPLETION_CODE_PARAMS, COMPLETION_CODES } from '../../shared/calendar/completionCodes';
import { TEMPLATE_CODES } from '../../shared/calendar/template';

// Keeps the translations complete for every code the completion rules and template validation emit.
const PLACEHOLDER = /\{\{(\w+)\}\}/g;
const placeholders = (s: string) => [...new Set([...s.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
const CODES = [...COMPLETION_CODES, ...TEMPLATE_CODES];
const declared = (code: string): readonly string[] => (COMPLETION_CODE_PARAMS as Record<string, readonly string[]>)[code] ?? [];
/** Params formatted per language ('monthTh' / 'monthEn') count as one. */
const neutral = (names: string[], suffix: 'Th' | 'En') => names.map((n) => (n.endsWith(suffix) ? n.slice(0, -2) : n)).sort();

describe('completion messages', () => {
  it.each([['th', th as Record<string, string>], ['en', en as Record<string, string>]])(
    'all have a %s message and nothing else does',
    (_lang, messages) => {
      expect(Object.keys(messages).sort()).toEqual([...CODES].sort());
      for (const code of CODES) expect(messages[code]?.trim(), code).toBeTruthy();
    },
  );

  it('use only the params their code carries, each language its own formatted ones', () => {
    for (const code of CODES) {
      const thUsed = placeholders((th as Record<string, string>)[code] ?? '');
      const enUsed = placeholders((en as Record<string, string>)[code] ?? '');
      for (const p of thUsed) expect(declared(code), `${code} th {{${p}}}`).toContain(p);
      for (const p of enUsed) expect(declared(code), `${code} en {{${p}}}`).toContain(p);
      expect(thUsed.filter((p) => p.endsWith('En')), code).toEqual([]);
      expect(enUsed.filter((p) => p.endsWith('Th')), code).toEqual([]);
      expect(neutral(thUsed, 'Th'), code).toEqual(neutral(enUsed, 'En'));
    }
  });

  it('name what to fix: every code with params uses at least one', () => {
    for (const code of COMPLETION_CODES) {
      if (declared(code).length) expect(placeholders((th as Record<string, string>)[code]!).length, code).toBeGreaterThan(0);
    }
  });
});
