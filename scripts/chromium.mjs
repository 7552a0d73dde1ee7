/**
 * Finds the Chromium the end-to-end tests drive, in this order: CHROMIUM_PATH,
 * Debian's /usr/bin/chromium (CI and machines where Playwright cannot download
 * browsers), then Playwright's own downloaded Chromium.
 *
 * From a shell: node scripts/chromium.mjs --ensure
 *   prints which browser the tests will use; where there is none, runs
 *   `npx playwright install chromium` (saying so) and checks again.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * @param {{ env?: Record<string, string | undefined> }} [options]
 * @returns {{ kind: 'CHROMIUM_PATH' | 'system' | 'playwright', path: string } | { kind: 'none', reason: string }}
 */
export function findChromium({ env = process.env } = {}) {
  const override = env.CHROMIUM_PATH?.trim();
  if (override) {
    return existsSync(override)
      ? { kind: 'CHROMIUM_PATH', path: override }
      : { kind: 'none', reason: `CHROMIUM_PATH is set to ${override}, which does not exist` };
  }
  const system = SYSTEM_PATHS.find((path) => existsSync(path));
  if (system) return { kind: 'system', path: system };
  const own = chromium.executablePath();
  if (own && existsSync(own)) return { kind: 'playwright', path: own };
  return { kind: 'none', reason: "no CHROMIUM_PATH, no /usr/bin/chromium and no Chromium in Playwright's cache" };
}

/** The executablePath for Playwright's launch options; undefined lets Playwright use its own browser. */
export function chromiumPath(options) {
  const found = findChromium(options);
  return found.kind === 'CHROMIUM_PATH' || found.kind === 'system' ? found.path : undefined;
}

function ensure() {
  let found = findChromium();
  if (found.kind === 'none' && process.env.CHROMIUM_PATH?.trim()) {
    console.error(`Cannot run the end-to-end tests: ${found.reason}.`);
    return 1;
  }
  if (found.kind === 'none') {
    console.log(`No Chromium for the end-to-end tests (${found.reason}): installing Playwright's Chromium with "npx playwright install chromium"...`);
    const run = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', shell: process.platform === 'win32' });
    found = findChromium();
    if (run.status !== 0 || found.kind === 'none') {
      console.error('Could not install a Chromium. Install one (e.g. "apt-get install chromium") or set CHROMIUM_PATH to a Chromium executable.');
      return 1;
    }
  }
  console.log(`End-to-end tests drive ${found.path} (${found.kind === 'playwright' ? "Playwright's Chromium" : found.kind === 'system' ? "the system's Chromium" : 'CHROMIUM_PATH'}).`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv.includes('--ensure')) {
  process.exitCode = ensure();
}
