import { randomUUID } from 'node:crypto';
import { expect, test } from './support/fixtures';
import { pushed, signIn } from './support/sync';

// Pushes a visit: a server of its own.
test.use({ ownServer: true });

test('an officer signs in, logs a visit offline, syncs on reconnect, and the supervisor, after a wrong password, sees it', async ({ page, context, openContext }) => {
  test.setTimeout(240_000);
  await signIn(page, 'demo-officer1');
  const supervisor = await (await openContext()).newPage();
  // A wrong password gets a translated message and no session.
  await supervisor.goto('/#/login');
  await supervisor.getByLabel('ชื่อผู้ใช้').fill('demo-supervisor');
  await supervisor.getByLabel('รหัสผ่าน').fill('wrong-password');
  await expect(supervisor.getByLabel('ที่อยู่เซิร์ฟเวอร์')).not.toHaveValue('');
  await supervisor.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
  await expect(supervisor.getByTestId('login-error')).toHaveText('ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง');
  await expect(supervisor.getByTestId('sync-sign-in')).toBeVisible();
  await signIn(supervisor, 'demo-supervisor');
  await supervisor.goto('/#/visits');
  await expect(supervisor.getByTestId('visit-count')).toBeVisible();

  await context.setOffline(true);
  await page.goto('/#/visits');
  const form = page.getByRole('form', { name: 'บันทึกการลงพื้นที่ครั้งใหม่' });
  await form.getByLabel('อปท. ที่ลงพื้นที่').click();
  await page.getByRole('option').first().click();
  const note = `ลงพื้นที่ติดตามแผน ${randomUUID().slice(0, 8)}`;
  await form.getByLabel('บันทึกเพิ่มเติม').fill(note);
  await form.getByLabel('บันทึกเพิ่มเติม').press('Control+s');
  await expect(page.getByText('บันทึกการลงพื้นที่เรียบร้อยแล้ว')).toBeVisible();
  await expect(page.getByTestId('sync-pending')).toHaveText('1 รายการยังไม่ได้ซิงก์');
  await page.screenshot({ path: 'e2e/screenshots/sync-pending-offline-th.png' });

  // Back online: the reconnect pushes the visit.
  await context.setOffline(false);
  await pushed(page);
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-pending', '0');
  await expect(page.getByTestId('sync-last')).toContainText('ซิงก์ล่าสุด');
  await expect(page.getByTestId('sync-error')).toHaveCount(0);

  // The supervisor's open app is poked by the server and pulls the visit.
  await expect(supervisor.getByTestId('visit-row').filter({ hasText: note })).toHaveCount(1, { timeout: 30_000 });
  await supervisor.screenshot({ path: 'e2e/screenshots/sync-supervisor-sees-visit-th.png' });
  await supervisor.context().close();
});
