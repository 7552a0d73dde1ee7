/**
 * The `test` every spec imports: a fixed clock in every browser context and a
 * real sync server behind `baseURL`.
 * - `clockAt` (default E2E_NOW) starts the browser's clock and the server's;
 *   a spec that runs at another date says `test.use({ clockAt: '…' })`.
 * - Specs share their worker's server when they need only the app's files
 *   from it (it holds no demo province); a spec that signs in or writes to the
 *   server gets one of its own, with the demo province and its logins, through
 *   `test.use({ ownServer: true })`, and so does a spec at another
 *   date, unless it says `serverAtClock: false` (it needs only the app's files).
 * - `openContext()` opens a second browser (another officer's laptop) with the
 *   same clock and server.
 * - `demoOnDevice: true` starts the test on a laptop that already holds the
 *   on-device demo province (e2e/support/demoDevice.ts), at E2E_NOW on the
 *   worker's server.
 */
import { test as base, type BrowserContext, type BrowserContextOptions, type TestInfo } from '@playwright/test';
import { E2E_NOW } from './clock';
import { makeDemoProfile, openDemoDevice, removeProfile, type DeviceLaunch } from './demoDevice';
import { startTestServer, type TestServer } from './server';

interface TestFixtures {
  clockAt: string;
  ownServer: boolean;
  serverAtClock: boolean;
  demoOnDevice: boolean;
  server: TestServer;
  openContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  failureReport: void;
}

interface WorkerFixtures {
  workerServer: () => Promise<TestServer>;
  demoProfile: (make: () => Promise<string>) => Promise<string>;
}

/** Runs a start-up step (a server, the demo profile) and adds its time to the test's: it is not the test's own. */
async function untimed<T>(testInfo: TestInfo, start: () => Promise<T>): Promise<T> {
  const startedAt = Date.now();
  const value = await start();
  testInfo.setTimeout(testInfo.timeout + (Date.now() - startedAt));
  return value;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  clockAt: [E2E_NOW, { option: true }],
  ownServer: [false, { option: true }],
  serverAtClock: [true, { option: true }],
  demoOnDevice: [false, { option: true }],

  workerServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      // Started on first use: a worker whose specs all bring their own server never starts it.
      let started: Promise<TestServer> | undefined;
      // Specs on the worker's server work on the device and never sign in: no demo province to seed.
      await use(() => (started ??= startTestServer(E2E_NOW, { demo: false })));
      if (started) await (await started).stop();
    },
    { scope: 'worker', timeout: 240_000 },
  ],

  demoProfile: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      let made: Promise<string> | undefined;
      await use((make) => (made ??= make()));
      if (made) await removeProfile(await made);
    },
    { scope: 'worker', timeout: 240_000 },
  ],

  server: async ({ clockAt, ownServer, serverAtClock, demoOnDevice, workerServer }, use, testInfo) => {
    if (demoOnDevice && (ownServer || clockAt !== E2E_NOW)) throw new Error('demoOnDevice is made at E2E_NOW on the worker\'s server');
    if (!ownServer && (clockAt === E2E_NOW || !serverAtClock)) {
      await use(await untimed(testInfo, workerServer));
      return;
    }
    const server = await untimed(testInfo, () => startTestServer(clockAt));
    await use(server);
    await server.stop();
  },

  baseURL: async ({ server }, use) => {
    await use(server.url);
  },

  context: async ({ context, clockAt, demoOnDevice, demoProfile, playwright, launchOptions, baseURL, viewport, locale, timezoneId, userAgent, deviceScaleFactor, isMobile, hasTouch }, use, testInfo) => {
    if (!demoOnDevice) {
      await context.clock.install({ time: new Date(clockAt) });
      await use(context);
      return;
    }
    const launch: DeviceLaunch = {
      chromium: playwright.chromium,
      clockAt,
      options: { ...launchOptions, baseURL, viewport, locale, timezoneId, userAgent, deviceScaleFactor, isMobile, hasTouch },
    };
    const profile = await untimed(testInfo, () => demoProfile(() => makeDemoProfile(baseURL!, launch)));
    const device = await openDemoDevice(profile, launch);
    await use(device.context);
    await device.dispose();
  },

  // A test that fails prints what its windows showed and the errors they logged: CI keeps no artifacts.
  failureReport: [
    async ({ context }, use, testInfo) => {
      const logged: string[] = [];
      context.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') logged.push(`[${message.type()}] ${message.text().slice(0, 400)}`);
      });
      context.on('weberror', (error) => logged.push(`[uncaught] ${error.error().message.slice(0, 400)}`));
      await use();
      if (testInfo.status === testInfo.expectedStatus) return;
      const windows = await Promise.all(
        context.pages().map(async (page) => {
          const text = await page.locator('body').innerText({ timeout: 2_000 }).catch((error: Error) => `(unreadable: ${error.message.split('\n')[0]})`);
          return `window ${page.url()}:\n${text.replace(/\s+/g, ' ').slice(0, 1_200)}`;
        }),
      );
      console.log([`--- ${testInfo.title}: what the windows showed when it failed`, ...windows, ...logged.slice(-30)].join('\n'));
    },
    { auto: true },
  ],

  openContext: async ({ browser, baseURL, clockAt }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({ baseURL, ...options });
      await context.clock.install({ time: new Date(clockAt) });
      opened.push(context);
      return context;
    });
    await Promise.all(opened.map((context) => context.close()));
  },
});

export { expect, _electron } from '@playwright/test';
export type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
