import { expect, test } from './support/fixtures';

// Adds and disables accounts: a server of its own, so no other spec sees them.
test.use({ ownServer: true });

test('an administrator adds an officer for two LAOs, is told a username is taken, and disables the account', async ({ page, openContext }) => {
  test.setTimeout(180_000);
  await page.goto('/#/login');
  await page.getByLabel('ชื่อผู้ใช้').fill('demo-admin');
  await page.getByLabel('รหัสผ่าน').fill('demo-2568');
  await expect(page.getByLabel('ที่อยู่เซิร์ฟเวอร์')).not.toHaveValue('');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
  // Reference data (provinces, LAOs) arrives with the sign-in; the records may still be downloading.
  await expect(page).toHaveURL(/#\/$/, { timeout: 30_000 });

  await page.getByRole('link', { name: 'ผู้ใช้และสิทธิ์' }).click();
  await expect(page.getByTestId('user-row').filter({ hasText: 'demo-officer1' })).toBeVisible();

  // A username someone already has: the server refuses, the dialog says why and nothing is added.
  const rowsBefore = await page.getByTestId('user-row').count();
  await page.getByRole('button', { name: 'เพิ่มผู้ใช้' }).click();
  const dialog = page.getByTestId('user-dialog');
  await dialog.getByLabel('ชื่อผู้ใช้').fill('demo-officer1');
  await dialog.getByLabel('ชื่อ-นามสกุล').fill('นางสาวทดสอบ ระบบดี');
  await dialog.getByLabel('จังหวัดที่รับผิดชอบ').click();
  await page.getByRole('option').first().click();
  for (let pick = 0; pick < 2; pick++) {
    await dialog.getByLabel('อปท. ที่รับผิดชอบ').click();
    await page.getByRole('option', { selected: false }).first().click();
  }
  await dialog.getByLabel('รหัสผ่าน').fill('short');
  await dialog.getByRole('button', { name: 'บันทึก' }).click();
  await expect(dialog).toContainText('รหัสผ่านต้องยาวอย่างน้อย 8 ตัวอักษร');
  await dialog.getByLabel('รหัสผ่าน').fill('field-work-2569');
  await dialog.getByRole('button', { name: 'บันทึก' }).click();
  await expect(page.getByTestId('user-error')).toHaveText('ชื่อผู้ใช้นี้มีผู้ใช้แล้ว');
  await page.screenshot({ path: 'e2e/screenshots/admin-user-dialog-th.png' });

  await dialog.getByLabel('ชื่อผู้ใช้').fill('field.officer9');
  await dialog.getByRole('button', { name: 'บันทึก' }).click();
  await expect(dialog).toBeHidden();
  const added = page.getByTestId('user-row').filter({ hasText: 'field.officer9' });
  await expect(added).toContainText('2 แห่ง');
  await expect(page.getByTestId('user-row')).toHaveCount(rowsBefore + 1);

  // Disabling the account: the list says so (and the server ends its sessions).
  await added.getByRole('button', { name: 'แก้ไข นางสาวทดสอบ ระบบดี' }).click();
  await page.getByTestId('user-dialog').getByLabel('ระงับการใช้งานบัญชีนี้').check();
  await page.getByTestId('user-dialog').getByRole('button', { name: 'บันทึก' }).click();
  await expect(added).toContainText('ระงับแล้ว');
  await page.screenshot({ path: 'e2e/screenshots/admin-users-th.png' });

  // The new account cannot sign in while disabled.
  const other = await (await openContext()).newPage();
  await other.goto('/#/login');
  await other.getByLabel('ชื่อผู้ใช้').fill('field.officer9');
  await other.getByLabel('รหัสผ่าน').fill('field-work-2569');
  await expect(other.getByLabel('ที่อยู่เซิร์ฟเวอร์')).not.toHaveValue('');
  await other.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
  await expect(other.getByTestId('login-error')).toBeVisible();
});
