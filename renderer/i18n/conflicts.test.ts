import { describe, expect, it } from 'vitest';
import th from './conflicts.th.json';
import en from './conflicts.en.json';
import exportsTh from './exports.th.json';
import exportsEn from './exports.en.json';
import { RESOLVE_ERROR_CODES } from '../sync/conflictResolution';

const keys = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];
// English has plural forms (_one, _other) where Thai has one.
const unplural = (list: string[]) => [...new Set(list.map((key) => key.replace(/_(one|other)$/, '')))].sort();

describe('conflict and import messages', () => {
  it('have the same keys in Thai and English', () => {
    expect(keys(th).sort()).toEqual(keys(en).sort());
    expect(unplural(keys(exportsTh))).toEqual(unplural(keys(exportsEn)));
  });

  it("name every reason a conflict's choice cannot be applied (a write's own are the form's messages)", () => {
    for (const code of [...RESOLVE_ERROR_CODES, 'VALIDATION_FAILED'] as const) {
      expect(th.error[code], code).toBeTruthy();
      expect(en.error[code], code).toBeTruthy();
    }
  });

  it('say why an import could not be stored in words, not a code', () => {
    for (const messages of [exportsTh, exportsEn]) {
      expect(messages.registry.storageRefused).toMatch(/\p{L}{3}/u);
      expect(messages.registry.unexpected).toMatch(/\p{L}{3}/u);
    }
  });
});
