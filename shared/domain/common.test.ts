import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionalText, parseWith, provinceCode, text, uuid } from './common';
import { validateRecord } from './index';
import { fixtureRecord } from './fixtures';

describe('parseWith', () => {
  it('maps zod issues without our codes to generic coded issues with params', () => {
    const schema = z.object({
      list: z.array(z.string()).min(2),
      name: z.string().max(3),
      pick: z.enum(['a', 'b']),
      nested: z.object({ n: z.number().min(5) }),
    });
    const r = parseWith(schema, { list: ['x'], name: 'long', pick: 'c', nested: { n: 1 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual([
      { path: 'list', code: 'field.tooFew', params: { min: 2 } },
      { path: 'name', code: 'field.tooLong', params: { max: 3 } },
      { path: 'pick', code: 'field.invalidOption', params: { options: 'a, b' } },
      { path: 'nested.n', code: 'field.tooSmall', params: { min: 5 } },
    ]);
    expect(parseWith(schema, null)).toEqual({ ok: false, error: [{ path: '', code: 'field.required' }] });
  });

  it('trims text and treats blank optional text as absent', () => {
    expect(parseWith(text(), '  a  ')).toEqual({ ok: true, value: 'a' });
    expect(parseWith(optionalText(), '   ')).toEqual({ ok: true, value: null });
    expect(parseWith(optionalText(), undefined)).toEqual({ ok: true, value: undefined });
  });
});

describe('text fields', () => {
  it('refuse NUL and lone surrogates with text.invalid, before any other check', () => {
    for (const schema of [text(3), optionalText(3), provinceCode(), uuid()]) {
      for (const bad of ['a\u0000', '\ud800', 'b\udc00c', 'long text\u0000']) {
        expect(parseWith(schema, bad), JSON.stringify(bad)).toEqual({ ok: false, error: [{ path: '', code: 'text.invalid' }] });
      }
    }
  });

  it('show on the field of a record an officer typed or pasted', () => {
    const vision = { ...fixtureRecord('visions'), vision: 'วิสัยทัศน์\u0000', missions: ['ok', 'half \ud83d'] };
    const checked = validateRecord('visions', vision, {});
    expect(checked.ok ? [] : checked.error).toEqual([
      { path: 'vision', code: 'text.invalid' },
      { path: 'missions.1', code: 'text.invalid' },
    ]);
  });
});
