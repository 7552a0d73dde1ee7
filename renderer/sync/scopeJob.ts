/**
 * A scope's sync run in a Web Worker (scope.worker.ts), as the window starts
 * and follows it: the worker does what `syncScope` does in the window, and
 * reports progress and the outcome as messages. A worker that cannot start
 * (a browser without module workers, a page served where workers are refused)
 * leaves the run to the window, as before: slower to draw, never lost.
 */
import { now } from '../../shared/clock';
import { SyncError, type SyncErrorCode } from './api';
import type { PullOptions, PullProgress } from './pull';

export interface ScopeJob {
  dbName: string;
  baseUrl: string;
  token: string;
  scope: string;
  pageSize?: number;
  /** The window's "now", in ms: the worker's clock runs on from it. */
  now: number;
}

export type ScopeWorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; progress: PullProgress }
  | { type: 'done' }
  | { type: 'failed'; code: SyncErrorCode | null; status: number; serverCode: string | null; message: string };

/** The run was stopped (sign-out, the laptop being cleared): the worker is gone, its last page stored or not at all. */
export class ScopeRunStopped extends Error {
  constructor() {
    super('scope run stopped');
    this.name = 'ScopeRunStopped';
  }
}

export interface WorkerRunOptions extends PullOptions {
  signal?: AbortSignal;
  /** Makes the worker; the app's default is the bundled scope.worker.ts. */
  createWorker?: () => Worker;
}

const defaultWorker = () => new Worker(new URL('./scope.worker.ts', import.meta.url), { type: 'module', name: 'scope-sync' });

/**
 * Runs `syncScope` for one scope in a worker. Resolves when the scope is up to
 * date; rejects with the worker's SyncError (same code, status and server
 * code), or ScopeRunStopped when `signal` aborts. When the worker fails before
 * it has started, the run happens here instead (`fallback`).
 */
export function syncScopeInWorker(
  job: Omit<ScopeJob, 'now'>,
  options: WorkerRunOptions,
  fallback: () => Promise<void>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (options.signal?.aborted) return reject(new ScopeRunStopped());
    let worker: Worker;
    try {
      worker = (options.createWorker ?? defaultWorker)();
    } catch {
      return void fallback().then(resolve, reject);
    }
    let started = false;
    const finish = () => {
      options.signal?.removeEventListener('abort', stop);
      worker.terminate();
    };
    // Terminating mid-page aborts that page's transaction: the stored token still points at it, so the next run resumes there.
    const stop = () => {
      finish();
      reject(new ScopeRunStopped());
    };
    options.signal?.addEventListener('abort', stop, { once: true });
    worker.onmessage = (event: MessageEvent<ScopeWorkerMessage>) => {
      const message = event.data;
      switch (message.type) {
        case 'ready':
          started = true;
          return;
        case 'progress':
          return options.onProgress?.(message.progress);
        case 'done':
          finish();
          return resolve();
        case 'failed':
          finish();
          return reject(message.code === null ? new Error(message.message) : new SyncError(message.code, message.status, message.serverCode));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      if (!started) return void fallback().then(resolve, reject);
      reject(new Error(`scope worker failed: ${event.message}`));
    };
    const { pageSize } = options;
    worker.postMessage({ ...job, ...(pageSize === undefined ? {} : { pageSize }), now: now().getTime() } satisfies ScopeJob);
  });
}
