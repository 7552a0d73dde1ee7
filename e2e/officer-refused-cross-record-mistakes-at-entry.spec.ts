import type { Locator } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { dialog, loadDemoThenGoOffline, openCategory, pickOption, rowCount, section, snap } from './support/workspace';

// Starts on a laptop that already holds the demo province; the clock reads 26 Nov 2569 (E2E_NOW).
test.use({ demoOnDevice: true });

/** The field's own helper text (MUI ties it to the input with aria-describedby). */
const expectUnder = (field: Locator, text: string) => expect(field).toHaveAccessibleDescription(new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

test('an officer\'s cross-record mistakes are refused at entry, every one under its own field at once, and nothing is saved', async ({ page, context }) => {
  await loadDemoThenGoOffline(page, context);
  await openCategory(page, '3. ข้อบัญญัติงบประมาณ');
  const form = dialog(page);
  const ordinances = section(page, 'ordinances');
  await expect.poll(() => rowCount(ordinances)).toBe(1);

  // A second FY 2570 ordinance, passed by council "next week".
  await ordinances.getByRole('button', { name: 'เพิ่มข้อบัญญัติงบประมาณ' }).click();
  await expect(form.getByLabel('ปีงบประมาณ')).toHaveValue('2570');
  await form.getByLabel('วันที่ผ่านสภา').fill('03/12/2569');
  await form.getByLabel('งบประมาณรวม').fill('50,000,000');
  await form.getByLabel('งบประมาณรวม').press('Enter');
  await expectUnder(form.getByLabel('ปีงบประมาณ'), 'อปท. นี้มีข้อบัญญัติงบประมาณปี พ.ศ. 2570 อยู่แล้ว');
  await expectUnder(form.getByLabel('วันที่ผ่านสภา'), 'วันที่ต้องไม่เลยวันนี้');
  await snap(page, 'entry-checks-ordinance-th');
  await form.getByRole('button', { name: 'ยกเลิก' }).click();
  await expect(form).toBeHidden();
  expect(await rowCount(ordinances)).toBe(1);

  // An item that takes the items above the ordinance's total.
  const items = section(page, 'ordinanceItems');
  const itemCount = await rowCount(items);
  await items.getByRole('button', { name: 'เพิ่มรายการ' }).click();
  await form.getByLabel('ชื่อรายการ').fill('ก่อสร้างอาคารอเนกประสงค์');
  await form.getByLabel('งบประมาณที่ตั้งไว้').fill('900,000,000');
  await form.getByLabel('ชื่อรายการ').press('Enter');
  await expectUnder(form.getByLabel('งบประมาณที่ตั้งไว้'), 'รายการรวมกันเกินยอดรวมของข้อบัญญัติ');
  await form.getByRole('button', { name: 'ยกเลิก' }).click();
  expect(await rowCount(items)).toBe(itemCount);

  // A contract with no number, signed "next week", far above its item.
  const contractsTab = page.getByRole('tablist', { name: 'หมวดข้อมูลของ อปท.' }).getByRole('tab', { name: '4. การก่อหนี้ผูกพัน/สัญญา' });
  await contractsTab.click();
  await expect(contractsTab).toHaveAttribute('aria-selected', 'true');
  const contracts = section(page, 'contracts');
  const before = await rowCount(contracts);
  await contracts.getByRole('button', { name: 'เพิ่มสัญญา' }).click();
  await pickOption(form.getByLabel('รายการในข้อบัญญัติ'));
  await form.getByLabel('วันที่ลงนาม').fill('03/12/2569');
  await form.getByLabel('วงเงินตามสัญญา').fill('900,000,000');
  await form.getByLabel('คู่สัญญา').fill('หจก.ทดสอบการก่อสร้าง');
  await form.getByLabel('คู่สัญญา').press('Enter');
  await expectUnder(form.getByLabel('เลขที่สัญญา'), 'กรุณากรอกข้อมูลช่องนี้');
  await expectUnder(form.getByLabel('วันที่ลงนาม'), 'วันที่ต้องไม่เลยวันนี้');
  await expectUnder(form.getByLabel('วงเงินตามสัญญา'), 'วงเงินสัญญารวมเกินงบประมาณที่ตั้งไว้ของรายการ');
  await snap(page, 'entry-checks-contract-th');
  expect(await rowCount(contracts)).toBe(before);

  // Fixed, it saves.
  await form.getByLabel('เลขที่สัญญา').fill('ทดสอบ 99/2570');
  await form.getByLabel('วันที่ลงนาม').fill('20/11/2569');
  await form.getByLabel('วงเงินตามสัญญา').fill('1,000');
  await form.getByLabel('วงเงินตามสัญญา').press('Control+s');
  await expect(form).toBeHidden();
  await expect.poll(() => rowCount(contracts)).toBe(before + 1);
});
