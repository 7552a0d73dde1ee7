import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './sync/merge';
import { isValidText, JSON_VALUE_LIMITS, jsonValue, jsonValueProblem, TEXT_INVALID, validText } from './text';

// An independent oracle: encodeURIComponent encodes UTF-8 and throws on an unpaired surrogate.
const encodable = (s: string) => {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};
const oracle = (s: string) => !s.includes('\u0000') && encodable(s);

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const tricky = fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\ude00', 'ก', 'a', '\ufffd');

describe('text', () => {
  it('refuses NUL and unpaired surrogates, and nothing else', () => {
    for (const good of ['', 'plain', 'จังหวัดทดสอบ', '😀', '\ud83d\ude00x', '\ufffd', 'a\u0001b']) expect(isValidText(good), good).toBe(true);
    for (const bad of ['\u0000', 'a\u0000', '\ud800', 'x\ud800', '\ud800x', '\udc00', 'a\udc00b', '\ude00\ud83d', '😀\ud800']) expect(isValidText(bad), JSON.stringify(bad)).toBe(false);
  });

  it('agrees with a UTF-8 round trip on any string of code units', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(codeUnit, tricky), { maxLength: 12 }), (units) => {
        const s = units.join('');
        expect(isValidText(s)).toBe(oracle(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('is the first check of the text schema', () => {
    expect(validText().safeParse('a\u0000').error?.issues).toEqual([expect.objectContaining({ code: 'custom', message: TEXT_INVALID })]);
    expect(validText().max(1).safeParse('ab\ud800').error?.issues.map((i) => i.message)).toEqual([TEXT_INVALID]);
    expect(validText().safeParse('ok').success).toBe(true);
  });
});

describe('jsonValue', () => {
  const deep = (n: number): unknown => {
    let value: unknown = 'x';
    for (let i = 0; i < n; i++) value = i % 2 === 0 ? [value] : { a: value };
    return value;
  };

  it('accepts the values records hold', () => {
    for (const value of [null, undefined, 0, -1.5, true, 'text', [], {}, [{ code: '1', name: 'n', approaches: ['a', 'b'] }], { localTaxes: 12 }, deep(JSON_VALUE_LIMITS.depth)]) {
      expect(jsonValueProblem(value)).toBeNull();
      expect(jsonValue().safeParse(value).success).toBe(true);
    }
  });

  it('finds refused text in any string or key, with its path', () => {
    expect(jsonValueProblem({ a: [1, { b: 'x\u0000' }] })).toEqual({ path: ['a', 1, 'b'], message: TEXT_INVALID });
    expect(jsonValueProblem({ a: { 'k\ud800': 1 } })).toEqual({ path: ['a'], message: TEXT_INVALID });
    expect(jsonValue().safeParse(['\udc00']).error?.issues).toEqual([expect.objectContaining({ path: [0], message: TEXT_INVALID })]);
  });

  it('bounds depth, size and text length without recursion', () => {
    expect(jsonValueProblem(deep(JSON_VALUE_LIMITS.depth + 1))?.message).toMatch(/deeper/);
    // Far deeper than the stack: canonicalJson would overflow, the check does not.
    const abyss = deep(200_000);
    expect(() => canonicalJson(abyss)).toThrow(RangeError);
    expect(jsonValueProblem(abyss)?.message).toMatch(/deeper/);
    expect(jsonValueProblem(new Array(JSON_VALUE_LIMITS.nodes).fill(0))?.message).toMatch(/more than/);
    expect(jsonValueProblem(Object.fromEntries(Array.from({ length: JSON_VALUE_LIMITS.nodes }, (_, i) => [`k${i}`, i])))?.message).toMatch(/more than/);
    expect(jsonValueProblem('x'.repeat(JSON_VALUE_LIMITS.textLength + 1))?.message).toMatch(/longer/);
    expect(jsonValueProblem('x'.repeat(JSON_VALUE_LIMITS.textLength))).toBeNull();
  });

  it('lets canonicalJson run on whatever it accepts', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 40 }), (value) => {
        if (jsonValueProblem(value) === null) expect(() => canonicalJson(value)).not.toThrow();
      }),
    );
  });
});
