import { expect, test, type Page } from './support/fixtures';
import { openDemo } from './support/workspace';

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
// The page scrolled to an opened row: a full-page shot would draw the fixed app bar
// where the window's top is, across the middle of the page. The window shows what the officer sees.
const windowShot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/${name}.png` });

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('an officer reviews the monthly checklist offline and drills down to what is missing', async ({ page, context }) => {
  await openDemo(page);
  await context.setOffline(true);
  await expect(page.getByTestId('online-status')).toHaveAttribute('data-online', 'false');

  // This month's tasks, with counts per status for the officer's own LAOs.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('งานประจำเดือนพฤศจิกายน 2569');
  const cards = page.getByTestId('task-card');
  await expect(cards.first()).toBeVisible({ timeout: 30_000 });
  expect(await cards.count()).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: /อปท\. ที่รับผิดชอบ \(\d+\)/ })).toHaveAttribute('aria-pressed', 'true');
  const firstCounts = await cards.first().getByTestId('count-complete').textContent();
  expect(firstCounts).toMatch(/ครบถ้วน \d+/);
  await shot(page, 'checklist-th');

  // Whole province: more LAOs counted.
  await page.getByRole('button', { name: 'ทั้งจังหวัด (100)' }).click();
  const rows = page.getByTestId('checklist-lao');
  await expect(rows.first()).toBeVisible();

  // The LAO that needs the officer most comes first; open its missing items.
  // Pinned by id: the list may re-sort while the last completion results arrive.
  const laoId = await rows.first().getAttribute('data-lao-id');
  const first = page.locator(`[data-testid="checklist-lao"][data-lao-id="${laoId}"]`);
  const status = await first.getAttribute('data-status');
  expect(['overdue', 'not_started', 'in_progress']).toContain(status);
  await first.getByRole('button').click();
  const missing = page.getByTestId('missing-items');
  await expect(missing).toBeVisible();
  await expect(missing.getByRole('listitem').first()).not.toBeEmpty();
  // The opened row at the top of its list, its missing items under it.
  await first.evaluate((row) => row.scrollIntoView({ block: 'start' }));
  await windowShot(page, 'checklist-missing-th');
  const openPanel = page.url();
  const listed = await missing.getByRole('listitem').allTextContents();

  // Follow the link to the form that fixes it.
  const fix = missing.getByTestId('fix-link').first();
  const href = await fix.getAttribute('href');
  expect(href).toMatch(new RegExp(`#/laos/${laoId}\\?section=\\w+.*&c=\\w+.*&fy=25\\d\\d`));
  expect(href).toContain('record=');
  await fix.click();
  await expect(page).toHaveURL(new RegExp(`#/laos/${laoId}\\?section=`));
  // The record that is missing something opens in its form, ready to fix.
  await expect(page.getByTestId('record-dialog')).toBeVisible();
  await shot(page, 'checklist-fix-opens-form-th');
  await page.keyboard.press('Escape');

  // Back on the checklist, the month picker moves to another month.
  await page.goBack();
  await page.getByLabel('เดือน').click();
  await page.getByRole('option', { name: 'ตุลาคม 2569' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ตุลาคม 2569');
  await expect(cards.first()).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('October 2569 BE');
  await shot(page, 'checklist-en');
  await page.getByRole('button', { name: 'ไทย' }).click();

  // A fix link for a record that does not exist yet (record=new) opens the section's form for a new one.
  const fy = Number(/fy=(\d{4})/.exec(href!)![1]);
  await page.goto(`/#/laos/${laoId}?section=antiDrugActivities&record=new&c=antiDrug&fy=${fy}`);
  const form = page.getByTestId('record-dialog');
  await expect(form).toBeVisible();
  await expect(form.getByLabel('ชื่อกิจกรรม')).toHaveValue('');
  await page.keyboard.press('Escape');
  // A missing month of statistics (v.year, v.month) opens the new record's form on that month: here the fiscal year's third, December.
  const december = { year: fy - 543 - 1, label: `ธันวาคม ${fy - 1}` };
  await page.goto(`/#/laos/${laoId}?section=fiscalStats&record=new&v.year=${december.year}&v.month=12&c=fiscalStats&fy=${fy}`);
  const month = form.getByRole('combobox', { name: /^เดือน/ });
  await expect(month).toHaveValue(`${december.year}-12`);
  await expect(month.locator('option:checked')).toHaveText(december.label);
  await page.keyboard.press('Escape');
  // A quarter not reported (v.quarter) opens the quarter report's form, in the disbursement tab, on that quarter.
  await page.goto(`/#/laos/${laoId}?section=quarterReports&record=new&v.quarter=2&c=disbursement&fy=${fy}`);
  await expect(form.getByLabel(/^ไตรมาส/)).toHaveValue('2');
  await page.keyboard.press('Escape');
  await context.setOffline(false);

  // A restart reads the stored statuses alone; the open panel reads its LAO's missing items when shown: the same list.
  await page.goto('about:blank');
  await page.goto(openPanel);
  await expect(page.getByTestId('missing-items')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('missing-items').getByRole('listitem')).toHaveText(listed);
  await expect(page.getByTestId('missing-loading')).toHaveCount(0);
});

