import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hash32, IdFactory, Rng } from './prng';

describe('Rng', () => {
  it('is deterministic and in range', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const xs = Array.from({ length: 1000 }, () => a.int(3, 7));
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.int(3, 7)));
    expect(Math.min(...xs)).toBe(3);
    expect(Math.max(...xs)).toBe(7);
    expect(new Rng(1).next()).not.toBe(new Rng(2).next());
    expect(hash32('demo')).toBe(hash32('demo'));
  });

  it('forks independent streams', () => {
    const r = new Rng(7);
    expect(r.fork('a').next()).toBe(new Rng(7).fork('a').next());
    expect(r.fork('a').next()).not.toBe(r.fork('b').next());
  });
});

describe('IdFactory', () => {
  it('makes unique valid UUIDv7 strings', () => {
    const base = Date.parse('2026-11-25T00:00:00Z');
    const ids = new Set<string>();
    for (const stream of [0, 1, 2]) {
      const f = new IdFactory(new Rng(stream), base, stream);
      for (let i = 0; i < 5000; i++) ids.add(f.next());
    }
    expect(ids.size).toBe(15000);
    for (const id of [...ids].slice(0, 50)) expect(z.uuid().safeParse(id).success).toBe(true);
    expect([...ids][0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
