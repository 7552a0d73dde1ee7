import { describe, expect, it } from 'vitest';
import th from '../../i18n/exports.th.json';
import en from '../../i18n/exports.en.json';
import type { RegistryIssueCode } from '../../../shared/export/registryCsv';

const CODES: RegistryIssueCode[] = ['registry.missingColumn', 'registry.rowTooShort', 'registry.unknownType', 'registry.badCode', 'registry.conflict', 'registry.invalid', 'registry.empty'];

describe('registry import messages', () => {
  it('translates every issue code in Thai and English', () => {
    for (const code of CODES) {
      expect((th.registry.issue as Record<string, string>)[code], code).toBeTruthy();
      expect((en.registry.issue as Record<string, string>)[code], code).toBeTruthy();
    }
  });

  it('has the same keys in both languages (English plural forms count as one key; Thai has none)', () => {
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as object, `${p}${k}.`) : [`${p}${k}`]));
    const base = (list: string[]) => [...new Set(list.map((key) => key.replace(/_(one|other)$/, '')))].sort();
    expect(base(keys(en))).toEqual(base(keys(th)));
  });
});
