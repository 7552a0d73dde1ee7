import { expect, test } from './support/fixtures';
import { dialog, draftSurvivesReload, editThenDeleteAndUndo, loadDemoThenGoOffline, openCategory, reloadOffline, rowCount, section, snap, switchToEnglish } from './support/workspace';

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('an officer enters a month of fiscal statistics offline', async ({ page, context }) => {
  await loadDemoThenGoOffline(page, context);
  await openCategory(page, '7. สถิติการคลัง');
  const list = section(page, 'fiscalStats');
  const before = await rowCount(list);
  const form = dialog(page);

  await list.getByRole('button', { name: 'เพิ่มสถิติการคลังรายเดือน' }).click();
  await form.getByRole('combobox', { name: /^เดือน/ }).selectOption({ label: 'มีนาคม 2570' });
  await form.getByLabel('ภาษีอากรที่จัดเก็บเอง').fill('หนึ่งล้าน');
  await form.getByLabel('งบบุคลากร').fill('800,000');
  await form.getByLabel('งบบุคลากร').press('Enter');
  await expect(form.getByText('กรุณากรอกจำนวนเงินเป็นตัวเลข', { exact: false })).toBeVisible();
  await snap(page, 'fiscal-stats-form-errors-th');
  expect(await rowCount(list)).toBe(before);
  await form.getByLabel('ภาษีอากรที่จัดเก็บเอง').fill('1250000');
  await form.getByLabel('เงินอุดหนุนทั่วไป').fill('3,000,000.50');
  await form.getByLabel('เงินอุดหนุนทั่วไป').press('Control+s');
  await expect(form).toBeHidden();
  await expect.poll(() => rowCount(list)).toBe(before + 1);

  await reloadOffline(page, context);
  await editThenDeleteAndUndo(page, list, 'มีนาคม', /มีนาคม 2570/, 'งบบุคลากร', '900,000', '900,000.00 บาท');
  await expect(list.getByRole('row', { name: /มีนาคม 2570/ })).toContainText('4,250,000.50 บาท');
  await draftSurvivesReload(page, context, list, 'เพิ่มสถิติการคลังรายเดือน', 'งบดำเนินงาน', '12,000.00');
  await snap(page, 'fiscal-stats-form-th');
  await form.getByRole('button', { name: 'ยกเลิก' }).click();

  await switchToEnglish(page);
  await list.getByRole('button', { name: 'Add monthly statistics' }).click();
  await snap(page, 'fiscal-stats-form-en');
});
