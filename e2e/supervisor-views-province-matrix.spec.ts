import { expect, test, type Page } from './support/fixtures';
import { openDemo } from './support/workspace';

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: false });

async function pick(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('a supervisor views the province matrix: 100 LAOs by district, legend, % per task, filters', async ({ page }) => {
  await openDemo(page);
  await page.getByRole('link', { name: 'ภาพรวมจังหวัด' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toContainText('ภาพรวมจังหวัด ปีงบประมาณ พ.ศ. 2570');
  const rows = page.getByTestId('matrix-row');
  await expect(rows).toHaveCount(100, { timeout: 30_000 });
  // The demo's results are computed in the background after it loads: wait until they are fresh,
  // or a filter by status counts rows that a moment later change status.
  await expect(page.getByTestId('matrix-page')).toHaveAttribute('data-results', /^\d{4}-\d{2}-\d{2}$/, { timeout: 60_000 });
  await expect(page.getByTestId('status-legend')).toContainText('เลยกำหนด');
  await expect(page.getByTestId('status-legend')).toContainText('ครบถ้วน');
  expect(await page.getByTestId('matrix-district').count()).toBeGreaterThanOrEqual(10);
  const monthColumns = await page.getByTestId('matrix-task-header').count();
  expect(monthColumns).toBeGreaterThan(0);
  const percents = page.getByTestId('task-percent');
  await expect(percents).toHaveCount(monthColumns);
  for (const text of await percents.allTextContents()) expect(text).toMatch(/^(\d+%|–)$/);
  // Cells carry their status as text, not colour alone.
  await expect(rows.first().locator('td.cell').first()).toContainText(/\d+\/\d+|–/);
  await shot(page, 'matrix-month-th');
  // A cell's tooltip names the task, the status and the count, worded as the pointer comes to it.
  const firstCell = rows.first().locator('td.cell').first();
  await firstCell.hover();
  await expect(firstCell).toHaveAttribute('title', /^.+: \S.* \d+ จาก \d+$/);

  // Year view: every task of the fiscal year.
  await page.getByRole('button', { name: 'ทั้งปี' }).click();
  await expect.poll(() => page.getByTestId('matrix-task-header').count()).toBeGreaterThan(monthColumns);
  await expect(rows).toHaveCount(100);
  await shot(page, 'matrix-year-th');

  // Filters narrow the rows without leaving the page.
  const firstDistrict = (await page.getByTestId('matrix-district').first().textContent())!.replace(/^อำเภอ/, '').split(' · ')[0]!;
  await pick(page, 'อำเภอ', firstDistrict);
  await expect.poll(() => rows.count()).toBeLessThan(100);
  await expect(page.getByTestId('matrix-district')).toHaveCount(1);
  await page.getByRole('button', { name: 'ล้างตัวกรอง' }).click();
  await expect(rows).toHaveCount(100);

  await pick(page, 'ประเภท อปท.', 'เทศบาลตำบล');
  await expect.poll(() => rows.count()).toBeLessThan(100);
  for (const text of await rows.locator('.type').allTextContents()) expect(text).toBe('ทต.');
  await page.getByRole('button', { name: 'ล้างตัวกรอง' }).click();
  // The year's table takes a moment to re-render: a status picked before it did would be counted
  // against the type filter's rows still on screen.
  await expect(rows).toHaveCount(100);
  await expect(page.getByTestId('matrix-shown')).toContainText('แสดง 100 จาก 100 แห่ง');

  await pick(page, 'สถานะ', 'เลยกำหนด');
  // Count only once the filter has re-rendered the table.
  await expect(page.getByTestId('matrix-shown')).not.toContainText('แสดง 100 จาก');
  // The rows and the "shown" line agree once the table has settled.
  await expect.poll(async () => {
    const shown = await page.getByTestId('matrix-shown').textContent();
    return shown?.includes(`แสดง ${await rows.count()} จาก 100 แห่ง`);
  }).toBe(true);
  const overdue = await rows.count();
  expect(overdue).toBeLessThan(100);
  for (let i = 0; i < Math.min(overdue, 5); i++) await expect(rows.nth(i).locator('td[data-status="overdue"]').first()).toBeVisible();
  await expect(page.getByTestId('matrix-shown')).toContainText(`แสดง ${overdue} จาก 100 แห่ง`);

  // A cell opens the checklist at that LAO's missing items.
  await rows.first().locator('td[data-status="overdue"]').first().click();
  await expect(page.getByTestId('missing-items')).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await page.goto('/#/matrix');
  await expect(rows).toHaveCount(100);
  await shot(page, 'matrix-month-en');
  await page.getByRole('button', { name: 'ไทย' }).click();

  // An LAO's name opens its page.
  const first = rows.first();
  const laoId = await first.getAttribute('data-lao-id');
  await first.locator('td.lao a').click();
  await expect(page).toHaveURL(new RegExp(`#/laos/${laoId}$`));
  await expect(page.getByTestId('matrix')).toHaveCount(0);
});
