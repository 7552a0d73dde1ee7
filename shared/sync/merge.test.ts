import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, mergeFields, sameValue } from './merge';

describe('mergeFields', () => {
  it('applies fields the server has not changed since the base', () => {
    const merged = mergeFields({ amount: 100 }, { amount: 100, paidOn: '2025-01-01' }, { amount: 200 });
    expect(merged).toEqual({ apply: { amount: 200 }, same: [], conflicts: {} });
  });

  it('treats both sides setting the same value as no conflict', () => {
    const merged = mergeFields({ amount: 100 }, { amount: 200 }, { amount: 200 });
    expect(merged).toEqual({ apply: {}, same: ['amount'], conflicts: {} });
  });

  it('keeps the server value and reports a conflict when both changed differently', () => {
    const merged = mergeFields({ amount: 100, note: 'a' }, { amount: 150, note: 'a' }, { amount: 200, note: 'b' });
    expect(merged.apply).toEqual({ note: 'b' });
    expect(merged.conflicts).toEqual({ amount: { base: 100, server: 150, client: 200 } });
  });

  it('compares nested values by content, null equal to absent', () => {
    expect(sameValue({ a: [1, { b: 2, c: 3 }] }, { a: [1, { c: 3, b: 2 }] })).toBe(true);
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    const merged = mergeFields({ contractId: null }, {}, { contractId: 'x' });
    expect(merged.apply).toEqual({ contractId: 'x' });
  });
});

const json = fc.jsonValue({ maxDepth: 2 });
const fields = fc.constantFrom('a', 'b', 'c', 'd');
const values = fc.dictionary(fields, json);

describe('mergeFields properties', () => {
  it('partitions the client fields and never overwrites a server change silently', () => {
    fc.assert(
      fc.property(values, values, values, (base, server, client) => {
        const merged = mergeFields(base, server, client);
        const touched = [...Object.keys(merged.apply), ...merged.same, ...Object.keys(merged.conflicts)];
        expect(touched.sort()).toEqual(Object.keys(client).sort());
        for (const field of Object.keys(merged.apply)) expect(sameValue(server[field], base[field])).toBe(true);
        for (const [field, c] of Object.entries(merged.conflicts)) {
          expect(sameValue(c.server, server[field])).toBe(true);
          expect(sameValue(c.server, c.base)).toBe(false);
          expect(sameValue(c.server, c.client)).toBe(false);
        }
      }),
      { seed: 20250901, numRuns: 500 },
    );
  });

  it('is a no-op when the server is the base (fast-forward) and when client equals server', () => {
    fc.assert(
      fc.property(values, values, (base, client) => {
        const forward = mergeFields(base, base, client);
        expect(Object.keys(forward.conflicts)).toEqual([]);
        const after = { ...base, ...forward.apply };
        for (const field of Object.keys(client)) expect(sameValue(after[field], client[field])).toBe(true);
        const settled = mergeFields(base, { ...base, ...client }, client);
        expect(settled.apply).toEqual({});
        expect(settled.conflicts).toEqual({});
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('is idempotent: merging the result again changes nothing', () => {
    fc.assert(
      fc.property(values, values, values, (base, server, client) => {
        const first = mergeFields(base, server, client);
        const next = { ...server, ...first.apply };
        const second = mergeFields(base, next, client);
        expect(second.apply).toEqual({});
        expect(Object.keys(second.conflicts).sort()).toEqual(Object.keys(first.conflicts).sort());
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('canonical JSON is key-order independent', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});
