/**
 * A laptop that already holds the demo province: a Chromium profile in which the
 * app loaded the on-device demo once (per worker, at the worker server's origin
 * and E2E_NOW), copied for each test that asks for it. Loading the province
 * (~48,000 records into IndexedDB and the first completion pass) is then paid
 * once per worker instead of once per spec; the specs that are about loading it
 * still start from an empty browser.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type BrowserContext, type BrowserType, type LaunchOptions } from '@playwright/test';

type PersistentOptions = Parameters<BrowserType['launchPersistentContext']>[1];

export interface DeviceLaunch {
  chromium: BrowserType;
  options: LaunchOptions & PersistentOptions;
  clockAt: string;
}

async function openProfile(dir: string, launch: DeviceLaunch): Promise<BrowserContext> {
  const context = await launch.chromium.launchPersistentContext(dir, launch.options);
  await context.clock.install({ time: new Date(launch.clockAt) });
  return context;
}

/** Makes the profile: the app at `url` loads the demo, registers its service worker and stores its first completion pass. */
export async function makeDemoProfile(url: string, launch: DeviceLaunch): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'eplan-e2e-demo-'));
  const context = await openProfile(dir, launch);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.getByRole('button', { name: 'โหลดข้อมูลสาธิต' }).click();
    await expect(page.getByTestId('lao-count')).toHaveText('100', { timeout: 120_000 });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect(page.getByTestId('task-card').first()).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('completion-updating')).toHaveCount(0, { timeout: 120_000 });
  } finally {
    await context.close();
  }
  return dir;
}

/** A copy of the profile in a browser of its own; closing it removes the copy. */
export async function openDemoDevice(profile: string, launch: DeviceLaunch): Promise<{ context: BrowserContext; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'eplan-e2e-device-'));
  await cp(profile, dir, { recursive: true });
  const context = await openProfile(dir, launch);
  return {
    context,
    async dispose() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const removeProfile = (dir: string) => rm(dir, { recursive: true, force: true });
