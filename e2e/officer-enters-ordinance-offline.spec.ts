import { expect, test } from './support/fixtures';
import { dialog, editThenDeleteAndUndo, loadDemoThenGoOffline, openCategory, reloadOffline, rowCount, section, snap, switchToEnglish } from './support/workspace';

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('an officer enters next year\'s budget ordinance and its items offline; the items are summed against the total', async ({ page, context }) => {
  await loadDemoThenGoOffline(page, context);
  await openCategory(page, '3. ข้อบัญญัติงบประมาณ');
  await page.getByTestId('fiscal-year').click();
  await page.getByRole('option', { name: 'ปีงบประมาณ พ.ศ. 2571' }).click();
  const form = dialog(page);

  const ordinances = section(page, 'ordinances');
  // The year switch goes through the URL; the list follows a moment later.
  await expect.poll(() => rowCount(ordinances)).toBe(0);
  await ordinances.getByRole('button', { name: 'เพิ่มข้อบัญญัติงบประมาณ' }).click();
  await form.getByLabel('วันที่ผ่านสภา').fill('15/08/2560');
  await form.getByLabel('งบประมาณรวม').fill('50,000,000');
  await form.getByLabel('งบประมาณรวม').press('Enter');
  await expect(form.getByText('ต้องอยู่ระหว่าง 1 ต.ค. 2569 ถึง 30 ก.ย. 2571', { exact: false })).toBeVisible();
  expect(await rowCount(ordinances)).toBe(0);
  await form.getByLabel('วันที่ผ่านสภา').fill('15/11/2569');
  await form.getByLabel('วันที่ประกาศใช้').fill('20/11/2569');
  await snap(page, 'ordinance-form-th');
  await form.getByLabel('วันที่ประกาศใช้').press('Enter');
  await expect(form).toBeHidden();
  await expect(page.getByTestId('summary-ordinance')).toHaveText('50,000,000.00 บาท');

  const items = section(page, 'ordinanceItems');
  await items.getByRole('button', { name: 'เพิ่มรายการ' }).click();
  await expect(form.getByLabel('ข้อบัญญัติงบประมาณ')).toHaveValue('ข้อบัญญัติงบประมาณ พ.ศ. 2571');
  await form.getByLabel('ชื่อรายการ').fill('ก่อสร้างถนนคอนกรีต หมู่ 3');
  await form.getByLabel('งบประมาณที่ตั้งไว้').fill('1200000');
  await form.getByLabel('ผลการดำเนินงาน').selectOption({ label: 'ยกเลิก' });
  await form.getByLabel('ชื่อรายการ').press('Enter');
  await expect(form.getByText('กรุณาระบุเหตุผลที่ยกเลิกรายการ')).toBeVisible();
  expect(await rowCount(items)).toBe(0);
  await form.getByLabel('ผลการดำเนินงาน').selectOption({ label: 'อยู่ระหว่างดำเนินการ' });
  await snap(page, 'ordinance-item-form-th');
  await form.getByLabel('ชื่อรายการ').press('Control+s');
  await expect(form).toBeHidden();
  await expect(items.getByTestId('ordinance-balance')).toContainText('รวมงบประมาณรายการ 1,200,000.00 บาท จากยอดรวมข้อบัญญัติ 50,000,000.00 บาท');
  await expect(items.getByTestId('ordinance-balance')).toContainText('ยังไม่ได้จัดสรร 48,800,000.00 บาท');

  await reloadOffline(page, context);
  await editThenDeleteAndUndo(page, items, 'หมู่ 3', /ถนนคอนกรีต หมู่ 3/, 'งบประมาณที่ตั้งไว้', '1,500,000', '1,500,000.00 บาท');
  await items.getByRole('row', { name: /ถนนคอนกรีต หมู่ 3/ }).click();
  await form.getByLabel('ผลการดำเนินงาน').selectOption({ label: 'ยกเลิก' });
  await form.getByLabel('เหตุผลที่ยกเลิก').fill('ได้รับงบอุดหนุนจากกรมทางหลวงชนบทแทน');
  await form.getByLabel('เหตุผลที่ยกเลิก').press('Enter');
  await expect(form).toBeHidden();
  await expect(items.getByRole('row', { name: /ถนนคอนกรีต หมู่ 3/ })).toContainText('ยกเลิก');

  await switchToEnglish(page);
  await items.getByRole('button', { name: 'Add item' }).click();
  await snap(page, 'ordinance-item-form-en');
});
