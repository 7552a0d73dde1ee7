import { defineConfig, devices } from '@playwright/test';
import { chromiumPath } from './scripts/chromium.mjs';

const executablePath = chromiumPath();
// One id per run, inherited by the workers: the demo dumps of e2e/support/server.ts are made afresh each run.
process.env.E2E_RUN_ID ??= `${Date.now()}`;

export default defineConfig({
  testDir: 'e2e',
  // Bundles the sync server the tests start (e2e/support/server.ts).
  globalSetup: './e2e/support/global-setup.ts',
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  // Spec files run side by side, each worker with its own sync server (e2e/support/fixtures.ts).
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  // One retry in CI so a flaky test is named in the report, and failOnFlakyTests so it still fails the run.
  retries: process.env.CI ? 1 : 0,
  failOnFlakyTests: Boolean(process.env.CI),
  reporter: [['list'], ['./e2e/skip-reasons-reporter.ts']],
  use: {
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    // Recording a trace of every test nearly doubles the suite's time; the CI retry records one.
    trace: 'on-first-retry',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /electron-launch\.spec\.ts/,
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1366, height: 768 },
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
    { name: 'electron', testMatch: /electron-launch\.spec\.ts/ },
  ],
});
