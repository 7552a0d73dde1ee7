import { describe, expect, it } from 'vitest';
import { INVALID_TEXT, TEXT_INVALID } from '../text';
import { decodeSnapshotToken, encodeSnapshotToken } from './cursor';
import { loginRequestSchema, mutationSchema, pullQuerySchema, snapshotQuerySchema } from './protocol';

const versions = { protocolVersion: '1', schemaVersion: '1' };
const mutation = {
  mutationId: '0190c4e2-0000-7000-8000-000000000abc',
  seq: 1,
  table: 'visions',
  recordId: '0190c4e2-0000-7000-8000-000000000001',
  op: 'upsert',
  baseVersion: 0,
  changes: { vision: { old: null, new: 'v' } },
  author: 'someone',
  clientTime: '2026-01-15T03:00:00.000Z',
};

describe('protocol schemas', () => {
  it('read query numbers from decimal digits only', () => {
    expect(pullQuerySchema.parse({ ...versions, scope: '99', cursor: '12', limit: '5' })).toMatchObject({ cursor: 12, limit: 5, protocolVersion: 1 });
    expect(pullQuerySchema.parse({ protocolVersion: 1, schemaVersion: 1, scope: '99', cursor: 0 })).toMatchObject({ cursor: 0, limit: 1000 });
    for (const cursor of ['', ' 1', '1.5', '1e3', '0x1', '+1', '-1', ['1'], null, true, [], {}, 1.5, '99999999999999999']) {
      expect(pullQuerySchema.safeParse({ ...versions, scope: '99', cursor }).success, JSON.stringify(cursor)).toBe(false);
    }
    for (const fiscalYear of ['', 'null', true, []]) {
      expect(snapshotQuerySchema.safeParse({ ...versions, scope: '99', fiscalYear }).success, JSON.stringify(fiscalYear)).toBe(false);
    }
    expect(snapshotQuerySchema.parse({ ...versions, scope: '99' })).toMatchObject({ limit: 1000 });
    expect(snapshotQuerySchema.parse({ ...versions, scope: '99' }).fiscalYear).toBeUndefined();
  });

  it('refuse NUL and lone surrogates in every string of a mutation and a login', () => {
    expect(mutationSchema.safeParse(mutation).success).toBe(true);
    const bad = [
      { ...mutation, author: 'a\u0000' },
      { ...mutation, clientTime: '\ud800' },
      { ...mutation, changes: { vision: { old: null, new: 'v\udc00' } } },
      { ...mutation, changes: { vision: { old: [{ a: '\u0000' }], new: 'v' } } },
    ];
    for (const input of bad) expect(mutationSchema.safeParse(input).error?.issues.map((i) => i.message), JSON.stringify(input)).toContain(TEXT_INVALID);
    const login = { username: 'officer', password: 'secret', deviceId: 'device-0001', deviceName: 'laptop' };
    expect(loginRequestSchema.safeParse(login).success).toBe(true);
    for (const field of ['username', 'password', 'deviceName'] as const) {
      expect(loginRequestSchema.safeParse({ ...login, [field]: 'x\u0000' }).error?.issues.map((i) => i.message), field).toEqual([TEXT_INVALID]);
    }
    expect(INVALID_TEXT).toBe('INVALID_TEXT');
  });

  it('take ids and field names only in their own shapes', () => {
    for (const mutationId of ['', 'a b', 'a/b', 'x'.repeat(101), 'ก']) expect(mutationSchema.safeParse({ ...mutation, mutationId }).success, mutationId).toBe(false);
    for (const field of ['', '1a', 'a.b', 'a-b', 'x'.repeat(101)]) {
      expect(mutationSchema.safeParse({ ...mutation, changes: { [field]: { old: null, new: 1 } } }).success, field).toBe(false);
    }
    expect(mutationSchema.safeParse({ ...mutation, mutationId: 'm-1', changes: { fiscalYear: { old: null, new: 2569 }, _x: { old: 1, new: 2 } } }).success).toBe(true);
  });
});

describe('snapshot tokens', () => {
  it('decode only what encode makes', () => {
    const position = { rank: 3, id: '0190c4e2-0000-7000-8000-000000000001' };
    expect(decodeSnapshotToken(encodeSnapshotToken(position))).toEqual(position);
    for (const token of ['0.------------------------------------', `0.${'0'.repeat(36)}`, '0.0190c4e2-0000-7000-8000-00000000000g', '0.0190C4E2-0000-7000-8000-000000000001', '1234567.0190c4e2-0000-7000-8000-000000000001', '0.0190c4e2-0000-7000-8000-000000000001\u0000', '']) {
      expect(decodeSnapshotToken(token), token).toBeNull();
    }
  });
});
