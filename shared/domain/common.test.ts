import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionalText, parseWith, text } from './common';

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
