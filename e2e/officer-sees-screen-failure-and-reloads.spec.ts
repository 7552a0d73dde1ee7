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
  await expect.poll(() => logged.some((text) => text.startsWith('[eplan] forced render error'))).toBe(true);
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
