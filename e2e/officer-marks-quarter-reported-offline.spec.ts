import { expect, test } from './support/fixtures';
import { dialog, loadDemoThenGoOffline, openCategory, reloadOffline, rowCount, section } from './support/workspace';

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('an officer marks a quarter as reported offline; an impossible quarter is refused', async ({ page, context }) => {
  await loadDemoThenGoOffline(page, context);
  await openCategory(page, '5. การเบิกจ่าย');
  const list = section(page, 'quarterReports');
  const before = await rowCount(list);
  const form = dialog(page);

  await list.getByRole('button', { name: 'บันทึกว่ารายงานไตรมาสแล้ว' }).click();
  await form.getByLabel('ไตรมาสที่ (1–4)').fill('5');
  await form.getByLabel('วันที่รายงาน').fill('20/11/2569');
  await form.getByLabel('วันที่รายงาน').press('Enter');
  await expect(form.getByText('ไตรมาสต้องเป็น 1 ถึง 4')).toBeVisible();
  expect(await rowCount(list)).toBe(before);

  await form.getByLabel('ไตรมาสที่ (1–4)').fill('1');
  await form.getByLabel('วันที่รายงาน').press('Control+s');
  await expect(form).toBeHidden();
  await expect.poll(() => rowCount(list)).toBe(before + 1);
  await page.screenshot({ path: 'e2e/screenshots/quarter-reported-th.png' });

  await reloadOffline(page, context);
  await expect.poll(() => rowCount(section(page, 'quarterReports'))).toBe(before + 1);
  await expect(section(page, 'quarterReports').getByText('ไตรมาส 1').first()).toBeVisible();
});
