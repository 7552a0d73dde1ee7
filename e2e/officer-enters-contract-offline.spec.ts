import { expect, test } from './support/fixtures';
import { dialog, draftSurvivesReload, editThenDeleteAndUndo, loadDemoThenGoOffline, openCategory, pickOption, reloadOffline, rowCount, section, snap, switchToEnglish } from './support/workspace';

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('an officer enters a signed contract for an ordinance item offline', async ({ page, context }) => {
  await loadDemoThenGoOffline(page, context);
  await openCategory(page, '4. การก่อหนี้ผูกพัน/สัญญา');
  const list = section(page, 'contracts');
  const before = await rowCount(list);
  const form = dialog(page);

  await list.getByRole('button', { name: 'เพิ่มสัญญา' }).click();
  await pickOption(form.getByLabel('รายการในข้อบัญญัติ'));
  await form.getByLabel('เลขที่สัญญา').fill('ทดสอบ 77/2570');
  await form.getByLabel('วันที่ลงนาม').fill('01/01/2560');
  await form.getByLabel('วงเงินตามสัญญา').fill('450,000');
  await form.getByLabel('คู่สัญญา').fill('หจก.ทดสอบการก่อสร้าง');
  await form.getByLabel('วิธีจัดซื้อจัดจ้าง').selectOption({ label: 'วิธีเฉพาะเจาะจง' });
  await form.getByLabel('คู่สัญญา').press('Enter');
  await expect(form.getByText('วันที่ต้องอยู่ในปีงบประมาณ พ.ศ. 2570', { exact: false })).toBeVisible();
  await snap(page, 'contract-form-errors-th');
  expect(await rowCount(list)).toBe(before);
  await form.getByLabel('วันที่ลงนาม').fill('10/11/2569');
  await form.getByLabel('วันที่ลงนาม').press('Control+s');
  await expect(form).toBeHidden();
  await expect.poll(() => rowCount(list)).toBe(before + 1);
  await expect(page.getByTestId('summary-committed')).not.toHaveText('0.00 บาท');

  await reloadOffline(page, context);
  await editThenDeleteAndUndo(page, list, 'ทดสอบ 77', /ทดสอบ 77\/2570/, 'วงเงินตามสัญญา', '460,000', '460,000.00 บาท');
  await expect(list.getByRole('row', { name: /ทดสอบ 77\/2570/ })).toContainText('10 พ.ย. 2569');
  await draftSurvivesReload(page, context, list, 'เพิ่มสัญญา', 'เลขที่สัญญา', '78/2570');
  await snap(page, 'contract-form-th');
  await form.getByRole('button', { name: 'ยกเลิก' }).click();

  await switchToEnglish(page);
  await list.getByRole('button', { name: 'Add contract' }).click();
  await snap(page, 'contract-form-en');
});
