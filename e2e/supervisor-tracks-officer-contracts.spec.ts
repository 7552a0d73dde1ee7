import { expect, test } from './support/fixtures';
import { openDemo } from './support/workspace';

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('the officers page shows contract documents on time, late, and each officer\'s progress this month', async ({ page }) => {
  await openDemo(page);
  await page.getByRole('link', { name: 'เจ้าหน้าที่' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('เจ้าหน้าที่และสัญญาจ้าง');
  // The demo lets anyone look at the supervisors' page, and says so.
  await expect(page.getByText('หน้านี้สำหรับ สถจ. (แสดงในโหมดสาธิต)')).toBeVisible();
  const rows = page.getByTestId('officer-row');
  await expect(rows).toHaveCount(4);
  const late = page.locator('[data-testid="officer-row"][data-docs-status="late"]');
  await expect(late).toHaveCount(1);
  await expect(late).toContainText('ล่าช้า');
  await expect(late).toContainText(/ล่าช้า \d+ วัน/);
  await expect(page.locator('[data-testid="officer-row"][data-docs-status="on_time"]')).toHaveCount(3);
  await expect(page.getByTestId('late-count')).toHaveText('ส่งเอกสารล่าช้า 1 คน');
  // Dates in B.E.; the due date is signing + 15 days.
  await expect(rows.first()).toContainText('2567');
  await expect(rows.first().getByTestId('officer-percent')).toHaveText(/^\d+%$/, { timeout: 30_000 });
  await page.screenshot({ path: 'e2e/screenshots/officers-th.png', fullPage: true });

  await page.getByRole('button', { name: 'English' }).click();
  await expect(late).toContainText('Late');
  await page.screenshot({ path: 'e2e/screenshots/officers-en.png', fullPage: true });
  await page.getByRole('button', { name: 'ไทย' }).click();
});
