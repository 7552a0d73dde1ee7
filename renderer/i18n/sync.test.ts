import { describe, expect, it } from 'vitest';
import th from './sync.th.json';
import en from './sync.en.json';
import { REJECT_CODES } from '../../shared/sync/protocol';
import { SYNC_ERROR_CODES } from '../sync/api';

const keys = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];


describe('sync messages', () => {
  it('have the same keys in Thai and English', () => {
    expect(keys(th).sort()).toEqual(keys(en).sort());
  });
  it('translate every sync error and every reject code', () => {
    for (const code of SYNC_ERROR_CODES) expect(th.error[code], code).toBeTruthy();
    for (const code of REJECT_CODES) expect(th.rejectCode[code], code).toBeTruthy();
  });
});
