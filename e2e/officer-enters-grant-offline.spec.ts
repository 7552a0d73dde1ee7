import { expect, test } from './support/fixtures';
import { dialog, draftSurvivesReload, editThenDeleteAndUndo, loadDemoThenGoOffline, openCategory, reloadOffline, rowCount, section, snap, switchToEnglish } from './support/workspace';

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('an officer enters a specific-purpose grant offline; commitments above the allocation are refused', async ({ page, context }) => {
  await loadDemoThenGoOffline(page, context);
  await openCategory(page, '6. เงินอุดหนุนเฉพาะกิจ');
  const list = section(page, 'grants');
  const before = await rowCount(list);
  const form = dialog(page);

  await list.getByRole('button', { name: 'เพิ่มโครงการเงินอุดหนุน' }).click();
  await form.getByLabel('ชื่อโครงการ').fill('ก่อสร้างศูนย์พัฒนาเด็กเล็กบ้านดอนสาธิต');
  await form.getByLabel('ข้อมูล ณ วันที่').fill('25/11/2569');
  await form.getByLabel('วงเงินที่ได้รับจัดสรร').fill('2,000,000');
  await form.getByLabel('ก่อหนี้ผูกพันแล้ว').fill('2,500,000');
  await form.getByLabel('เบิกจ่ายแล้ว').fill('0');
  await form.getByLabel('เบิกจ่ายแล้ว').press('Enter');
  await expect(form.getByText('ยอดก่อหนี้ผูกพันต้องไม่เกินวงเงินที่ได้รับจัดสรร')).toBeVisible();
  await snap(page, 'grant-form-errors-th');
  expect(await rowCount(list)).toBe(before);
  await form.getByLabel('ก่อหนี้ผูกพันแล้ว').fill('1,800,000');
  await form.getByLabel('เบิกจ่ายแล้ว').fill('900,000');
  await snap(page, 'grant-form-th');
  await form.getByLabel('เบิกจ่ายแล้ว').press('Control+s');
  await expect(form).toBeHidden();
  await expect.poll(() => rowCount(list)).toBe(before + 1);

  await reloadOffline(page, context);
  await editThenDeleteAndUndo(page, list, 'บ้านดอนสาธิต', /บ้านดอนสาธิต/, 'เบิกจ่ายแล้ว', '1,200,000', '1,200,000.00 บาท');
  await draftSurvivesReload(page, context, list, 'เพิ่มโครงการเงินอุดหนุน', 'ชื่อโครงการ', 'ปรับปรุงระบบประปาหมู่บ้าน');
  await form.getByRole('button', { name: 'ยกเลิก' }).click();

  await switchToEnglish(page);
  await list.getByRole('button', { name: 'Add grant project' }).click();
  await snap(page, 'grant-form-en');
});
