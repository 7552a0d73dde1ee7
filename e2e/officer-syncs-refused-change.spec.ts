import { expect, test } from './support/fixtures';

// Pushes a change the server refuses: a server of its own.
test.use({ ownServer: true });

test('a change the server refuses stays on the device, flagged with a reason, until the officer lets it go', async ({ page }) => {
  test.setTimeout(180_000);
  // The in-browser demo holds every LAO of the province; officer 1 is assigned only some of them.
  await page.goto('/');
  await page.getByRole('button', { name: 'โหลดข้อมูลสาธิต' }).click();
  await expect(page.getByTestId('lao-count')).toHaveText('100', { timeout: 60_000 });
  await page.goto('/#/login');
  await page.getByLabel('ชื่อผู้ใช้').fill('demo-officer1');
  await page.getByLabel('รหัสผ่าน').fill('demo-2568');
  await expect(page.getByLabel('ที่อยู่เซิร์ฟเวอร์')).not.toHaveValue('');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
  await expect(page.getByTestId('sync-last')).toContainText('ซิงก์ล่าสุด', { timeout: 90_000 });

  await page.goto('/#/visits');
  const form = page.getByRole('form', { name: 'บันทึกการลงพื้นที่ครั้งใหม่' });
  await form.getByLabel('อปท. ที่ลงพื้นที่').click();
  // The officer's own LAOs come first; the last one is someone else's.
  await page.getByRole('option').last().click();
  await form.getByLabel('บันทึกเพิ่มเติม').fill('ลงพื้นที่แทนเพื่อนร่วมงาน');
  await form.getByLabel('บันทึกเพิ่มเติม').press('Control+s');
  await expect(page.getByText('บันทึกการลงพื้นที่เรียบร้อยแล้ว')).toBeVisible();

  // Pushed shortly after the write; the server refuses it; it is kept and shown.
  await expect(page.getByTestId('sync-rejected')).toHaveText('เซิร์ฟเวอร์ไม่รับ 1 รายการ', { timeout: 30_000 });
  await expect(page.getByTestId('sync-pending')).toHaveText('ซิงก์ครบแล้ว');
  await page.getByTestId('sync-rejected').click();
  const problem = page.getByTestId('rejected-change');
  await expect(problem).toContainText('ไม่มีสิทธิ์บันทึกข้อมูลของ อปท. นี้');
  await page.screenshot({ path: 'e2e/screenshots/sync-refused-change-th.png' });
  await problem.getByRole('button', { name: 'ทิ้งรายการนี้' }).click();
  // Nothing left to read: the list and its chip go away.
  await expect(page.getByTestId('rejected-change')).toHaveCount(0);
  await expect(page.getByTestId('sync-rejected')).toHaveCount(0);
});
