import { expect, test } from './support/fixtures';
import { openDemo } from './support/workspace';

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('an officer logs a field visit offline; bad dates are refused; the checklist shows it as the last visit', async ({ page, context }) => {
  await openDemo(page);
  await context.setOffline(true);

  // From the checklist: the LAO that needs the officer most, then "log a visit".
  // The list may still re-sort while the completion results settle: the row is pinned by its LAO,
  // and the links are followed with the keyboard, which cannot land on a row that moved under the pointer.
  const top = page.getByTestId('checklist-lao').first();
  await expect(top).toBeVisible({ timeout: 30_000 });
  const laoId = (await top.getAttribute('data-lao-id'))!;
  const row = page.locator(`[data-testid="checklist-lao"][data-lao-id="${laoId}"]`);
  const laoName = (await row.locator('.MuiListItemText-primary').textContent())!;
  await row.getByRole('button').press('Enter');
  const panel = page.locator(`#missing-${laoId}`);
  await expect(panel).toBeVisible();
  const logVisit = panel.getByRole('link', { name: 'บันทึกการลงพื้นที่' });
  await expect(logVisit).toHaveAttribute('href', new RegExp(`#/visits\\?lao=${laoId}$`));
  await logVisit.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/visits\\?lao=${laoId}`));
  const form = page.getByRole('form', { name: 'บันทึกการลงพื้นที่ครั้งใหม่' });
  await expect(form.getByLabel('อปท. ที่ลงพื้นที่')).toHaveValue(new RegExp(laoName));

  await expect(page.getByTestId('visit-count')).toBeVisible();
  const visitsBefore = Number((await page.getByTestId('visit-count').getAttribute('data-count'))!);
  // A date that does not exist is refused with a translated message; nothing is stored.
  await form.getByLabel('วันที่ลงพื้นที่').fill('31/02/2570');
  await form.getByRole('button', { name: 'บันทึกการลงพื้นที่' }).click();
  await expect(page.getByTestId('form-errors')).toBeVisible();
  await expect(form.getByText('ไม่มีวันที่นี้ในปฏิทิน', { exact: false })).toBeVisible();
  await expect(page.getByTestId('visit-count')).toHaveAttribute('data-count', String(visitsBefore));
  await page.screenshot({ path: 'e2e/screenshots/visit-form-errors-th.png', fullPage: true });

  await form.getByLabel('วันที่ลงพื้นที่').fill('20/11/2569');
  await form.getByLabel('วัตถุประสงค์').click();
  await page.getByRole('option', { name: 'บันทึกข้อมูลแทน อปท.' }).click();
  await form.getByLabel('สถิติการคลัง').check();
  await form.getByLabel('นโยบายเร่งด่วนเอาชนะยาเสพติด').check();
  await form.getByLabel('บันทึกเพิ่มเติม').fill('นายก อปท. ขอให้ช่วยบันทึกสถิติการคลังเดือน ต.ค.');
  await form.getByLabel('บันทึกเพิ่มเติม').press('Control+s');
  await expect(page.getByText('บันทึกการลงพื้นที่เรียบร้อยแล้ว')).toBeVisible();
  await expect(page.getByTestId('visit-count')).toHaveAttribute('data-count', String(visitsBefore + 1));
  const visit = page.getByTestId('visit-row').filter({ hasText: laoName }).filter({ hasText: '20 พ.ย. 2569' });
  await expect(visit).toHaveCount(1);
  await expect(visit).toContainText('สถิติการคลัง');
  await expect(visit).toContainText('นโยบายเร่งด่วนเอาชนะยาเสพติด');
  await page.screenshot({ path: 'e2e/screenshots/visit-saved-th.png', fullPage: true });

  // Back on the checklist, the LAO shows this as its last visit.
  // (In the officer's own LAOs, where it was the first: the list draws only the rows in its window.)
  await page.getByRole('link', { name: 'ตรวจสอบรายเดือน' }).click();
  const same = page.locator(`[data-testid="checklist-lao"][data-lao-id="${laoId}"]`);
  await expect(same.getByTestId('last-visit')).toContainText('ลงพื้นที่ล่าสุด 20 พ.ย. 2569');

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Field visits' }).click();
  await expect(page.getByTestId('visit-row').filter({ hasText: '20 Nov 2569 BE' }).first()).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/visits-en.png', fullPage: true });
  await page.getByRole('button', { name: 'ไทย' }).click();
  await context.setOffline(false);
});
