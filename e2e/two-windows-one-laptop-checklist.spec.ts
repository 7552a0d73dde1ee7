import { expect, test } from './support/fixtures';
import { dialog, openDemo, search, section } from './support/workspace';

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('two windows on one laptop: a month of statistics deleted in one shows in the checklist of the other, and after a restart', async ({ page, context }) => {
  // Window one: the fiscal statistics task, where every LAO of the demo is complete.
  await openDemo(page);
  await page.goto('/#/?task=monthly-fiscal-stats&scope=all');
  const card = page.locator('[data-testid="task-card"][data-task-id="monthly-fiscal-stats"]');
  await expect(card.getByTestId('count-complete')).toHaveText(/ครบถ้วน 100$/, { timeout: 30_000 });
  await page.getByRole('button', { name: /แสดง อปท\. ที่ครบถ้วนแล้ว/ }).click();
  const laoId = (await page.getByTestId('checklist-lao').first().getAttribute('data-lao-id'))!;
  const checklistUrl = page.url();

  // Window two, same laptop and database: that LAO's October 2569 statistics (the month the task asks for) deleted.
  const other = await context.newPage();
  await other.goto(`/#/laos/${laoId}?section=fiscalStats`);
  const list = section(other, 'fiscalStats');
  await search(list, 'ตุลาคม');
  const october = list.getByRole('row', { name: /ตุลาคม 2569/ });
  await expect(october).toBeVisible({ timeout: 30_000 });
  await october.click();
  await dialog(other).getByRole('button', { name: /^ลบ$/ }).click();
  await expect(october).toBeHidden();

  // Window one hears of it and re-evaluates that LAO alone: one LAO fewer complete, listed with what is missing.
  await expect(card.getByTestId('count-complete')).toHaveText(/ครบถ้วน 99$/, { timeout: 15_000 });
  const row = page.locator(`[data-testid="checklist-lao"][data-lao-id="${laoId}"]`);
  await expect(row).not.toHaveAttribute('data-status', 'complete');
  await row.getByRole('button').first().click();
  await expect(page.getByTestId('missing-items')).toContainText('ยังไม่ได้บันทึกสถิติการคลังเดือน ต.ค. 2569');
  await page.screenshot({ path: 'e2e/screenshots/two-windows-checklist-th.png', fullPage: true });

  // Both windows closed, the app started again: the stored statuses hold the deletion.
  await other.close();
  await page.goto('about:blank');
  await page.goto(checklistUrl);
  await expect(card.getByTestId('count-complete')).toHaveText(/ครบถ้วน 99$/, { timeout: 30_000 });
  await expect(page.locator(`[data-testid="checklist-lao"][data-lao-id="${laoId}"]`)).not.toHaveAttribute('data-status', 'complete');
});
