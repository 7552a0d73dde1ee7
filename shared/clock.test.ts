import { afterEach, describe, expect, it } from 'vitest';
import { clockFrom, fixedClock, now, setClock, today, type Clock } from './clock';

describe('the one clock', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('reads whatever clock was set, and setClock gives back a way to put the last one back', () => {
    restore = setClock(fixedClock('2027-09-30T17:30:00Z'));
    expect(now().toISOString()).toBe('2027-09-30T17:30:00.000Z');
    // 00:30 on 1 October in Bangkok: a new fiscal year there, still September in UTC.
    expect(today()).toBe('2027-10-01');
    const inner = setClock(fixedClock('2028-02-29T00:00:00+07:00'));
    expect(today()).toBe('2028-02-29');
    inner();
    expect(today()).toBe('2027-10-01');
  });

  it('clockFrom starts at the given instant and runs at the pace of its base', () => {
    let ms = 1_000_000;
    const base: Clock = { now: () => new Date(ms) };
    const clock = clockFrom('2027-12-31T23:59:59+07:00', base);
    expect(clock.now().toISOString()).toBe('2027-12-31T16:59:59.000Z');
    ms += 2_000;
    expect(clock.now().toISOString()).toBe('2027-12-31T17:00:01.000Z');
  });

  it('refuses an instant that is not one, instead of running on today', () => {
    expect(() => fixedClock('31/12/2570')).toThrow(RangeError);
    expect(() => clockFrom('tomorrow')).toThrow(RangeError);
  });
});
