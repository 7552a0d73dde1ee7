/**
 * The one clock. The app, the demo generator and the server read "now" here,
 * never from `new Date()` directly, so a test (or an operator rehearsing a
 * date) fixes it in one place. Pure: no I/O, only the process's own state.
 */
import { bangkokDateOf } from './calendar/isoDate';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Always the same instant. */
export function fixedClock(at: Date | string): Clock {
  const ms = instantOf(at);
  return { now: () => new Date(ms) };
}

/** Starts at `start` and runs at the pace of `base`: a server rehearsing another date. */
export function clockFrom(start: Date | string, base: Clock = systemClock): Clock {
  const offset = instantOf(start) - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offset) };
}

let current: Clock = systemClock;

/** Replaces the clock; returns a function that puts the previous one back. */
export function setClock(next: Clock): () => void {
  const previous = current;
  current = next;
  return () => {
    current = previous;
  };
}

/** The current instant. */
export const now = (): Date => current.now();

/** Today as an ISO date on the Asia/Bangkok calendar. */
export const today = (): string => bangkokDateOf(current.now());

function instantOf(at: Date | string): number {
  const ms = at instanceof Date ? at.getTime() : Date.parse(at);
  if (Number.isNaN(ms)) throw new RangeError(`not a valid instant: ${String(at)}`);
  return ms;
}
