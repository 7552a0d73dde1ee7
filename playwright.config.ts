import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * Chromium to drive: an explicit CHROMIUM_PATH, else Debian's /usr/bin/chromium
 * (CI and machines where Playwright cannot download its browsers), else
 * Playwright's own downloaded Chromium.
 */
function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate): candidate is string => Boolean(candidate) && existsSync(candidate!));
}

const PORT = Number(process.env.E2E_PORT ?? 4178);
const executablePath = chromiumPath();

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['./e2e/skip-reasons-reporter.ts']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    trace: 'retain-on-failure',
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
  webServer: {
    command: 'npx tsx server/cli.ts --seed-demo',
    url: `http://127.0.0.1:${PORT}/v1/health`,
    reuseExistingServer: false,
    // Seeding the demo province takes seconds; a busy 2-core machine can take a minute.
    timeout: 180_000,
    env: { PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: 'memory://', STATIC_DIR: process.env.RENDERER_OUT_DIR ?? 'dist/renderer', DATABASE_URL: '' },
  },
});
