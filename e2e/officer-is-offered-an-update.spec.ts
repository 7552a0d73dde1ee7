import { expect, test, type Page } from './support/fixtures';
import { signIn } from './support/sync';

test.use({ ownServer: true });

/**
 * The desktop's side of the bridge, played in the page (no Electron binary
 * here): what main would do is recorded, and the test pushes the update
 * states main/updates.ts would send. The renderer cannot tell the difference.
 */
function playDesktop(): void {
  type Listener = (state: unknown) => void;
  const listeners = new Set<Listener>();
  let token: string | null = null;
  const desktop = {
    feeds: [] as string[],
    languages: [] as string[],
    installs: 0,
    push: (state: unknown) => listeners.forEach((listener) => listener(state)),
  };
  Object.assign(window, {
    __desktop: desktop,
    eplanPlatform: {
      kind: 'electron',
      appVersion: async () => '0.1.0',
      saveFile: async () => ({ ok: false, code: 'CANCELLED' }),
      storeToken: async (value: string) => void (token = value),
      readToken: async () => token,
      clearToken: async () => void (token = null),
      defaultServerUrl: async () => location.origin,
      openExternal: async () => false,
      setLanguage: async (language: string) => void desktop.languages.push(language),
      reportError: async () => undefined,
      setUpdateServer: async (url: string) => void desktop.feeds.push(url),
      updateState: async () => ({ status: 'idle' }),
      installUpdate: async () => {
        desktop.installs += 1;
        return true;
      },
      onUpdateState: (listener: Listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  });
}

interface Desktop {
  feeds: string[];
  languages: string[];
  installs: number;
  push(state: unknown): void;
}
/** What main was told so far. */
const told = (page: Page) =>
  page.evaluate(() => {
    const { feeds, languages, installs } = (window as unknown as { __desktop: Desktop }).__desktop;
    return { feeds, languages, installs };
  });
const push = (page: Page, state: unknown) =>
  page.evaluate((s) => (window as unknown as { __desktop: Desktop }).__desktop.push(s), state);

test('the signed-in server becomes the update feed; the download shows its progress and the restart waits for the officer', async ({ page, baseURL }) => {
  await page.addInitScript(playDesktop);
  await signIn(page, 'demo-officer1');
  // The menus follow the app's language; the feed is the server this laptop signed in to.
  expect((await told(page)).languages).toEqual(['th']);
  await expect.poll(async () => (await told(page)).feeds).toEqual([baseURL?.replace(/\/$/, '')]);

  await push(page, { status: 'downloading', version: '0.2.0', percent: 42 });
  const downloading = page.getByTestId('update-downloading');
  await expect(downloading).toContainText('กำลังดาวน์โหลดโปรแกรมรุ่น 0.2.0… 42%');
  await expect(downloading.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '42');
  await page.screenshot({ path: 'e2e/screenshots/update-downloading-th.png' });

  await push(page, { status: 'ready', version: '0.2.0' });
  const ready = page.getByTestId('update-ready');
  await expect(ready).toContainText('รุ่น 0.2.0 พร้อมติดตั้งแล้ว');
  await expect(ready).toContainText('งานที่ยังไม่ซิงค์ปลอดภัยอยู่ในเครื่องนี้ และจะซิงค์หลังเริ่มใหม่');
  await page.screenshot({ path: 'e2e/screenshots/update-ready-th.png' });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(ready).toContainText('Your unsynced work is safe on this laptop and will sync after the restart.');
  expect((await told(page)).languages).toEqual(['th', 'en']);
  await page.screenshot({ path: 'e2e/screenshots/update-ready-en.png' });

  // "Later" hides this version's offer; nothing restarts without the officer's word.
  await ready.getByRole('button', { name: 'Later' }).click();
  await expect(ready).toHaveCount(0);
  await push(page, { status: 'ready', version: '0.2.0' });
  await expect(page.getByTestId('update-ready')).toHaveCount(0);
  expect((await told(page)).installs).toBe(0);

  await push(page, { status: 'ready', version: '0.2.1' });
  await page.getByTestId('update-ready').getByRole('button', { name: 'Restart now' }).click();
  await expect.poll(async () => (await told(page)).installs).toBe(1);
  await page.getByRole('button', { name: 'ไทย' }).click();
});
