import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { UpdateState } from '../shared/platform/bridge';
import { CHECK_EVERY_MS, RETRY_AFTER_MS, createUpdateController, updateFeedUrl, type Timers } from './updates';

const START = Date.parse('2026-10-01T09:00:00+07:00');

/** A clock and timers that move only when the test says so. */
function manualTime() {
  let at = START;
  let nextId = 1;
  const pending = new Map<number, { due: number; run: () => void }>();
  const timers: Timers = {
    setTimeout: (run, ms) => {
      const id = nextId++;
      pending.set(id, { due: at + ms, run });
      return id;
    },
    clearTimeout: (handle) => {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    now: () => new Date(at),
    pendingDelays: () => [...pending.values()].map((timer) => timer.due - at),
    /** Moves the clock, running the timers that fall due, in order. */
    async advance(ms: number) {
      const end = at + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, timer]) => timer.due <= end).sort((a, b) => a[1].due - b[1].due)[0];
        if (!due) break;
        pending.delete(due[0]);
        at = due[1].due;
        due[1].run();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      at = end;
    },
  };
}

/** An updater-like emitter whose checks answer what the test scripts. */
class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  feeds: string[] = [];
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  answer: () => Promise<unknown> = async () => {
    this.emit('update-not-available');
    return null;
  };
  setFeedURL(options: { provider: 'generic'; url: string }) {
    expect(options.provider).toBe('generic');
    this.feeds.push(options.url);
  }
  checkForUpdates() {
    this.checks += 1;
    return this.answer();
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean) {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

function setUp(options: { online?: boolean } = {}) {
  const time = manualTime();
  const updater = new FakeUpdater();
  const states: UpdateState[] = [];
  let online = options.online ?? true;
  const log = vi.fn();
  const controller = createUpdateController({
    updater,
    isOnline: () => online,
    now: time.now,
    timers: time.timers,
    onChange: (state) => states.push(state),
    log,
  });
  return { time, updater, states, controller, log, goOnline: (value: boolean) => (online = value) };
}

describe('updateFeedUrl', () => {
  it.each([
    ['https://sync.province.go.th', 'https://sync.province.go.th/updates/'],
    ['https://sync.province.go.th/', 'https://sync.province.go.th/updates/'],
    ['https://gw.province.go.th/eplan/', 'https://gw.province.go.th/eplan/updates/'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787/updates/'],
  ])('%s → %s', (server, feed) => {
    expect(updateFeedUrl(server)).toBe(feed);
  });

  it.each(['', 'file:///etc', 'javascript:alert(1)', 'https://u:p@x.example/', 'not a url'])('refuses %j', (server) => {
    expect(updateFeedUrl(server)).toBeNull();
  });
});

describe('the update controller', () => {
  it('waits for a server, then checks at once and daily, downloading in the background', async () => {
    const { time, updater, controller, states } = setUp();
    expect(updater.autoDownload).toBe(true);
    expect(controller.state()).toEqual({ status: 'idle' });
    await time.advance(CHECK_EVERY_MS);
    expect(updater.checks).toBe(0);

    expect(controller.setServer('https://sync.province.go.th')).toBe(true);
    expect(updater.feeds).toEqual(['https://sync.province.go.th/updates/']);
    await time.advance(0);
    expect(updater.checks).toBe(1);
    expect(states.map((s) => s.status)).toEqual(['checking', 'upToDate']);
    // A day after START: the clock moved while no server was known.
    expect(controller.state()).toEqual({ status: 'upToDate', checkedAt: '2026-10-02T02:00:00.000Z' });

    await time.advance(CHECK_EVERY_MS - 1);
    expect(updater.checks).toBe(1);
    await time.advance(1);
    expect(updater.checks).toBe(2);
    expect(time.pendingDelays()).toEqual([CHECK_EVERY_MS]);
  });

  it('the same server again changes nothing; a new one re-points the feed and checks', async () => {
    const { time, updater, controller } = setUp();
    controller.setServer('https://a.example/');
    await time.advance(0);
    controller.setServer('https://a.example');
    await time.advance(0);
    expect(updater.feeds).toEqual(['https://a.example/updates/']);
    expect(updater.checks).toBe(1);
    controller.setServer('https://b.example');
    await time.advance(0);
    expect(updater.feeds).toEqual(['https://a.example/updates/', 'https://b.example/updates/']);
    expect(updater.checks).toBe(2);
    expect(time.pendingDelays()).toEqual([CHECK_EVERY_MS]);
  });

  it('refuses a server address that is not http(s)', () => {
    const { updater, controller } = setUp();
    expect(controller.setServer('file:///tmp/feed')).toBe(false);
    expect(updater.feeds).toEqual([]);
  });

  it('skips checks while offline and tries again within the hour', async () => {
    const { time, updater, controller, log, goOnline } = setUp({ online: false });
    controller.setServer('https://sync.example');
    await time.advance(0);
    expect(updater.checks).toBe(0);
    expect(controller.state()).toEqual({ status: 'idle' });
    expect(log).toHaveBeenCalledWith('info', 'update check skipped: offline');
    expect(time.pendingDelays()).toEqual([RETRY_AFTER_MS]);
    goOnline(true);
    await time.advance(RETRY_AFTER_MS);
    expect(updater.checks).toBe(1);
    expect(time.pendingDelays()).toEqual([CHECK_EVERY_MS]);
  });

  it('shows download progress, then offers the restart, and installs only when asked', async () => {
    const { time, updater, controller, states } = setUp();
    updater.answer = async () => {
      updater.emit('update-available', { version: '0.2.0' });
      return {};
    };
    controller.setServer('https://sync.example');
    await time.advance(0);
    expect(controller.state()).toEqual({ status: 'downloading', version: '0.2.0', percent: 0 });
    updater.emit('download-progress', { percent: 41.7, transferred: 1, total: 2, bytesPerSecond: 3 });
    expect(controller.state()).toEqual({ status: 'downloading', version: '0.2.0', percent: 41 });
    updater.emit('download-progress', { percent: Number.NaN });
    expect(controller.state()).toMatchObject({ percent: 0 });

    // A daily check during the download leaves it alone.
    await time.advance(CHECK_EVERY_MS);
    expect(updater.checks).toBe(1);

    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(controller.state()).toEqual({ status: 'ready', version: '0.2.0' });
    expect(states.at(-1)).toEqual({ status: 'ready', version: '0.2.0' });
    expect(updater.installs).toEqual([]);
    await time.advance(CHECK_EVERY_MS * 3);
    expect(updater.installs).toEqual([]);
    expect(updater.checks).toBe(1);

    expect(controller.install()).toBe(true);
    expect(updater.installs).toEqual([[false, true]]);
  });

  it('refuses to install when no update is ready', async () => {
    const { time, updater, controller } = setUp();
    expect(controller.install()).toBe(false);
    controller.setServer('https://sync.example');
    await time.advance(0);
    expect(controller.install()).toBe(false);
    expect(updater.installs).toEqual([]);
  });

  it('reports a failed check, logs it and retries within the hour', async () => {
    const { time, updater, controller, log } = setUp();
    updater.answer = () => Promise.reject(new Error('HttpError: 404 latest.yml'));
    controller.setServer('https://sync.example');
    await time.advance(0);
    expect(controller.state()).toEqual({ status: 'failed', code: 'UPDATE_FAILED', at: '2026-10-01T02:00:00.000Z' });
    expect(log).toHaveBeenCalledWith('error', expect.stringContaining('404 latest.yml'));
    expect(time.pendingDelays()).toEqual([RETRY_AFTER_MS]);
    updater.answer = async () => {
      updater.emit('update-not-available');
    };
    await time.advance(RETRY_AFTER_MS);
    expect(controller.state().status).toBe('upToDate');
  });

  it('a download that fails after the check is reported and retried within the hour', async () => {
    const { time, updater, controller } = setUp();
    updater.answer = async () => {
      updater.emit('update-available', { version: '0.2.0' });
    };
    controller.setServer('https://sync.example');
    await time.advance(0);
    updater.emit('error', new Error('sha512 checksum mismatch'));
    expect(controller.state().status).toBe('failed');
    expect(controller.install()).toBe(false);
    expect(time.pendingDelays()).toEqual([RETRY_AFTER_MS]);
  });

  it('stop() cancels the schedule', async () => {
    const { time, updater, controller } = setUp();
    controller.setServer('https://sync.example');
    await time.advance(0);
    controller.stop();
    expect(time.pendingDelays()).toEqual([]);
    await time.advance(CHECK_EVERY_MS * 2);
    expect(updater.checks).toBe(1);
  });
});
