import { expect, test } from '@playwright/test';

test('an officer records an anti-drug activity offline; bad input is refused and stores nothing', async ({ page, context }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'โหลดข้อมูลสาธิต' }).click();
  await expect(page.getByTestId('lao-count')).toHaveText('100', { timeout: 60_000 });
  await context.setOffline(true);

  await page.getByRole('link', { name: 'ทะเบียน อปท.', exact: true }).click();
  await page.getByTestId('lao-card').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const list = page.getByTestId('activity-list');
  const before = (await list.count()) ? await list.getByRole('listitem').count() : 0;

  // Bad input: negative budget and a date that does not exist.
  const form = page.getByRole('form', { name: 'บันทึกกิจกรรมใหม่' });
  await form.getByLabel('ชื่อกิจกรรม').fill('อบรมเยาวชนต้านยาเสพติด');
  await form.getByLabel('วันที่จัดกิจกรรม').fill('31/02/2570');
  await form.getByLabel('งบประมาณ (บาท)').fill('-5,000');
  await form.getByLabel('จำนวนผู้เข้าร่วม (คน)').fill('80');
  await form.getByLabel('จำนวนผู้เข้าร่วม (คน)').press('Enter');
  await expect(page.getByTestId('form-errors')).toBeVisible();
  await expect(form.getByText('ไม่มีวันที่นี้ในปฏิทิน', { exact: false }).first()).toBeVisible();
  await expect(form.getByText('ต้องไม่ติดลบ', { exact: false }).first()).toBeVisible();
  await page.screenshot({ path: 'e2e/screenshots/anti-drug-form-errors-th.png', fullPage: true });
  const afterBad = (await list.count()) ? await list.getByRole('listitem').count() : 0;
  expect(afterBad).toBe(before);

  // Corrected, saved with Ctrl+S from the keyboard.
  await form.getByLabel('วันที่จัดกิจกรรม').fill('15/11/2569');
  await form.getByLabel('งบประมาณ (บาท)').fill('12,500.50');
  await form.getByLabel('งบประมาณ (บาท)').press('Control+s');
  await expect(page.getByText('บันทึกเรียบร้อยแล้ว')).toBeVisible();
  await expect(list.getByText('อบรมเยาวชนต้านยาเสพติด')).toBeVisible();
  await expect(list.getByText('12,500.50 บาท').first()).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(before + 1);
  await page.screenshot({ path: 'e2e/screenshots/anti-drug-saved-th.png', fullPage: true });

  await context.setOffline(false);
  await page.reload();
  await expect(page.getByTestId('activity-list').getByText('อบรมเยาวชนต้านยาเสพติด')).toBeVisible();
});
