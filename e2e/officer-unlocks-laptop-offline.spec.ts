import { expect, test } from './support/fixtures';

// Wrong passwords count against the user on the server: a server of its own.
test.use({ ownServer: true });

const PASSWORD = 'demo-2568';

test('a signed-in laptop opens locked, unlocks offline with the password only, and locks on demand', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.goto('/#/login');
  await page.getByLabel('ชื่อผู้ใช้').fill('demo-officer2');
  await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
  await expect(page.getByLabel('ที่อยู่เซิร์ฟเวอร์')).not.toHaveValue('');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
  await expect(page.getByTestId('sync-last')).toContainText('ซิงก์ล่าสุด', { timeout: 90_000 });
  // Signing in unlocked this window: a reload keeps working.
  await page.reload();
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await expect(page.getByTestId('sync-last')).toBeVisible();

  // The laptop is closed and opened later, far from any network: a fresh window starts locked.
  await context.setOffline(true);
  const later = await context.newPage();
  await later.goto('/#/laos');
  const lock = later.getByTestId('lock-screen');
  await expect(lock).toBeVisible();
  await expect(lock).toContainText('ใส่รหัสผ่านของ');
  await expect(later.getByRole('link', { name: 'ทะเบียน อปท.' })).toHaveCount(0);
  await expect(later.getByTestId('lao-card')).toHaveCount(0);
  await later.screenshot({ path: 'e2e/screenshots/lock-screen-th.png' });

  await lock.getByLabel('รหัสผ่าน').fill('not-the-password');
  await lock.getByLabel('รหัสผ่าน').press('Enter');
  await expect(later.getByTestId('lock-error')).toContainText('รหัสผ่านไม่ถูกต้อง (ผิด 1 ครั้ง)');
  await expect(lock.getByText('ต่ออินเทอร์เน็ตแล้วเข้าสู่ระบบใหม่ได้')).toBeVisible();

  await lock.getByLabel('รหัสผ่าน').fill(PASSWORD);
  await lock.getByLabel('รหัสผ่าน').press('Enter');
  await expect(lock).toHaveCount(0);
  await expect(later.getByTestId('lao-card').first()).toBeVisible();

  // The padlock locks at once; English is available on the lock screen too.
  await later.getByTestId('lock-now').click();
  await expect(later.getByTestId('lock-screen')).toBeVisible();
  await later.getByRole('button', { name: 'English' }).click();
  await expect(later.getByTestId('lock-screen')).toContainText('The app is locked');
  await later.screenshot({ path: 'e2e/screenshots/lock-screen-en.png' });
});
