/**
 * The window's side of a scope's download in a Web Worker: what it sends,
 * how it reads the worker's messages, stopping, and the run left to the
 * window when no worker starts. The worker itself runs in a real browser
 * (e2e/supervisor-first-download-interrupted-resumes.spec.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock, setClock } from '../../shared/clock';
import { SyncError } from './api';
import { ScopeRunStopped, syncScopeInWorker, type ScopeJob, type ScopeWorkerMessage } from './scopeJob';
import type { PullProgress } from './pull';

/** A worker that records what it was sent; the test speaks for the worker's side. */
class FakeWorker {
  sent: unknown[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<ScopeWorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: unknown) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  say(message: ScopeWorkerMessage) {
    this.onmessage?.({ data: message } as MessageEvent<ScopeWorkerMessage>);
  }
  crash(message: string) {
    this.onerror?.({ message, preventDefault: () => {} } as ErrorEvent);
  }
}

const JOB = { dbName: 'eplan-test', baseUrl: 'https://sync.example', token: 'token-1', scope: '50' };
const AT = '2027-03-15T03:00:00.000Z';

let restoreClock: (() => void) | undefined;
afterEach(() => restoreClock?.());

function start(options: { signal?: AbortSignal; pageSize?: number; onProgress?: (p: PullProgress) => void } = {}, fallback = vi.fn(async () => {})) {
  restoreClock = setClock(fixedClock(AT));
  const worker = new FakeWorker();
  const run = syncScopeInWorker(JOB, { ...options, createWorker: () => worker as unknown as Worker }, fallback);
  return { worker, run, fallback };
}

describe('a scope download in a worker', () => {
  it('sends the job with the window clock\'s instant, relays progress and ends the worker when done', async () => {
    const progress: PullProgress[] = [];
    const { worker, run, fallback } = start({ pageSize: 500, onProgress: (p) => progress.push(p) });
    expect(worker.sent).toEqual([{ ...JOB, pageSize: 500, now: Date.parse(AT) } satisfies ScopeJob]);
    worker.say({ type: 'ready' });
    const step = { snapshotRows: 500, stored: 500, total: 1200, resumed: false };
    worker.say({ type: 'progress', progress: step });
    expect(progress).toEqual([step]);
    expect(worker.terminated).toBe(false);
    worker.say({ type: 'done' });
    await expect(run).resolves.toBeUndefined();
    expect(worker.terminated).toBe(true);
    expect(fallback).not.toHaveBeenCalled();
  });

  it('rejects with the worker\'s SyncError, code, status and server code kept', async () => {
    const { worker, run } = start();
    worker.say({ type: 'ready' });
    worker.say({ type: 'failed', code: 'FORBIDDEN', status: 403, serverCode: 'SCOPE_FORBIDDEN', message: 'FORBIDDEN' });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', status: 403, serverCode: 'SCOPE_FORBIDDEN' });
    expect(worker.terminated).toBe(true);
  });

  it('rejects with a plain error, message kept, when the worker failed otherwise (a full disk, say)', async () => {
    const { worker, run } = start();
    worker.say({ type: 'ready' });
    worker.say({ type: 'failed', code: null, status: 0, serverCode: null, message: 'QuotaExceededError: no space' });
    const error = await run.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(SyncError);
    expect((error as Error).message).toBe('QuotaExceededError: no space');
  });

  it('stops at once when its signal aborts: the worker is ended and the run says it was stopped', async () => {
    const stop = new AbortController();
    const { worker, run } = start({ signal: stop.signal });
    worker.say({ type: 'ready' });
    stop.abort();
    await expect(run).rejects.toBeInstanceOf(ScopeRunStopped);
    expect(worker.terminated).toBe(true);
  });

  it('starts no worker when already stopped', async () => {
    const stop = new AbortController();
    stop.abort();
    const createWorker = vi.fn();
    await expect(syncScopeInWorker(JOB, { signal: stop.signal, createWorker }, async () => {})).rejects.toBeInstanceOf(ScopeRunStopped);
    expect(createWorker).not.toHaveBeenCalled();
  });

  it('runs in the window when the worker fails before it started, and its outcome is the run\'s', async () => {
    const { worker, run, fallback } = start();
    worker.crash('Failed to load module script');
    await expect(run).resolves.toBeUndefined();
    expect(fallback).toHaveBeenCalledOnce();
    expect(worker.terminated).toBe(true);

    const refused = new SyncError('UNAUTHORIZED', 401);
    const second = start({}, vi.fn(async () => Promise.reject(refused)));
    second.worker.crash('Failed to load module script');
    await expect(second.run).rejects.toBe(refused);
  });

  it('runs in the window when no worker can be made', async () => {
    restoreClock = setClock(fixedClock(AT));
    const fallback = vi.fn(async () => {});
    await syncScopeInWorker(JOB, { createWorker: () => { throw new Error('Worker is not defined'); } }, fallback);
    expect(fallback).toHaveBeenCalledOnce();
  });

  it('rejects, without running again in the window, when a started worker fails', async () => {
    const { worker, run, fallback } = start();
    worker.say({ type: 'ready' });
    worker.crash('out of memory');
    await expect(run).rejects.toThrow('scope worker failed: out of memory');
    expect(fallback).not.toHaveBeenCalled();
    expect(worker.terminated).toBe(true);
  });
});
