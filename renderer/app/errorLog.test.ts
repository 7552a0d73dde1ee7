import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ErrorReport } from '../../shared/platform/bridge';
import { logError, logRenderError, logUncaughtErrors } from './errorLog';
import { createBrowserPlatform } from '../platform/browser';
import { setPlatformForTesting } from '../platform';

function windowLike() {
  const target = new EventTarget();
  const logged: ErrorReport[] = [];
  const undo = logUncaughtErrors(target as unknown as Window, async (entry) => { logged.push(entry); });
  return { target, logged, undo };
}

const rejection = (reason: unknown) => Object.assign(new Event('unhandledrejection'), { reason });
const uncaught = (error: unknown, message: string) => Object.assign(new Event('error'), { error, message });

describe('errors no code caught go to the log', () => {
  it('an unhandled rejection and an uncaught error are logged with their message and stack', () => {
    const { target, logged } = windowLike();
    const failure = new TypeError('db is closed');
    target.dispatchEvent(rejection(failure));
    target.dispatchEvent(uncaught(new RangeError('bad index'), 'Uncaught RangeError: bad index'));
    expect(logged).toEqual([
      { message: 'unhandled rejection: TypeError: db is closed', stack: failure.stack },
      expect.objectContaining({ message: 'uncaught error: RangeError: bad index' }),
    ]);
  });

  it('an error event without an error object (a script that failed to load) logs its message', () => {
    const { target, logged } = windowLike();
    target.dispatchEvent(uncaught(null, 'Script error.'));
    expect(logged).toEqual([{ message: 'uncaught error: Script error.' }]);
  });

  it('whatever was thrown, the entry is a bounded string, and a log that fails does not throw again', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withBigInt: true }), (reason) => {
      const { target, logged } = windowLike();
      target.dispatchEvent(rejection(reason));
      expect(logged).toHaveLength(1);
      expect(typeof logged[0]!.message).toBe('string');
      expect(logged[0]!.message.length).toBeLessThanOrEqual(4_000);
    }));
    const target = new EventTarget();
    logUncaughtErrors(target as unknown as Window, () => Promise.reject(new Error('disk full')));
    expect(() => target.dispatchEvent(rejection('x'))).not.toThrow();
  });

  it('after the undo nothing more is logged', () => {
    const { target, logged, undo } = windowLike();
    undo();
    target.dispatchEvent(rejection(new Error('late')));
    expect(logged).toEqual([]);
  });
});

describe('a caught failure nobody sees', () => {
  it('goes to the platform log as "context: what was thrown", with its stack', () => {
    const lines: unknown[][] = [];
    setPlatformForTesting(createBrowserPlatform({ console: { error: (...args: unknown[]) => lines.push(args) } as unknown as Console }));
    try {
      const failure = new TypeError('db is closed');
      logError('completion pass failed', failure);
      logError('draft not kept on closing', 'QUOTA_EXCEEDED');
      expect(lines.map((line) => line[0])).toEqual(['[eplan] completion pass failed: TypeError: db is closed', '[eplan] draft not kept on closing: QUOTA_EXCEEDED']);
      expect(lines[0]).toContain(failure.stack);
    } finally {
      setPlatformForTesting(null);
    }
  });

  it('a screen\'s render error goes the same way, with its component stack bounded, whatever was thrown', () => {
    const reports: ErrorReport[] = [];
    setPlatformForTesting({ ...createBrowserPlatform({ console: { error: () => undefined } as unknown as Console }), reportError: async (report) => void reports.push(report) });
    try {
      logRenderError(new Error('x'.repeat(10_000)), `\n    in Page${'\n    in Box'.repeat(5_000)}`);
      logRenderError(Object.create(null), null);
      expect(reports[0]!.message.startsWith('render error: Error: xxx')).toBe(true);
      expect(reports[0]!.message.length).toBeLessThanOrEqual(4_000);
      expect(reports[0]!.componentStack!.length).toBeLessThanOrEqual(20_000);
      expect(reports[1]).toEqual({ message: 'render error: [object Object]' });
    } finally {
      setPlatformForTesting(null);
    }
  });
});
