/**
 * Headless Chromium for the browser benchmarks, found as playwright.config.ts
 * finds it (CHROMIUM_PATH, Debian's /usr/bin/chromium, else Playwright's own),
 * with the same flags; plus the renderer build the app pages are served from.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { RECORD_TABLES } from '../../shared/domain/tables';
import { BENCH_OFFICER, CACHE_DIR, REPO_ROOT } from '../seed';

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate): candidate is string => Boolean(candidate) && existsSync(candidate!));
}

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  return chromium.launch({ ...(executablePath ? { executablePath } : {}), args: FLAGS });
}

/** The kept browser profile holding the data set `key` as the app stored it. */
export const profileDirOf = (key: string): string => path.join(CACHE_DIR, `profile-${key}`);
/** Written into a profile once its sync and first completion pass have finished. */
export const PROFILE_READY = 'bench-synced';

/**
 * libfaketime (Debian's `faketime` package): shifts a process's clocks. Its
 * monotonic clock moves by the same offset: left alone
 * (FAKETIME_DONT_FAKE_MONOTONIC=1), Chromium took 13 s to load a page.
 */
export const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/**
 * A new browser process on a kept profile: nothing of the app is in memory.
 * `daysAhead`: the whole browser's clocks run that many days ahead
 * (libfaketime): `Date` says a later day while time passes at its own pace
 * (`performance.now()` counts from the page's start as ever), so what is
 * measured is the app as it runs on that day.
 */
export function openProfile(dir: string, options: { daysAhead?: number } = {}): Promise<BrowserContext> {
  const executablePath = chromiumPath();
  const shifted = options.daysAhead === undefined ? {} : {
    env: { ...process.env, LD_PRELOAD: LIBFAKETIME, FAKETIME: `+${options.daysAhead}d` },
  };
  return chromium.launchPersistentContext(dir, {
    ...(executablePath ? { executablePath } : {}),
    ...shifted,
    args: FLAGS,
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    viewport: { width: 1366, height: 768 },
    // The app's CSP forbids injected scripts; matrix-cold-start injects the Dexie bundle to edit one LAO.
    bypassCSP: true,
  });
}

/**
 * After the initial sync the app computes every LAO's completion once (the
 * officer's first look at the checklist) and stores the results; a restart
 * starts from them. Waits until the checklist shows and the stored results
 * are those of the records now on the device; returns the ms it took.
 */
export async function waitForFirstCompletion(page: Page, serverUrl: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  if (!page.url().startsWith(`${serverUrl}/#/`) || page.url().includes('login')) await page.goto(`${serverUrl}/#/`);
  await page.waitForSelector('[data-testid="checklist-lao"]', { timeout: timeoutMs });
  await waitForStoredCompletion(page, timeoutMs);
  // Once more after a pause (not counted): a download still being written moves the log past the stored place again.
  const pause = 3_000;
  await page.waitForTimeout(pause);
  await waitForStoredCompletion(page, timeoutMs);
  return performance.now() - started - pause;
}

/** How long a bench waits for the app's first sync: BENCH_SYNC_TIMEOUT_MIN minutes, 15 by default. */
export const SYNC_TIMEOUT_MS = Number(process.env.BENCH_SYNC_TIMEOUT_MIN ?? 15) * 60_000;

/**
 * Waits until the app bar says the sync ended ("ซิงก์ล่าสุด …"); throws with
 * the app's own message, naming `what`, if the sync failed instead.
 */
export async function waitForSynced(page: Page, what: string, timeoutMs = SYNC_TIMEOUT_MS): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="sync-last"]')?.textContent?.includes('ซิงก์ล่าสุด') === true
      || document.querySelector('[data-testid="sync-error"]') !== null,
    null,
    { timeout: timeoutMs, polling: 50 },
  );
  const error = page.getByTestId('sync-error');
  if ((await error.count()) > 0) throw new Error(`the app's sync failed (${what}): ${await error.textContent()}`);
}

/**
 * Waits until the app has stored completion results for the records on the
 * device: every stored fiscal year's header accounts for the newest row of
 * the write log (`drained`, renderer/data/laoWriteLog.ts), and the tables
 * hold records. Closing the browser earlier would leave the next start to
 * catch up on every LAO. Without the last condition, results stored by the
 * pass the app runs at sign-in, before any record has arrived, would count
 * (docs/benchmarks.md).
 */
export async function waitForStoredCompletion(page: Page, timeoutMs: number, day?: StoredDay): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  // Polled from here with page.evaluate, which awaits the check. page.waitForFunction does not await
  // a predicate's promise: any promise is truthy, so an async check there passed at once (it did, until
  // 2026-12-06, and every "stored results current" of this bench before then was not checked).
  while (!(await storedCompletionCurrent(page, day))) {
    if (performance.now() > deadline) throw new Error(`the stored completion results did not catch up with the records in ${timeoutMs} ms`);
    await page.waitForTimeout(1000);
  }
}

/**
 * A day the stored results must be of: the header of `fiscalYear` says `asOf`.
 * Without it, results of any day count (a kept profile opened on a later day
 * stores its new day's results only once its pass has run).
 */
export interface StoredDay {
  fiscalYear: number;
  asOf: string;
}

