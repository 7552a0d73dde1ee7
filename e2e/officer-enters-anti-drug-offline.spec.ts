import { expect, test } from './support/fixtures';
import { dialog, draftKept, loadDemoThenGoOffline, openCategory, reloadOffline, rowCount, search, section, snap } from './support/workspace';

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('an officer enters an anti-drug activity offline: refused bad input, keyboard save, edit with history, undoable delete, draft kept across a reload', async ({ page, context }) => {
  await loadDemoThenGoOffline(page, context);
  await openCategory(page, '8. นโยบายเร่งด่วนยาเสพติด');
  const list = section(page, 'antiDrugActivities');
  const before = await rowCount(list);

  // Bad input, typed with the keyboard only: a date that does not exist and a negative budget.
  await list.getByRole('button', { name: 'เพิ่มกิจกรรม' }).click();
  const form = dialog(page);
  await expect(form.getByLabel('ชื่อกิจกรรม')).toBeFocused();
  await page.keyboard.type('อบรมเยาวชนต้านยาเสพติด');
  await page.keyboard.press('Tab');
  await page.keyboard.type('31/02/2570');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('-5,000');
  await page.keyboard.press('Tab');
  await page.keyboard.type('80');
  await page.keyboard.press('Enter');
  await expect(form.getByTestId('form-errors')).toBeVisible();
  await expect(form.getByText('ไม่มีวันที่นี้ในปฏิทิน', { exact: false })).toBeVisible();
  await expect(form.getByText('ต้องไม่ติดลบ', { exact: false })).toBeVisible();
  await snap(page, 'anti-drug-form-errors-th');
  expect(await rowCount(list)).toBe(before);
  // A refused save still keeps what was typed as a draft.
  await draftKept(page);

  // Corrected and saved with Ctrl+S.
  await form.getByLabel('วันที่จัดกิจกรรม').fill('15/11/2569');
  await form.getByLabel('งบประมาณ').fill('12500.5');
  await form.getByLabel('งบประมาณ').press('Tab');
  await expect(form.getByLabel('งบประมาณ')).toHaveValue('12,500.50');
  await expect(form.getByLabel('เจ้าหน้าที่บันทึกแทน อปท.')).toBeChecked();
  await page.keyboard.press('Control+s');
  await expect(page.getByText('บันทึกเรียบร้อยแล้ว')).toBeVisible();
  await expect(form).toBeHidden();
  await expect.poll(() => rowCount(list)).toBe(before + 1);

  // After a reload it is still there and can be found.
  await reloadOffline(page, context);
  await search(list, 'อบรมเยาวชนต้านยา');
  const row = list.getByRole('row', { name: /อบรมเยาวชนต้านยาเสพติด/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('12,500.50 บาท');
  await expect(row).toContainText('15 พ.ย. 2569');

  // Edit: the change shows in the record's history.
  await row.click();
  await form.getByLabel('จำนวนผู้เข้าร่วม (คน)').fill('95');
  await form.getByLabel('จำนวนผู้เข้าร่วม (คน)').press('Enter');
  await expect(form).toBeHidden();
  await expect(row).toContainText('95');
  await row.click();
  await form.getByRole('tab', { name: 'ประวัติการแก้ไข' }).click();
  await expect(form.getByTestId('record-history')).toContainText('แก้ไข');
  await expect(form.getByTestId('record-history')).toContainText('80');
  await expect(form.getByTestId('record-history')).toContainText('95');
  await snap(page, 'anti-drug-history-th');
  await form.getByRole('tab', { name: 'รายละเอียด' }).click();

  // Delete, then undo.
  await form.getByRole('button', { name: 'ลบ', exact: true }).click();
  await expect(row).toBeHidden();
  await page.getByRole('button', { name: 'เลิกทำ' }).click();
  await expect(row).toBeVisible();

  // A record typed halfway survives a reload.
  await list.getByRole('button', { name: 'เพิ่มกิจกรรม' }).click();
  await form.getByLabel('ชื่อกิจกรรม').fill('กีฬาเยาวชนสัมพันธ์');
  await form.getByLabel('จำนวนผู้เข้าร่วม (คน)').fill('150');
  await draftKept(page);
  await reloadOffline(page, context);
  await expect(list.getByTestId('draft-banner')).toBeVisible();
  await list.getByRole('button', { name: 'ทำต่อ' }).click();
  await expect(form.getByTestId('draft-restored')).toBeVisible();
  await expect(form.getByLabel('ชื่อกิจกรรม')).toHaveValue('กีฬาเยาวชนสัมพันธ์');
  await expect(form.getByLabel('จำนวนผู้เข้าร่วม (คน)')).toHaveValue('150');
  await form.getByLabel('วันที่จัดกิจกรรม').fill('20/11/2569');
  // Closed the moment it was typed (Esc), before the draft's own 300 ms: the date is kept all the same.
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await list.getByRole('button', { name: 'ทำต่อ' }).click();
  await expect(form.getByLabel('วันที่จัดกิจกรรม')).toHaveValue('20/11/2569');
  await expect(form.getByLabel('ชื่อกิจกรรม')).toHaveValue('กีฬาเยาวชนสัมพันธ์');
  await form.getByLabel('งบประมาณ').fill('3,000');
  await snap(page, 'anti-drug-form-th');
  await form.getByLabel('งบประมาณ').press('Enter');
  await expect(form).toBeHidden();
  await expect(list.getByTestId('draft-banner')).toHaveCount(0);

  // The same form in English.
  await page.getByRole('button', { name: 'English' }).click();
  await list.getByRole('button', { name: 'Add activity' }).click();
  await expect(form.getByLabel('Activity name')).toBeVisible();
  await snap(page, 'anti-drug-form-en');
});
