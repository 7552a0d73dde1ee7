/**
 * The `test` every spec imports: a fixed clock in every browser context and a
 * real sync server behind `baseURL`.
 * - `clockAt` (default E2E_NOW) starts the browser's clock and the server's;
 *   a spec that runs at another date says `test.use({ clockAt: '…' })`.
 * - Specs share their worker's server when they only read from it (the app's
 *   files, the demo province); a spec that writes to the server gets one of its
 *   own with `test.use({ ownServer: true })`, and so does a spec at another
 *   date, unless it says `serverAtClock: false` (it needs only the app's files).
 * - `openContext()` opens a second browser (another officer's laptop) with the
 *   same clock and server.
 */
import { test as base, type BrowserContext, type BrowserContextOptions } from '@playwright/test';
import { E2E_NOW } from './clock';
import { startTestServer, type TestServer } from './server';

interface TestFixtures {
  clockAt: string;
  ownServer: boolean;
  serverAtClock: boolean;
  server: TestServer;
  openContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
}

interface WorkerFixtures {
  workerServer: () => Promise<TestServer>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  clockAt: [E2E_NOW, { option: true }],
  ownServer: [false, { option: true }],
  serverAtClock: [true, { option: true }],

  workerServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      // Started on first use: a worker whose specs all bring their own server never starts it.
      let started: Promise<TestServer> | undefined;
      await use(() => (started ??= startTestServer(E2E_NOW)));
      if (started) await (await started).stop();
    },
    { scope: 'worker', timeout: 240_000 },
  ],

  server: async ({ clockAt, ownServer, serverAtClock, workerServer }, use, testInfo) => {
    // Starting a server (the worker's first, or one of the test's own) is not the test's time.
    const timed = async (start: () => Promise<TestServer>) => {
      const startedAt = Date.now();
      const server = await start();
      testInfo.setTimeout(testInfo.timeout + (Date.now() - startedAt));
      return server;
    };
    if (!ownServer && (clockAt === E2E_NOW || !serverAtClock)) {
      await use(await timed(workerServer));
      return;
    }
    const server = await timed(() => startTestServer(clockAt));
    await use(server);
    await server.stop();
  },

  baseURL: async ({ server }, use) => {
    await use(server.url);
  },

  context: async ({ context, clockAt }, use) => {
    await context.clock.install({ time: new Date(clockAt) });
    await use(context);
  },

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
