/**
 * The desktop app's self-update, as a small state machine over an
 * electron-updater-like emitter: the feed is the /updates/ folder of the sync
 * server the officer signed in to (generic provider); it checks when that
 * server is first known and then daily, only when online; downloads in the
 * background; and restarts into the update only when the user says so.
 * Timers, the clock and the online check are injected, so this runs in tests.
 */
import type { UpdateState } from '../shared/platform/bridge';
import { parseServerUrl } from './security';

export const CHECK_EVERY_MS = 24 * 60 * 60 * 1000;
/** After a skipped (offline) or failed check, the next try comes sooner. */
export const RETRY_AFTER_MS = 60 * 60 * 1000;

/** The part of electron-updater's AppUpdater used here. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  on(event: 'update-not-available', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface UpdateControllerDeps {
  updater: UpdaterLike;
  isOnline: () => boolean;
  now: () => Date;
  timers: Timers;
  /** Every state change, for the app window. */
  onChange: (state: UpdateState) => void;
  log: (level: 'info' | 'error', message: string) => void;
  checkEveryMs?: number;
  retryAfterMs?: number;
}

export interface UpdateController {
  state(): UpdateState;
  /** The sync server's address; a new one points the feed at its /updates/ and checks at once. */
  setServer(serverUrl: string): boolean;
  /** Checks now (skipped offline, during a download, or with an update waiting). */
  check(): Promise<void>;
  /** Quits and installs the downloaded update; false when none is ready. */
  install(): boolean;
  stop(): void;
}

/** The update feed of a sync server: its /updates/ folder; null for an address that is not http(s). */
export function updateFeedUrl(serverUrl: string): string | null {
  const base = parseServerUrl(serverUrl);
  if (!base) return null;
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/updates/`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

const percentOf = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(100, Math.max(0, Math.floor(value))) : 0;

export function createUpdateController(deps: UpdateControllerDeps): UpdateController {
  const { updater, timers } = deps;
  const checkEveryMs = deps.checkEveryMs ?? CHECK_EVERY_MS;
  const retryAfterMs = deps.retryAfterMs ?? RETRY_AFTER_MS;
  let current: UpdateState = { status: 'idle' };
  let feed: string | null = null;
  let timer: unknown = null;
  let stopped = false;

  // Downloads in the background; installs when the user agrees, or on a normal quit.
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;

  const set = (next: UpdateState): void => {
    current = next;
    deps.onChange(next);
  };
  const busy = () => current.status === 'downloading' || current.status === 'ready' || current.status === 'checking';
  const failed = (error: unknown): void => {
    deps.log('error', `update failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    // A failed download of a known version keeps nothing: the next check starts over.
    set({ status: 'failed', code: 'UPDATE_FAILED', at: deps.now().toISOString() });
  };

  updater.on('update-available', (info) => set({ status: 'downloading', version: String(info.version), percent: 0 }));
  updater.on('download-progress', (progress) => {
    if (current.status === 'downloading') set({ ...current, percent: percentOf(progress.percent) });
  });
  updater.on('update-downloaded', (info) => {
    deps.log('info', `update ${info.version} downloaded; waiting for the user to restart`);
    set({ status: 'ready', version: String(info.version) });
  });
  updater.on('update-not-available', () => set({ status: 'upToDate', checkedAt: deps.now().toISOString() }));
  updater.on('error', (error) => {
    failed(error);
    schedule(retryAfterMs);
  });

  function schedule(ms: number): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = stopped ? null : timers.setTimeout(() => void check(), ms);
  }

  async function check(): Promise<void> {
    timer = null;
    if (stopped || feed === null) return;
    if (busy()) return schedule(checkEveryMs);
    if (!deps.isOnline()) {
      deps.log('info', 'update check skipped: offline');
      return schedule(retryAfterMs);
    }
    set({ status: 'checking' });
    try {
      await updater.checkForUpdates();
      // No event came (e.g. a feed without a newer version answered oddly): not checking any more.
      if (current.status === 'checking') set({ status: 'upToDate', checkedAt: deps.now().toISOString() });
      schedule(checkEveryMs);
    } catch (error) {
      if (current.status !== 'failed') failed(error);
      schedule(retryAfterMs);
    }
  }

  return {
    state: () => current,
    setServer(serverUrl) {
      const url = updateFeedUrl(serverUrl);
      if (url === null) return false;
      if (url === feed) return true;
      feed = url;
      updater.setFeedURL({ provider: 'generic', url });
      deps.log('info', `update feed: ${url}`);
      // A download or a waiting update is not disturbed; the new feed is read at the next check.
      if (!busy()) schedule(0);
      return true;
    },
    check,
    install() {
      if (current.status !== 'ready') return false;
      deps.log('info', `restarting into update ${current.version}`);
      updater.quitAndInstall(false, true);
      return true;
    },
    stop() {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
