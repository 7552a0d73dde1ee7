import { expect, test } from './support/fixtures';
import { signIn, submitLogin } from './support/sync';

// The administrator changes a user on the server: a server of its own, so no other spec sees it.
test.use({ ownServer: true });

test('an administrator sets an officer\'s contract dates, and a supervisor\'s laptop shows each officer from the server', async ({ page, openContext }) => {
  test.setTimeout(240_000);
  // The administrator, in the users screen.
  await submitLogin(page, 'demo-admin');
  await expect(page).toHaveURL(/#\/$/, { timeout: 30_000 });
  await page.getByRole('link', { name: 'ผู้ใช้และสิทธิ์' }).click();
  const officer2 = page.getByTestId('user-row').filter({ hasText: 'demo-officer2' });
  await expect(officer2).toBeVisible();

  await officer2.getByRole('button', { name: /^แก้ไข / }).click();
  const dialog = page.getByTestId('user-dialog');
  const signedOn = dialog.getByLabel('วันที่ลงนามสัญญาจ้าง');
  const sentOn = dialog.getByLabel('วันที่ส่งเอกสารการจ้างให้ สถ.');
  // The demo's dates, from the server, in B.E.
  await expect(signedOn).toHaveValue(/^\d\d\/10\/2567$/);
  // Documents before the contract: refused under their own field, nothing sent.
  await signedOn.fill('01/11/2569');
  await sentOn.fill('31/10/2569');
  await dialog.getByRole('button', { name: 'บันทึก' }).click();
  await expect(dialog).toContainText('วันที่ส่งเอกสารการจ้างต้องไม่ก่อนวันที่ลงนามในสัญญาจ้าง');
  // Signed on 1 Nov 2569, documents not sent: due 16 Nov, ten days overdue on 26 Nov.
  await sentOn.fill('');
  await expect(dialog.getByTestId('contract-deadline')).toContainText('กำหนดส่งเอกสาร 16 พ.ย. 2569');
  await expect(dialog.getByTestId('contract-status')).toHaveText('เลยกำหนด 10 วัน');
  await dialog.getByTestId('contract-deadline').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/screenshots/admin-user-contract-th.png' });
  await dialog.getByRole('button', { name: 'บันทึก' }).click();
  await expect(dialog).toBeHidden();
  await expect(officer2.getByTestId('user-contract')).toContainText('1 พ.ย. 2569');
  await expect(officer2.getByTestId('user-contract')).toContainText('เลยกำหนด 10 วัน');
  await page.screenshot({ path: 'e2e/screenshots/admin-users-contracts-th.png', fullPage: true });

  // The supervisor, on another laptop, signs in and syncs the province.
  const supervisor = await (await openContext()).newPage();
  await signIn(supervisor, 'demo-supervisor');
  await supervisor.getByRole('link', { name: 'เจ้าหน้าที่' }).click();
  const rows = supervisor.getByTestId('officer-row');
  await expect(rows).toHaveCount(4);
  // Server data, not the demo: the page does not call itself a demo page.
  await expect(supervisor.getByText('หน้านี้สำหรับ สถจ. (แสดงในโหมดสาธิต)')).toHaveCount(0);
  const row2 = rows.filter({ hasText: 'demo-officer2' });
  await expect(row2).toHaveAttribute('data-docs-status', 'overdue');
  await expect(row2).toContainText('1 พ.ย. 2569');
  await expect(row2).toContainText('16 พ.ย. 2569');
  await expect(row2).toContainText('เลยกำหนด 10 วัน');
  // The other officers keep the demo's contracts: three sent, one of them late.
  await expect(supervisor.locator('[data-testid="officer-row"][data-docs-status="late"]')).toHaveCount(1);
  await expect(supervisor.locator('[data-testid="officer-row"][data-docs-status="on_time"]')).toHaveCount(2);
  await expect(supervisor.getByTestId('late-count')).toHaveText('ส่งเอกสารล่าช้า 2 คน');

  // Each officer is counted by their own LAOs (25 of the province's 100), and their figures differ.
  for (const row of await rows.all()) await expect(row.getByRole('cell').nth(1)).toHaveText('25');
  const percents = supervisor.getByTestId('officer-year-percent');
  await expect(percents).toHaveCount(4, { timeout: 60_000 });
  // The page first shows the results this laptop stored before the download (every task not yet
  // due), then its own pass over the downloaded records catches up: the figures are read after that.
  await expect(supervisor.getByTestId('officers-page')).toHaveAttribute('data-results', /^\d{4}-\d{2}-\d{2}$/, { timeout: 60_000 });
  await expect.poll(async () => new Set(await percents.allTextContents()).size, { timeout: 60_000 }).toBeGreaterThan(1);
  const figures = await percents.allTextContents();
  expect(figures.every((figure) => figure !== '0%'), figures.join(' ')).toBe(true);
  await supervisor.screenshot({ path: 'e2e/screenshots/officers-from-server-th.png', fullPage: true });
});