test('the province\'s list draws only the rows in its window: scrolled to its end, walked with Tab, a row opened by a link is shown', async ({ page }) => {
  await openDemo(page);
  // Every LAO of the demo is complete for the fiscal statistics: the whole list is the province's hundred.
  await page.goto('/#/?task=monthly-fiscal-stats&scope=all');
  const card = page.locator('[data-testid="task-card"][data-task-id="monthly-fiscal-stats"]');
  await expect(card.getByTestId('count-complete')).toHaveText(/ครบถ้วน 100$/, { timeout: 30_000 });
  await page.getByRole('button', { name: /แสดง อปท\. ที่ครบถ้วนแล้ว/ }).click();
  const list = page.getByTestId('task-lao-list');
  const rows = list.getByTestId('checklist-lao');
  const item = (position: number) => list.locator(`li[aria-posinset="${position}"]`);
  await list.scrollIntoViewIfNeeded();
  await expect(item(1)).toHaveAttribute('aria-setsize', '100');
  const drawn = await rows.count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(30);

  // Scrolled to its end: the last LAO is on screen, and still only a window's worth of rows are drawn.
  await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(item(100)).toBeInViewport();
  expect(await rows.count()).toBeLessThan(30);
  const lastId = (await item(100).getByTestId('checklist-lao').getAttribute('data-lao-id'))!;

  // Tab walks the rows one by one, past those drawn at first.
  await list.evaluate((element) => element.scrollTo({ top: 0 }));
  await item(1).getByRole('button').focus();
  for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
  const focused = () => page.evaluate(() => document.activeElement?.closest('li[aria-posinset]')?.getAttribute('aria-posinset'));
  expect(await focused()).toBe('41');
  await expect(item(41)).toBeInViewport();
  // Opened from the list, the row stays where the officer is looking.
  const before = (await item(41).boundingBox())!.y;
  await page.keyboard.press('Enter');
  await expect(item(41).getByText('ไม่มีรายการที่ขาด')).toBeVisible();
  expect((await item(41).boundingBox())!.y).toBe(before);

  // A link that opens the last LAO (a matrix cell): its row is scrolled into the list's window, opened.
  await page.goto('about:blank');
  await page.goto(`/#/?task=monthly-fiscal-stats&scope=all&lao=${lastId}`);
  const last = list.locator(`[data-testid="checklist-lao"][data-lao-id="${lastId}"]`);
  await expect(last).toBeInViewport({ timeout: 30_000 });
  await expect(last.getByRole('button')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator(`#missing-${lastId}`)).toBeInViewport();
  await page.screenshot({ path: 'e2e/screenshots/checklist-opened-by-link-th.png' });
});
