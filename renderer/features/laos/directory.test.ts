import { describe, expect, it } from 'vitest';
import type { TaskStatus } from '../../../shared/calendar/index';
import { monthStatusOf } from './directory';

const r = (status: TaskStatus) => ({ status });

describe('monthStatusOf', () => {
  it('takes the neediest task of the month', () => {
    expect(monthStatusOf({ a: r('complete'), b: r('overdue'), c: r('in_progress') }, ['a', 'b', 'c'])).toBe('overdue');
    expect(monthStatusOf({ a: r('complete'), b: r('not_started'), c: r('in_progress') }, ['a', 'b', 'c'])).toBe('not_started');
    expect(monthStatusOf({ a: r('complete'), b: r('in_progress') }, ['a', 'b'])).toBe('in_progress');
    expect(monthStatusOf({ a: r('not_yet_due'), b: r('in_progress') }, ['a', 'b'])).toBe('in_progress');
  });

  it('is not yet due when a task of the month has not begun and none needs follow-up', () => {
    expect(monthStatusOf({ a: r('complete'), b: r('not_yet_due') }, ['a', 'b'])).toBe('not_yet_due');
    expect(monthStatusOf({ a: r('not_applicable'), b: r('not_yet_due') }, ['a', 'b'])).toBe('not_yet_due');
  });

  it('is complete only when every applicable task is, ignoring other months and tasks that do not apply', () => {
    expect(monthStatusOf({ a: r('complete'), b: r('not_applicable'), later: r('overdue') }, ['a', 'b'])).toBe('complete');
    expect(monthStatusOf({ b: r('not_applicable') }, ['b'])).toBe('not_applicable');
  });

  it('knows nothing before results exist', () => {
    expect(monthStatusOf(undefined, ['a'])).toBeUndefined();
  });
});
