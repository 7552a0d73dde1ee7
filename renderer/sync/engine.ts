/**
 * The sync engine (design.md "Liveness"): one run pushes the outbox then
 * brings every scope of the user up to date. Runs are serialized; a request
 * during a run schedules one more. After a failure the next run waits with
 * exponential backoff and jitter.
 */
import type { EplanDb } from '../data/db';
import { syncErrorCode, type SyncApi, type SyncErrorCode } from './api';
import { backoffDelay } from './backoff';
import { META, deviceIdFor, readMeta, sessionUser, writeMeta, type SnapshotProgress } from './meta';
import { syncScope, type PullOptions } from './pull';
import { ScopeRunStopped } from './scopeJob';
import { pushOutbox } from './push';
// Conflict decisions made offline wait in a queue until the next sync.
import { sendQueuedResolutions } from './conflictQueue';
import { storeReference } from './login';
import { now as clockNow } from '../../shared/clock';

export type SyncPhase = 'signedOut' | 'idle' | 'syncing' | 'error';

export interface SyncStatus {
  phase: SyncPhase;
  /** ISO time of the last run that finished without error. */
  lastSyncAt: string | null;
  error: SyncErrorCode | null;
  /** Failures in a row; the next retry waits backoffDelay(failures). */
  failures: number;
  nextRetryAt: string | null;
  /** A scope's first download while it runs, else null. */
  download: RunningDownload | null;
}

export interface RunningDownload {
  /** Rows of the snapshot stored so far, earlier runs included. */
  stored: number;
  /** The scope's records as the server counted them, or null. */
  total: number | null;
  /** Taken up from where an interrupted run stopped. */
  resumed: boolean;
}

export interface EngineDeps {
  db: EplanDb;
  /** The API with the stored token, or null when signed out. */
  api: () => Promise<SyncApi | null>;
  now?: () => Date;
  random?: () => number;
  pageSize?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /**
   * Runs a scope's first download; `here` runs it on this thread. The app's
   * runs it in a Web Worker (runtime.ts); by default, and in tests, `here`.
   * It may stop early with ScopeRunStopped when `signal` aborts.
   */
  download?: (scope: string, options: PullOptions & { signal: AbortSignal }, here: () => Promise<void>) => Promise<void>;
}

type RunOutcome = 'ok' | 'failed' | 'stopped';

const INITIAL: SyncStatus = { phase: 'idle', lastSyncAt: null, error: null, failures: 0, nextRetryAt: null, download: null };

export class SyncEngine {
  private status: SyncStatus = INITIAL;
  private readonly listeners = new Set<() => void>();
  private running: Promise<boolean> | null = null;
  private again = false;
  private retryTimer: unknown = null;
  /** Aborted by abortRun: a download in a worker ends at once instead of writing on. */
  private runStop = new AbortController();
  /** Set by referenceStored: the next run leaves the reference data as a login has just stored it. */
  private referenceFresh = false;

  constructor(private readonly deps: EngineDeps) {}