function storedCompletionCurrent(page: Page, day?: StoredDay): Promise<boolean> {
  // No named helpers inside: tsx would wrap them in its __name(), which the page does not have.
  return page.evaluate(async ([tables, day]) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('eplan-field-companion');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('completionState') || !db.objectStoreNames.contains('laoWrites')) return false;
      const [headers, lastWrite] = await new Promise<[Array<{ fiscalYear?: number; asOf?: string; drained?: number }>, number]>((resolve, reject) => {
        const tx = db.transaction(['completionState', 'laoWrites']);
        const all = tx.objectStore('completionState').getAll();
        // Read in the request's own success event: once the transaction is over, Chromium's cursor has no key.
        let lastKey = 0;
        const last = tx.objectStore('laoWrites').openKeyCursor(null, 'prev');
        last.onsuccess = () => {
          lastKey = Number(last.result?.key ?? 0);
        };
        tx.oncomplete = () => resolve([all.result, lastKey]);
        tx.onerror = () => reject(tx.error);
      });
      if (headers.length === 0 || headers.some((header) => header.drained === undefined || header.drained < lastWrite)) return false;
      if (day && !headers.some((header) => header.fiscalYear === day.fiscalYear && header.asOf === day.asOf)) return false;
      let records = 0;
      for (const table of tables) {
        records += await new Promise<number>((resolve, reject) => {
          const counted = db.transaction(table).objectStore(table).count();
          counted.onsuccess = () => resolve(counted.result);
          counted.onerror = () => reject(counted.error);
        });
        if (records > 0) break;
      }
      return records > 0;
    } finally {
      db.close();
    }
  }, [[...RECORD_TABLES] as string[], day] as const);
}

/**
 * From before the app's first script, the page keeps its own long tasks
 * (PerformanceObserver 'longtask', in-page time); `longTasksOf` reads them.
 * `noWorker`: `Worker` is taken away first (the app then syncs in the window).
 */
export async function watchLongTasks(page: Page, options: { noWorker?: boolean } = {}): Promise<void> {
  await page.addInitScript((noWorker: boolean) => {
    if (noWorker) Object.defineProperty(window, 'Worker', { value: undefined, configurable: true });
    const w = window as unknown as { benchLongTasks: [number, number][] };
    w.benchLongTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.benchLongTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  }, options.noWorker === true);
}

/** A window task this long or longer is one the officer feels (the longtask threshold is 50 ms). */
export const LONG_TASK_MS = 100;

/** A long task as the page kept it: [start, duration] in ms of the page's own time. */
export type LongTask = [start: number, duration: number];

/** The page's long tasks since `watchLongTasks`. */
export function longTasksOf(page: Page): Promise<LongTask[]> {
  return page.evaluate(() => (window as unknown as { benchLongTasks: [number, number][] }).benchLongTasks);
}

/** How many of `tasks` are over LONG_TASK_MS, and the longest (0 when none). */
export function longTaskFigures(tasks: readonly LongTask[]): { over: number; longestMs: number } {
  const durations = tasks.map(([, duration]) => duration);
  return { over: durations.filter((duration) => duration > LONG_TASK_MS).length, longestMs: Math.max(0, ...durations) };
}

/** "start+duration …" with starts in ms after `origin` (page time), or "none": for a log line. */
export function listLongTasks(tasks: readonly LongTask[], origin = 0): string {
  return tasks.map(([start, duration]) => `${Math.round(start - origin)}+${Math.round(duration)}`).join(' ') || 'none';
}

/** The built renderer (RENDERER_OUT_DIR or dist/renderer), built first when missing. */
export function rendererDir(log: (line: string) => void = console.log): string {
  const dir = process.env.RENDERER_OUT_DIR ?? path.join(REPO_ROOT, 'dist/renderer');
  if (!existsSync(path.join(dir, 'index.html'))) {
    log(`building the renderer into ${dir}`);
    const built = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      env: { ...process.env, RENDERER_OUT_DIR: dir },
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('the renderer build failed');
  }
  return dir;
}

export interface HeapSampler {
  /** Highest JSHeapUsedSize seen so far, in MB; sampling goes on. */
  peak(): number;
  /** Highest JSHeapUsedSize seen, in MB. */
  stop(): Promise<number>;
}

/** Samples the page's used JS heap (CDP Performance.getMetrics) every `everyMs` until stopped. */
export async function sampleHeap(page: Page, everyMs = 250): Promise<HeapSampler> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let peak = 0;
  let running = true;
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
    peak = Math.max(peak, used);
  };
  const loop = (async () => {
    while (running) {
      await read().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    peak: () => peak / 1024 / 1024,
    async stop() {
      running = false;
      await loop;
      await read().catch(() => {});
      await cdp.detach().catch(() => {});
      return peak / 1024 / 1024;
    },
  };
}

/** Opens the login screen and types the bench officer's credentials; the caller clicks sign-in when its clock is ready. */
export async function fillBenchLogin(page: Page, serverUrl: string): Promise<void> {
  await page.goto(`${serverUrl}/#/login`);
  await page.getByLabel('ชื่อผู้ใช้').fill(BENCH_OFFICER.username);
  await page.getByLabel('รหัสผ่าน').fill(BENCH_OFFICER.password);
  // The server address is filled in asynchronously; sign-in needs it.
  const serverField = page.getByLabel('ที่อยู่เซิร์ฟเวอร์');
  for (let i = 0; i < 100 && (await serverField.inputValue()) === ''; i++) await page.waitForTimeout(100);
}

/**
 * Starts V8's sampling profiler in the page (`intervalUs` between samples);
 * the function returned stops it and gives the .cpuprofile JSON (open it in
 * Chrome's Performance panel).
 */
export async function startCpuProfile(page: Page, intervalUs = 1000): Promise<() => Promise<string>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
  return async () => JSON.stringify((await cdp.send('Profiler.stop')).profile);
}
