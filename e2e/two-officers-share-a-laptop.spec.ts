/**
 * One laptop, two officers, through the real server: an officer's unsynced
 * visit never goes out under a colleague's sign-in; it waits, counted, while
 * the colleague works on their own LAOs only, and is sent when its author
 * signs in again.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from './support/fixtures';
import { AdminApi, signIn } from './support/sync';
import { settled } from './support/workspace';

// Signs in twice and pushes: a server of its own.
test.use({ ownServer: true });

async function signOut(page: Page): Promise<void> {
  await page.goto('/#/login');
  await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
  await expect(page.getByTestId('sync-sign-in')).toBeVisible();
}

test("a colleague signing in on the same laptop neither sends nor sees an officer's unsynced work; it goes when its author is back", async ({ page, context, request }) => {
  test.setTimeout(300_000);
  const admin = await AdminApi.signIn(request);
  const officer2 = await admin.user('demo-officer2');
  await signIn(page, 'demo-officer1');

  // Officer 1 logs a visit offline and signs out before any network comes back.
  await context.setOffline(true);
  await page.goto('/#/visits');
  const form = page.getByRole('form', { name: 'บันทึกการลงพื้นที่ครั้งใหม่' });
  await form.getByLabel('อปท. ที่ลงพื้นที่').click();
  await page.getByRole('option').first().click();
  const note = `ลงพื้นที่ก่อนส่งเครื่องให้เพื่อน ${randomUUID().slice(0, 8)}`;
  await form.getByLabel('บันทึกเพิ่มเติม').fill(note);
  await form.getByLabel('บันทึกเพิ่มเติม').press('Control+s');
  await expect(page.getByTestId('sync-pending')).toHaveText('1 รายการยังไม่ได้ซิงก์');
  await signOut(page);

  // Officer 2 signs in on the same laptop: the visit waits for officer 1, and officer 2 sees only their own LAOs.
  await context.setOffline(false);
  await signIn(page, 'demo-officer2');
  await expect(page.getByTestId('sync-waiting')).toHaveText('ของผู้ใช้อื่น 1 รายการรอส่ง');
  await expect(page.getByTestId('sync-rejected')).toHaveCount(0);
  await page.goto('/#/');
  await expect(page.getByRole('button', { name: `อปท. ที่รับผิดชอบ (${officer2.laoIds!.length})` })).toBeVisible();
  await page.goto('/#/laos');
  // The directory renders only the cards on screen; its count says how many LAOs it holds.
  await expect(page.getByTestId('lao-count-shown')).toHaveAttribute('data-count', String(officer2.laoIds!.length));
  await settled(page);
  await page.screenshot({ path: 'e2e/screenshots/laptop-shared-waiting-th.png' });
  expect((await admin.loggedRecords('99')).filter((record) => record.notes === note)).toHaveLength(0);

  // Officer 1 is back: the visit goes out, as officer 1's.
  await signOut(page);
  await signIn(page, 'demo-officer1');
  await expect(page.getByTestId('sync-waiting')).toHaveCount(0);
  await expect.poll(async () => (await admin.loggedRecords('99')).filter((record) => record.notes === note).map((record) => record.updatedBy), { timeout: 30_000 })
    .toEqual([(await admin.user('demo-officer1')).id]);
});
