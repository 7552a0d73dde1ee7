import { expect, test } from './support/fixtures';
import { openDemo } from './support/workspace';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('a supervisor exports the monthly checklist matrix and it matches the matrix screen', async ({ page }) => {
  // Loading the demo province and building workbooks in a worker: slow on a busy 2-core machine.
  test.setTimeout(180_000);
  await openDemo(page);

  // The screen's percentages for this month's tasks, to compare with the workbook.
  await page.getByRole('link', { name: 'ภาพรวมจังหวัด' }).click();
  await expect(page.getByTestId('matrix-row')).toHaveCount(100, { timeout: 30_000 });
  const screenPercents = await page.getByTestId('task-percent').allTextContents();

  await page.getByRole('link', { name: 'ส่งออก Excel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ส่งออกรายงาน Excel');
  await page.getByTestId('export-menu-button').click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-matrix').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^eplan-matrix-\d{2}-fy\d{4}-\d{4}-\d{2}\.xlsx$/);
  await expect(page.getByTestId('export-notice')).toContainText('บันทึก');

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['ตารางติดตาม', 'สรุปรายอำเภอ']);
  const ws = workbook.worksheets[0]!;
  expect(String(ws.getCell('A1').value)).toContain('ตารางติดตามการบันทึกข้อมูล');
  let header = 1;
  while (ws.getCell(header, 1).value !== 'ลำดับ') header += 1;
  expect(ws.getCell(header, 4).value).toBe('ชื่อ อปท.');
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
  expect(ws.getCell(header + 1, 4).font?.name).toBe('Sarabun');
  expect(ws.getCell(header + 100, 1).value).toBe(100);
  let percentRow = header + 101;
  while (!String(ws.getCell(percentRow, 4).value ?? '').endsWith('ร้อยละครบถ้วน')) percentRow += 1;
  const workbookPercents = screenPercents.map((_text, i) => {
    const v = ws.getCell(percentRow, 6 + i).value;
    return typeof v === 'number' ? `${Math.round(v * 100)}%` : '–';
  });
  expect(workbookPercents).toEqual(screenPercents);

  // A keyboard shortcut starts the budget export.
  const budget = page.waitForEvent('download');
  await page.keyboard.press('Control+Alt+2');
  expect((await budget).suggestedFilename()).toMatch(/^eplan-budget-/);

  // The big raw-data export shows progress and can be cancelled.
  await page.getByTestId('export-menu-button').click();
  await page.getByTestId('export-raw').click();
  await expect(page.getByTestId('export-progress')).toBeVisible();
  await page.getByTestId('export-progress').getByRole('button', { name: 'ยกเลิก' }).click();
  await expect(page.getByTestId('export-notice')).toHaveText('ยกเลิกการส่งออกแล้ว');
  await expect(page.getByTestId('export-progress')).toHaveCount(0);
});
