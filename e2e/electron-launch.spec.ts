/**
 * The desktop app starts: one window with the app, the typed bridge from the
 * preload, and no Node.js in the page. Needs the Electron binary and a build
 * (`npm run build`); without the binary it reports itself skipped, with why.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { _electron as electron, expect, test } from './support/fixtures';
import { findElectronBinary } from '../scripts/electron.mjs';

const found = findElectronBinary();

interface BridgeProbe {
  kind: string | null;
  defaultServerUrl: string | null;
  appVersion: string | null;
  hasRequire: boolean;
  hasProcess: boolean;
  hasModule: boolean;
  origin: string;
}

test.describe('desktop app', () => {
  test.skip(!found.available, found.available ? '' : found.reason);

  test('opens a secure window with the platform bridge', async ({ server }) => {
    if (!found.available) return;
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'eplan-e2e-electron-'));
    // Chromium's OS sandbox cannot start as root (e.g. in containers).
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    const app = await electron.launch({
      executablePath: found.path,
      args: [...rootArgs, '.'],
      env: { ...process.env, EPLAN_SERVER_URL: server.url, EPLAN_USER_DATA_DIR: userDataDir },
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      await expect(page).toHaveTitle(/e-plan/i);
      expect(page.url()).toMatch(/^app:\/\/renderer\//);

      const probe = await page.evaluate(async (): Promise<BridgeProbe> => {
        const bridge = (window as unknown as {
          eplanPlatform?: { kind: string; defaultServerUrl(): Promise<string | null>; appVersion(): Promise<string> };
        }).eplanPlatform;
        const scope = globalThis as { require?: unknown; process?: unknown; module?: unknown };
        return {
          kind: bridge?.kind ?? null,
          defaultServerUrl: bridge ? await bridge.defaultServerUrl() : null,
          appVersion: bridge ? await bridge.appVersion() : null,
          hasRequire: typeof scope.require !== 'undefined',
          hasProcess: typeof scope.process !== 'undefined',
          hasModule: typeof scope.module !== 'undefined',
          origin: `${location.protocol}//${location.host}`,
        };
      });
      expect(probe).toMatchObject({
        kind: 'electron',
        defaultServerUrl: server.url,
        hasRequire: false,
        hasProcess: false,
        hasModule: false,
        origin: 'app://renderer',
      });
      expect(probe.appVersion).toMatch(/^\d+\.\d+\.\d+/);

      // Navigation away from the app is blocked in the main process.
      await page.evaluate(() => window.location.assign('https://example.com/'));
      await page.waitForTimeout(500);
      expect(page.url()).toMatch(/^app:\/\/renderer\//);
    } finally {
      await app.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  });
});
