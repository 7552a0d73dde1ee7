import { expect, test } from './support/fixtures';
import { dialog, draftSurvivesReload, editThenDeleteAndUndo, loadDemoThenGoOffline, openCategory, pickOption, reloadOffline, rowCount, section, snap, switchToEnglish } from './support/workspace';

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('an officer enters a disbursement offline: paying beyond the allocation is refused until a reason is given', async ({ page, context }) => {
  await loadDemoThenGoOffline(page, context);
  await openCategory(page, '5. การเบิกจ่าย');
  const list = section(page, 'disbursements');
  const before = await rowCount(list);
  const form = dialog(page);

  await list.getByRole('button', { name: 'เพิ่มการเบิกจ่าย' }).click();
  await pickOption(form.getByLabel('รายการในข้อบัญญัติ'));
  await form.getByLabel('วันที่เบิกจ่าย').fill('20/11/2569');
  await expect(form.getByText('ไตรมาสที่ 1 ปีงบประมาณ พ.ศ. 2570')).toBeVisible();
  await form.getByLabel('จำนวนเงินที่เบิกจ่าย').fill('999999999');
  await form.getByLabel('จำนวนเงินที่เบิกจ่าย').press('Enter');
  await expect(form.getByText('ยอดเบิกจ่ายรวมเกินงบประมาณที่ตั้งไว้', { exact: false })).toBeVisible();
  await snap(page, 'disbursement-form-errors-th');
  expect(await rowCount(list)).toBe(before);

  await form.getByLabel('เหตุผลกรณีเบิกจ่ายเกินวงเงิน').fill('โอนงบประมาณเพิ่มตามมติสภา สมัยวิสามัญ ครั้งที่ 2/2569');
  await form.getByLabel('จำนวนเงินที่เบิกจ่าย').press('Control+s');
  await expect(form).toBeHidden();
  await expect.poll(() => rowCount(list)).toBe(before + 1);

  await reloadOffline(page, context);
  await editThenDeleteAndUndo(page, list, '999,999,999', /999,999,999\.00/, 'วันที่เบิกจ่าย', '21/11/2569', '21 พ.ย. 2569');
  await expect(list.getByRole('row', { name: /999,999,999\.00/ })).toContainText('ไตรมาส 1');
  await draftSurvivesReload(page, context, list, 'เพิ่มการเบิกจ่าย', 'จำนวนเงินที่เบิกจ่าย', '12,345.00');
  await snap(page, 'disbursement-form-th');
  await form.getByRole('button', { name: 'ยกเลิก' }).click();

  await switchToEnglish(page);
  await list.getByRole('button', { name: 'Add disbursement' }).click();
  await snap(page, 'disbursement-form-en');
});
