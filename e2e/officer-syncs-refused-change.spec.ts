import { expect, test } from './support/fixtures';
import { AdminApi, signIn, storedRows } from './support/sync';
import { settled } from './support/workspace';

// Pushes a change the server refuses: a server of its own.
test.use({ ownServer: true });

test('a visit logged offline to an LAO taken away meanwhile is refused, kept with its reason until the officer lets it go; the form offers only the officer\'s LAOs', async ({ page, request }) => {
  test.setTimeout(180_000);
  const admin = await AdminApi.signIn(request);
  const officer = await admin.user('demo-officer1');
  await signIn(page, 'demo-officer1');

  await page.goto('/#/visits');
  const form = page.getByRole('form', { name: 'บันทึกการลงพื้นที่ครั้งใหม่' });
  await form.getByLabel('อปท. ที่ลงพื้นที่').click();
  // Only the officer's own LAOs are offered.
  await expect(page.getByRole('option')).toHaveCount(officer.laoIds!.length);
  const first = page.getByRole('option').first();
  const laoName = (await first.textContent())!;

  // Offline in the field, the officer logs a visit to that LAO…
  await page.context().setOffline(true);
  await first.click();
  await form.getByLabel('บันทึกเพิ่มเติม').fill('ลงพื้นที่ก่อนโอนงาน');
  await form.getByLabel('บันทึกเพิ่มเติม').press('Control+s');
  await expect(page.getByText('บันทึกการลงพื้นที่เรียบร้อยแล้ว')).toBeVisible();
  await expect(page.getByTestId('sync-pending')).toHaveText('1 รายการยังไม่ได้ซิงก์');
  // …while the administrator gives that LAO to another officer.
  const laos = await storedRows<{ id: string; nameTh: string }>(page, 'laos');
  // The longest name the option holds (one LAO's name can be part of another's).
  const laoId = laos.filter((lao) => laoName.includes(lao.nameTh)).sort((a, b) => b.nameTh.length - a.nameTh.length)[0]?.id ?? null;
  expect(laoId).not.toBeNull();
  await admin.assignLaos(officer.id, officer.laoIds!.filter((id) => id !== laoId));
  try {
    // Back online: the push is refused; the entry is kept and shown with its reason.
    await page.context().setOffline(false);
    await expect(page.getByTestId('sync-rejected')).toHaveText('เซิร์ฟเวอร์ไม่รับ 1 รายการ', { timeout: 30_000 });
    await expect(page.getByTestId('sync-pending')).toHaveText('ซิงก์ครบแล้ว');
    await page.getByTestId('sync-rejected').click();
    const problem = page.getByTestId('rejected-change');
    await expect(problem).toContainText('ไม่มีสิทธิ์บันทึกข้อมูลของ อปท. นี้');
    // What the officer typed, under the page's own labels, to enter it again where it belongs.
    const values = problem.getByTestId('rejected-values');
    await expect(values).toContainText('บันทึกเพิ่มเติม');
    await expect(values).toContainText('ลงพื้นที่ก่อนโอนงาน');
    await expect(values).toContainText('ติดตามการบันทึกข้อมูล');
    await expect(values).not.toContainText('officerId');
    await expect(values).not.toContainText('follow_up');
    await settled(page);
    await page.screenshot({ path: 'e2e/screenshots/sync-refused-change-th.png' });
    await problem.getByRole('button', { name: 'ทิ้งรายการนี้' }).click();
    // Nothing left to read: the list and its chip go away.
    await expect(page.getByTestId('rejected-change')).toHaveCount(0);
    await expect(page.getByTestId('sync-rejected')).toHaveCount(0);
  } finally {
    await admin.assignLaos(officer.id, officer.laoIds);
  }
});
