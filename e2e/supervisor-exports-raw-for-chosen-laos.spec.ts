import { expect, test, type Page } from './support/fixtures';
import { settled, openDemo } from './support/workspace';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/${name}.png` });

async function readDownload(download: import('@playwright/test').Download): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  return workbook;
}

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('a supervisor picks two LAOs, then exports their raw data with Ctrl+Alt+4 from another page', async ({ page }) => {
  // Loading the demo province and building workbooks in a worker: slow on a busy 2-core machine.
  test.setTimeout(180_000);
  await openDemo(page);

  await page.getByRole('link', { name: 'ส่งออก Excel' }).click();
  await expect(page.getByTestId('export-lao-count')).toHaveText('ส่งออก 100 อปท.');

  // One district, then two of its LAOs found by typing in the picker.
  await page.getByTestId('export-district').click();
  await page.getByRole('option').nth(1).click();
  const inDistrict = Number((await page.getByTestId('export-lao-count').textContent())!.replace(/\D/g, ''));
  expect(inDistrict).toBeGreaterThan(2);
  expect(inDistrict).toBeLessThan(100);
  const picker = page.getByRole('combobox', { name: 'อปท. ที่ส่งออก' });
  await picker.click();
  const options = page.getByRole('option');
  await expect(options).toHaveCount(inDistrict);
  const labels = (await options.allTextContents()).slice(0, 2);
  const codes = labels.map((label) => /\((\d+)\)$/.exec(label)![1]!);
  for (const label of labels) {
    await picker.fill(label.slice(0, label.indexOf(' (')));
    await page.getByRole('option', { name: label }).click();
  }
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-lao-count')).toHaveText('ส่งออก 2 อปท.');
  await shot(page, 'exports-chosen-laos-th');

  // "All LAOs of the district", then back to the two.
  await page.getByTestId('export-lao-all').click();
  await expect(page.getByTestId('export-lao-count')).toHaveText(`ส่งออก ${inDistrict} อปท.`);
  await picker.click();
  await page.getByTestId('export-lao-picker').getByRole('button', { name: 'ล้างที่เลือก' }).click();
  await expect(page.getByTestId('export-lao-count')).toHaveText(`ส่งออก ${inDistrict} อปท.`);
  for (const label of labels) {
    await picker.fill(label.slice(0, label.indexOf(' (')));
    await page.getByRole('option', { name: label }).click();
  }
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-lao-count')).toHaveText('ส่งออก 2 อปท.');

  // On another page, the shortcut opens the export page and starts the raw export with those choices.
  await page.getByRole('link', { name: 'ภาพรวมจังหวัด' }).click();
  await expect(page).toHaveURL(/#\/matrix/);
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Control+Alt+4');
  await expect(page).toHaveURL(/#\/exports/);
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^eplan-raw-\d{2}-fy\d{4}\.xlsx$/);
  await expect(page.getByTestId('export-notice')).toContainText('บันทึก');

  const workbook = await readDownload(download);
  expect(workbook.worksheets.length).toBe(12);
  expect(workbook.worksheets.every((ws) => /[\u0E00-\u0E7F]/.test(ws.name))).toBe(true);
  let rows = 0;
  for (const ws of workbook.worksheets) {
    let header = 1;
    while (ws.getCell(header, 2).value !== 'รหัส อปท.') header += 1;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: `${header}:${header}` });
    // Headers a supervisor reads: Thai words from the forms, no field keys; who last changed each record by name.
    const titles = (ws.getRow(header).values as unknown[]).slice(1).map(String);
    expect(titles.every((title) => /[\u0E00-\u0E7F]/.test(title) && !/^[A-Za-z_.]+$/.test(title))).toBe(true);
    const changedBy = titles.indexOf('ผู้แก้ไขล่าสุด') + 1;
    expect(changedBy).toBeGreaterThan(3);
    for (let r = header + 1; r <= ws.rowCount; r += 1) {
      expect(codes).toContain(String(ws.getCell(r, 2).value));
      expect(ws.getCell(r, 3).font?.name).toBe('Sarabun');
      expect(String(ws.getCell(r, changedBy).value)).toMatch(/[\u0E00-\u0E7F]/);
      rows += 1;
    }
  }
  expect(rows).toBeGreaterThan(0);
});

test('the app bar lists the four exports with their shortcuts and starts one from any page', async ({ page }) => {
  // Loading the demo province and building workbooks in a worker: slow on a busy 2-core machine.
  test.setTimeout(180_000);
  await openDemo(page);
  await page.getByRole('link', { name: 'เจ้าหน้าที่' }).click();

  await page.getByTestId('appbar-export-menu').click();
  const items = page.getByRole('menuitem');
  await expect(items).toHaveCount(4);
  await expect(items.nth(0)).toContainText('Ctrl+Alt+1');
  await expect(items.nth(3)).toContainText('Ctrl+Alt+4');
  await shot(page, 'exports-appbar-menu-th');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('appbar-export-budget').click();
  await expect(page).toHaveURL(/#\/exports/);
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^eplan-budget-/);
  const workbook = await readDownload(download);
  expect(workbook.worksheets[0]!.getCell('A1').font?.name).toBe('Sarabun');

  // A shortcut with a modifier missing does nothing.
  await page.getByRole('link', { name: 'ภาพรวมจังหวัด' }).click();
  await page.keyboard.press('Control+4');
  await settled(page);
  await expect(page).toHaveURL(/#\/matrix/);
});
