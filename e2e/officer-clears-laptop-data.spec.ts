/**
 * "Clear this laptop's data" (issue 13, case 6): refused while unsynced work
 * would go with it, allowed once that work is saved to a file, confirmed in
 * a second step, and the app starts over as on a new laptop.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './support/fixtures';
import { openDemo, settled } from './support/workspace';

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test("an officer saves unsynced work to a file, then clears the laptop's data and is back at the first-run page", async ({ page }) => {
  await openDemo(page);
  // One visit logged and not synced (no one is signed in to a server).
  await page.goto('/#/visits');
  const form = page.getByRole('form', { name: 'บันทึกการลงพื้นที่ครั้งใหม่' });
  await form.getByLabel('อปท. ที่ลงพื้นที่').click();
  await page.getByRole('option').first().click();
  await form.getByLabel('บันทึกเพิ่มเติม').fill('ลงพื้นที่ก่อนส่งคืนเครื่อง');
  await form.getByLabel('บันทึกเพิ่มเติม').press('Control+s');
  await expect(page.getByText('บันทึกการลงพื้นที่เรียบร้อยแล้ว')).toBeVisible();

  await page.getByRole('link', { name: 'ตั้งค่า' }).click();
  const card = page.getByTestId('clear-data');
  await expect(card.getByTestId('device-holdings')).toContainText('อปท. 100 แห่ง');
  await expect(card.getByTestId('device-holdings')).toContainText('รายการที่ยังไม่ได้ซิงก์ 1 รายการ');
  await expect(card.getByTestId('unsynced-warning')).toContainText('มีงาน 1 รายการที่ยังไม่ได้ซิงก์');
  // The demo cannot be loaded again over it.
  await expect(page.getByRole('button', { name: 'โหลดข้อมูลสาธิต' })).toBeDisabled();
  // Refused until the work is in a file.
  const clearButton = card.getByRole('button', { name: 'ล้างข้อมูลในเครื่อง…' });
  await expect(clearButton).toBeDisabled();
  await card.scrollIntoViewIfNeeded();
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/settings-clear-refused-th.png' });

  const downloading = page.waitForEvent('download');
  await card.getByRole('button', { name: 'บันทึกงานที่ยังไม่ได้ซิงก์เป็นไฟล์' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^eplan-unsynced-work-\d{4}-\d{2}-\d{2}\.json$/);
  const saved = JSON.parse(await readFile((await download.path())!, 'utf8')) as { kind: string; entries: unknown[]; records: Array<{ record: { notes: string } }> };
  expect(saved.kind).toBe('eplan-unsynced-work');
  expect(saved.entries).toHaveLength(1);
  expect(saved.records[0]!.record.notes).toBe('ลงพื้นที่ก่อนส่งคืนเครื่อง');
  await expect(card.getByTestId('unsynced-warning')).toContainText('บันทึกไฟล์');

  // A second step: nothing happens until the officer says they understand.
  await clearButton.click();
  const confirm = page.getByTestId('clear-confirm');
  const clear = confirm.getByRole('button', { name: 'ล้างข้อมูล', exact: true });
  await expect(clear).toBeDisabled();
  await confirm.getByRole('checkbox', { name: 'ฉันเข้าใจว่าข้อมูลในเครื่องนี้จะถูกลบทั้งหมด' }).check();
  await expect(clear).toBeEnabled();
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/settings-clear-confirm-th.png' });
  await clear.click();

  // The app starts over: nothing on the laptop, the demo can be loaded again.
  await expect(page.getByRole('heading', { name: 'ยังไม่มีข้อมูลในเครื่องนี้' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'โหลดข้อมูลสาธิต' })).toBeEnabled();
  await page.goto('/#/settings');
  await expect(page.getByTestId('device-holdings')).toContainText('ข้อมูล 0 รายการ · อปท. 0 แห่ง · รายการที่ยังไม่ได้ซิงก์ 0 รายการ');
});
