import { expect, test } from './support/fixtures';
import { dialog, input, draftSurvivesReload, editThenDeleteAndUndo, loadDemoThenGoOffline, openCategory, reloadOffline, rowCount, section, snap, switchToEnglish } from './support/workspace';

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('an officer enters a vision with missions and strategies offline', async ({ page, context }) => {
  await loadDemoThenGoOffline(page, context);
  await openCategory(page, '1. วิสัยทัศน์และยุทธศาสตร์');
  const list = section(page, 'visions');
  const before = await rowCount(list);
  const form = dialog(page);

  await list.getByRole('button', { name: 'เพิ่มวิสัยทัศน์' }).click();
  await form.getByLabel('ปีเริ่มต้นของแผน').fill('2575');
  await form.getByLabel('ปีสิ้นสุดของแผน').fill('2571');
  await input(form, 'วิสัยทัศน์').fill('เมืองน่าอยู่ เศรษฐกิจมั่นคง ประชาชนมีคุณภาพชีวิตที่ดี');
  await form.getByLabel('พันธกิจ').fill('พัฒนาโครงสร้างพื้นฐานให้ได้มาตรฐาน\nส่งเสริมการศึกษาและสุขภาพ');
  await form.getByLabel('รหัสยุทธศาสตร์').fill('1');
  await form.getByLabel('ชื่อยุทธศาสตร์').fill('การพัฒนาโครงสร้างพื้นฐาน');
  await form.getByLabel('แนวทางการพัฒนา').fill('ก่อสร้างและปรับปรุงถนน\nพัฒนาระบบประปา');
  await form.getByLabel('ปีสิ้นสุดของแผน').press('Enter');
  await expect(form.getByTestId('form-errors')).toBeVisible();
  await expect(form.getByText('ปีสิ้นสุดต้องไม่ก่อนปีเริ่มต้น')).toBeVisible();
  await snap(page, 'vision-form-errors-th');
  expect(await rowCount(list)).toBe(before);

  await form.getByLabel('ปีเริ่มต้นของแผน').fill('2571');
  await form.getByLabel('ปีสิ้นสุดของแผน').fill('2575');
  await snap(page, 'vision-form-th');
  await form.getByLabel('ปีสิ้นสุดของแผน').press('Control+s');
  await expect(form).toBeHidden();
  await expect.poll(() => rowCount(list)).toBe(before + 1);

  await reloadOffline(page, context);
  await editThenDeleteAndUndo(page, list, '2571', /2571–2575/, (f) => input(f, 'วิสัยทัศน์'), 'เมืองน่าอยู่ที่ยั่งยืน', 'เมืองน่าอยู่ที่ยั่งยืน');
  await list.getByRole('row', { name: /2571–2575/ }).click();
  await expect(form.getByTestId('strategy')).toHaveCount(1);
  await expect(form.getByLabel('พันธกิจ')).toHaveValue('พัฒนาโครงสร้างพื้นฐานให้ได้มาตรฐาน\nส่งเสริมการศึกษาและสุขภาพ');
  await form.getByRole('button', { name: 'ปิด' }).click();

  await draftSurvivesReload(page, context, list, 'เพิ่มวิสัยทัศน์', (f) => input(f, 'วิสัยทัศน์'), 'ร่างวิสัยทัศน์ที่พิมพ์ค้างไว้');
  await form.getByRole('button', { name: 'ยกเลิก' }).click();

  await switchToEnglish(page);
  await list.getByRole('button', { name: 'Add vision' }).click();
  await snap(page, 'vision-form-en');
});
