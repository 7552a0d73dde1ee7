import { describe, expect, it } from 'vitest';
import th from '../../i18n/conflicts.th.json';
import en from '../../i18n/conflicts.en.json';
import { CONFLICT_KINDS } from '../../../shared/sync/protocol';

const keys = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];

describe('conflict screen messages', () => {
  it('have the same keys in Thai and English', () => {
    expect(keys(th).sort()).toEqual(keys(en).sort());
  });
  it('name every kind of conflict and every way a resolution can fail', () => {
    for (const kind of CONFLICT_KINDS) expect(th.kind[kind], kind).toBeTruthy();
    for (const code of ['RECORD_MISSING', 'KIND_MISMATCH', 'VALIDATION_FAILED', 'QUOTA_EXCEEDED', 'NOT_FOUND', 'WRITE_FAILED'] as const) {
      expect(th.error[code], code).toBeTruthy();
    }
  });
});
