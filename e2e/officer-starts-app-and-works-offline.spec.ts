import { expect, test, type Page } from './support/fixtures';

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });

test.describe('an officer opens the app for the first time', () => {
  test('Thai by default, loads demo data, switches language, keeps working offline', async ({ page, context }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText('ระบบติดตามแผนพัฒนาท้องถิ่น')).toBeVisible();
    await expect(page.getByTestId('today')).toContainText('พ.ศ.');
    await expect(page.getByTestId('online-status')).toHaveAttribute('data-online', 'true');

    await page.getByRole('button', { name: 'โหลดข้อมูลสาธิต' }).click();
    await expect(page.getByTestId('lao-count')).toHaveText('100', { timeout: 60_000 });
    await expect(page.getByTestId('demo-banner')).toBeVisible();
    // Not signed in: nothing claims to be synced; the data is on this device.
    await expect(page.getByTestId('sync-pending')).toHaveText('บันทึกไว้ในเครื่องนี้ (ยังไม่ได้เข้าสู่ระบบ)');
    await shot(page, 'home-th');

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByText('Province overview').or(page.getByText('Demo Province'))).toBeVisible();
    await expect(page.getByRole('link', { name: 'LAO directory', exact: true })).toBeVisible();
    await shot(page, 'home-en');
    await page.getByRole('button', { name: 'ไทย' }).click();

    await context.setOffline(true);
    await expect(page.getByTestId('online-status')).toHaveAttribute('data-online', 'false');
    await page.getByRole('link', { name: 'ทะเบียน อปท.', exact: true }).click();
    await expect(page.getByTestId('lao-card').first()).toBeVisible();
    // The list renders only the cards on screen; the count says how many match.
    const shown = async () => Number(await page.getByTestId('lao-count-shown').getAttribute('data-count'));
    await expect(page.getByTestId('lao-count-shown')).toHaveAttribute('data-count', '100');
    const all = 100;
    await page.getByLabel('ค้นหา อปท. (ชื่อ รหัส หรืออำเภอ)').fill('เทศบาล');
    await expect.poll(shown).toBeLessThan(all);
    await shot(page, 'directory-offline-th');

    // Filter by this month's completion state, worked out from the records on the device.
    await page.getByLabel('ค้นหา อปท. (ชื่อ รหัส หรืออำเภอ)').fill('');
    await expect(page.getByRole('combobox', { name: 'สถานะงานเดือนนี้' })).toBeEnabled({ timeout: 30_000 });
    await page.getByRole('combobox', { name: 'สถานะงานเดือนนี้' }).click();
    await page.getByRole('option', { name: 'ครบถ้วน' }).click();
    await expect.poll(shown).toBeLessThan(all);
    const complete = page.getByTestId('lao-card');
    expect(await complete.count()).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) await expect(complete.nth(i).locator('[data-status]')).toHaveAttribute('data-status', 'complete');
    await shot(page, 'directory-status-filter-th');
    await context.setOffline(false);
    await expect(page.getByTestId('online-status')).toHaveAttribute('data-online', 'true');
  });

  test('data stays on the device across reloads, and the app opens with no network at all', async ({ page, context }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'โหลดข้อมูลสาธิต' }).click();
    await expect(page.getByTestId('lao-count')).toHaveText('100', { timeout: 60_000 });
    await page.reload();
    await expect(page.getByTestId('lao-count')).toHaveText('100');

    // The service worker has cached the app: offline reloads and deep links still open it.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('lao-count')).toHaveText('100');
    // Other pages open offline too, each with its data: the directory, the matrix, the visits.
    await page.goto('/#/laos');
    await expect(page.getByTestId('lao-card').first()).toBeVisible();
    await page.goto('/#/matrix');
    await expect(page.getByTestId('matrix-row')).toHaveCount(100, { timeout: 30_000 });
    await page.goto('/#/visits');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await context.setOffline(false);
  });
});
