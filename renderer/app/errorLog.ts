/**
 * Errors that no code caught (a promise nobody waited for, a throw in a timer)
 * go to the same log as a screen's render error (ErrorBoundary.tsx): the
 * desktop's log file (main/log.ts), the console in the browser. Without this
 * they reached only the developer tools, which an officer never opens, and
 * support had nothing to read.
 */
import type { ErrorReport } from '../../shared/platform/bridge';
import { getPlatform } from '../platform';

type Target = Pick<Window, 'addEventListener' | 'removeEventListener'>;

const LIMIT = { message: 4_000, stack: 20_000 };

/** Anything thrown as text, including what String() refuses (an object without a prototype). */
export function textOf(reason: unknown): string {
  try {
    return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  } catch {
    return Object.prototype.toString.call(reason);
  }
}

function reportOf(prefix: string, reason: unknown): ErrorReport {
  const message = textOf(reason);
  const stack = reason instanceof Error ? reason.stack : undefined;
  return { message: `${prefix}: ${message}`.slice(0, LIMIT.message), ...(stack ? { stack: stack.slice(0, LIMIT.stack) } : {}) };
}

/**
 * Writes a failure that code caught but nobody sees (a pass nobody waited
 * for, a draft not kept on closing) to the app's error log, as
 * "context: what was thrown"; a log that cannot be written is let go.
 */
export function logError(context: string, reason: unknown): void {
  void getPlatform().reportError(reportOf(context, reason)).catch(() => undefined);
}

/** A screen's render error (ErrorBoundary.tsx), with the components it was in, bounded like a stack. */
export function logRenderError(error: unknown, componentStack: string | null | undefined): void {
  const report = reportOf('render error', error);
  void getPlatform().reportError(componentStack ? { ...report, componentStack: componentStack.slice(0, LIMIT.stack) } : report).catch(() => undefined);
}

/** Logs every uncaught error and unhandled rejection of `target` (the window) with `report`; returns the undo. */
export function logUncaughtErrors(target: Target, report: (entry: ErrorReport) => Promise<void>): () => void {
  const send = (entry: ErrorReport) => void report(entry).catch(() => undefined);
  const onError = (event: Event) => {
    const { error, message } = event as ErrorEvent;
    send(reportOf('uncaught error', error ?? message));
  };
  const onRejection = (event: Event) => send(reportOf('unhandled rejection', (event as PromiseRejectionEvent).reason));
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