  getStatus = (): SyncStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener();
  }

  private now(): Date {
    return this.deps.now?.() ?? clockNow();
  }

  /** Loads the last sync time kept from earlier sessions. */
  async load(): Promise<void> {
    const lastSyncAt = (await readMeta<string>(this.deps.db, META.lastSyncAt)) ?? null;
    const user = await sessionUser(this.deps.db);
    this.set({ lastSyncAt, phase: user ? this.status.phase : 'signedOut' });
  }

  /** Runs a sync now, or once more after the current run; true when it succeeded. */
  sync(): Promise<boolean> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.cancelRetry();
    this.running = this.runLoop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runLoop(): Promise<boolean> {
    let outcome: RunOutcome;
    do {
      this.again = false;
      outcome = await this.runOnce();
    } while (this.again && outcome !== 'failed');
    return outcome === 'ok';
  }

  private async runOnce(): Promise<RunOutcome> {
    const { db } = this.deps;
    const { signal } = this.runStop;
    const referenceFresh = this.referenceFresh;
    this.referenceFresh = false;
    const api = await this.deps.api();
    const user = await sessionUser(db);
    if (!api || !user) {
      this.set({ phase: 'signedOut' });
      return 'failed';
    }
    this.set({ phase: 'syncing' });
    try {
      await pushOutbox(db, api, await deviceIdFor(db, user.username), user.id, undefined, () => this.now());
      // After the push, so the chosen value is on the server before the conflict is marked resolved.
      await sendQueuedResolutions(db, api, user.id);
      // New LAOs and assignments (a registry import, an administrator's change) reach the device with any sync
      // but the one right after a login, which has just stored them: on a first sign-in the download starts sooner.
      if (!referenceFresh) await storeReference(db, api);
      for (const scope of user.provinceCodes) {
        const initial = (await readMeta<number>(db, META.cursor(scope))) === undefined;
        if (initial) {
          // Shown before the first page comes back: a resumed download says so at once.
          const saved = await readMeta<SnapshotProgress>(db, META.snapshot(scope));
          this.set({ download: { stored: saved?.stored ?? 0, total: saved?.total ?? null, resumed: typeof saved?.after === 'string' } });
        }
        const options: PullOptions = {
          ...(this.deps.pageSize ? { pageSize: this.deps.pageSize } : {}),
          onProgress: ({ stored, total, resumed }) => initial && !signal.aborted && this.set({ download: { stored, total, resumed } }),
        };
        const here = () => syncScope(db, api, scope, options);
        await (initial && this.deps.download ? this.deps.download(scope, { ...options, signal }, here) : here());
      }
      const lastSyncAt = this.now().toISOString();
      await writeMeta(db, META.lastSyncAt, lastSyncAt);
      this.set({ phase: 'idle', lastSyncAt, error: null, failures: 0, nextRetryAt: null, download: null });
      return 'ok';
    } catch (error) {
      // Stopped on purpose (sign-out, clearing the laptop): not a failure, and no retry. A sign-out has said what the phase is.
      if (error instanceof ScopeRunStopped) {
        this.set({ phase: this.status.phase === 'syncing' ? 'idle' : this.status.phase, download: null });
        return 'stopped';
      }
      const code = syncErrorCode(error);
      if (!(error instanceof Error && error.name === 'SyncError')) console.error('sync failed', error);
      this.fail(code);
      return 'failed';
    }
  }

  /** A refusal met outside a run (the event stream's 401, say) shows like a run's. */
  reportRefusal(code: SyncErrorCode): void {
    if (this.running === null) this.fail(code);
  }

  private fail(code: SyncErrorCode): void {
    const failures = this.status.failures + 1;
    // A refused token or a too-old app needs a person, not a retry.
    const retry = code !== 'UNAUTHORIZED' && code !== 'CLIENT_TOO_OLD';
    const delay = backoffDelay(failures, this.deps.random);
    this.set({ phase: 'error', error: code, failures, download: null, nextRetryAt: retry ? new Date(this.now().getTime() + delay).toISOString() : null });
    if (retry) this.retryTimer = (this.deps.setTimer ?? setTimeout)(() => void this.sync(), delay);
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) (this.deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)))(this.retryTimer);
    this.retryTimer = null;
  }

  /** Resolves when no run is under way (one running now may still write). */
  async settled(): Promise<void> {
    await this.running?.catch(() => false);
  }

  /** Stops retries (sign-out, tests). */
  stop(): void {
    this.cancelRetry();
  }

  /** Ends a download under way in a worker now (its stored pages stay, and the next run resumes after them). */
  abortRun(): void {
    this.runStop.abort();
    this.runStop = new AbortController();
  }

  /** A login has just stored the reference data (login.ts): the next run does not fetch it again. */
  referenceStored(): void {
    this.referenceFresh = true;
  }

  /** After sign-out: nothing to sync until the next login. */
  signedOut(): void {
    this.stop();
    this.abortRun();
    this.set({ ...INITIAL, phase: 'signedOut' });
  }
}
