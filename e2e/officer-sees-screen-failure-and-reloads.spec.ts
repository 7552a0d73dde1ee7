import { expect, test } from './support/fixtures';

// Starts on a laptop that already holds the demo province: the failure must not cost it.
test.use({ demoOnDevice: true });

test('a screen that fails to render shows a translated message with Reload, logs the error, and the data is all there after the reload', async ({ page }) => {
  // The first load of this tab fails its page area (renderer/app/ErrorBoundary.tsx, RenderFailureProbe); the reload does not.
  await page.addInitScript(() => {
    if (sessionStorage.getItem('e2e.failedOnce')) return;
    sessionStorage.setItem('e2e.failedOnce', '1');
    (window as Window & { __eplanFailRender?: boolean }).__eplanFailRender = true;
  });
  const logged: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') logged.push(message.text());
  });

  await page.goto('/');
  const failure = page.getByTestId('render-failure');
  await expect(failure.getByText('ไม่สามารถแสดงหน้านี้ได้')).toBeVisible();
  await expect(failure).toContainText('ข้อมูลของคุณยังอยู่ครบในเครื่องนี้');
  await expect(failure.getByRole('button', { name: 'โหลดใหม่' })).toBeFocused();
  // The app bar and the menu still work around the failed page.
  await expect(page.getByRole('link', { name: 'ทะเบียน อปท.', exact: true })).toBeVisible();
  // The browser version's log is the console.
  await expect.poll(() => logged.some((text) => text.startsWith('[eplan] render error: Error: forced render error'))).toBe(true);
  await page.screenshot({ path: 'e2e/screenshots/render-failure-th.png' });

  await page.getByRole('button', { name: 'English' }).click();
  await expect(failure.getByText('This screen could not be shown')).toBeVisible();
  await expect(failure).toContainText('browser\'s console');
  await page.screenshot({ path: 'e2e/screenshots/render-failure-en.png' });

  await failure.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByTestId('lao-count')).toHaveText('100', { timeout: 30_000 });
  await expect(page.getByTestId('render-failure')).toHaveCount(0);
  await page.getByRole('button', { name: 'ไทย' }).click();
});

test('the page has its icon, /favicon.ico too, and Settings says the web version updates with its server', async ({ page }) => {
  await page.goto('/#/settings');
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  const linked = await page.request.get(new URL(icon ?? '', page.url()).toString());
  expect(linked.status()).toBe(200);
  expect(linked.headers()['content-type']).toBe('image/png');
  const ico = await page.request.get('/favicon.ico');
  expect(ico.status()).toBe(200);
  expect((await ico.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  await expect(page.getByTestId('update-status')).toHaveText('เวอร์ชันเว็บนี้อัปเดตพร้อมกับเซิร์ฟเวอร์: โหลดหน้าใหม่เพื่อรับรุ่นล่าสุด');
  await page.screenshot({ path: 'e2e/screenshots/settings-updates-th.png' });
});

test('a completion pass that fails says so on the checklist, keeps the last statuses, logs the error, and Try again recomputes them', async ({ page }) => {
  // While the tab's session says so, the browser refuses every read of the write log (renderer/data/laoWriteLog.ts),
  // which on a laptop that does not sync only the completion pass reads.
  await page.addInitScript(() => {
    const refusing = () => sessionStorage.getItem('e2e.refuseLogReads') === '1';
    const refuse = (proto: object, store: (self: never) => string) => {
      for (const name of ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor']) {
        const original = (proto as Record<string, (...args: unknown[]) => unknown>)[name];
        if (!original) continue;
        Object.defineProperty(proto, name, {
          configurable: true,
          value(this: never, ...args: unknown[]) {
            if (refusing() && store(this) === 'laoWrites') throw new DOMException('refused by the test', 'UnknownError');
            return original.apply(this, args);
          },
        });
      }
    };
    refuse(IDBObjectStore.prototype, (self: IDBObjectStore) => self.name);
    refuse(IDBIndex.prototype, (self: IDBIndex) => self.objectStore.name);
  });
  const logged: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') logged.push(message.text());
  });

  // A first start computes the statuses and stores them.
  await page.goto('/');
  await expect(page.getByTestId('task-card').first()).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => page.evaluate(() => new Promise<number>((resolve, reject) => {
    const open = indexedDB.open('eplan-field-companion');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const count = open.result.transaction('completionState').objectStore('completionState').count();
      count.onsuccess = () => { open.result.close(); resolve(count.result); };
    };
  })), { timeout: 60_000 }).toBeGreaterThan(0);

  // The next start shows them at once; the pass that checks them against the records fails.
  await page.evaluate(() => sessionStorage.setItem('e2e.refuseLogReads', '1'));
  await page.reload();
  const failed = page.getByTestId('completion-failed');
  await expect(failed).toContainText('ปรับสถานะความครบถ้วนไม่สำเร็จ', { timeout: 60_000 });
  await expect(failed).toContainText('ข้อมูลที่บันทึกไว้ไม่สูญหาย');
  await expect.poll(() => logged.some((text) => text.startsWith('[eplan] completion pass failed'))).toBe(true);
  await expect(page.getByTestId('task-card').first()).toBeVisible();
  await expect(page.getByTestId('completion-updating')).toHaveCount(0);
  await page.screenshot({ path: 'e2e/screenshots/completion-failed-th.png' });

  await page.evaluate(() => sessionStorage.removeItem('e2e.refuseLogReads'));
  await failed.getByRole('button', { name: 'ลองอีกครั้ง' }).click();
  await expect(failed).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('lao-count')).toHaveText('100');
  await expect(page.getByTestId('task-card').first()).toBeVisible();

  // A failure that no code catches reaches the log too (renderer/app/errorLog.ts).
  await page.evaluate(() => { setTimeout(() => void Promise.reject(new Error('nobody waited for this'))); });
  await expect.poll(() => logged.some((text) => text.startsWith('[eplan] unhandled rejection: Error: nobody waited for this'))).toBe(true);
});
