/**
 * A supervisor signs out while the province's first download runs in its
 * Web Worker: the worker ends at once (nothing more is stored after the
 * sign-out), no error is shown, and signing in again resumes the download
 * from the last stored page and completes it.
 */
import { expect, test } from './support/fixtures';
import { storedRecords, submitLogin } from './support/sync';

// Signs in twice and downloads the demo province: a server of its own.
test.use({ ownServer: true });

/** Rows per snapshot page here: small and slow, so the sign-out lands mid-download. */
const PAGE = 2000;

test('a supervisor signs out during the first download: the worker stops at once, nothing more is stored, and the next sign-in resumes and completes it', async ({ page }) => {
  test.setTimeout(240_000);
  let slow = true;
  let pagesAsked = 0;
  await page.route('**/v1/sync/snapshot?**', async (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('limit', String(PAGE));
    pagesAsked += 1;
    // Answered by the server at once, handed to the app later: a page is always on its way, and one
    // answered before the sign-out (so before the token was revoked) still arrives after it.
    const response = await route.fetch({ url: url.toString() });
    if (slow) await new Promise((resolve) => setTimeout(resolve, 700));
    return route.fulfill({ response });
  });
  const downloads: { url: string; closed: boolean }[] = [];
  page.on('worker', (worker) => {
    if (!worker.url().includes('scope.worker')) return;
    const entry = { url: worker.url(), closed: false };
    downloads.push(entry);
    worker.on('close', () => (entry.closed = true));
  });

  await submitLogin(page, 'demo-supervisor');
  const chip = page.getByTestId('sync-pending');
  // Under way, in its worker, with two pages stored.
  await expect(page.getByTestId('sync-initial')).toContainText(/กำลังดาวน์โหลดข้อมูลจังหวัด [\d,]+ จาก [\d,]+ รายการ/, { timeout: 60_000 });
  await expect.poll(() => storedRecords(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(2 * PAGE);
  expect(downloads).toHaveLength(1);
  expect(downloads[0]!.closed).toBe(false);

  await page.goto('/#/login');
  await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
  await expect(page.getByTestId('sync-sign-in')).toBeVisible();
  const atSignOut = await storedRecords(page);
  await expect.poll(() => downloads[0]!.closed, { timeout: 10_000 }).toBe(true);
  // The page on its way at the sign-out has arrived by now, and more would have followed: none was stored.
  await page.waitForTimeout(3_000);
  expect(await storedRecords(page)).toBe(atSignOut);
  const askedAtSignOut = pagesAsked;
  await page.waitForTimeout(1_500);
  expect(pagesAsked).toBe(askedAtSignOut);
  // Signed out, not failed: no error is shown, and no retry is pending.
  await expect(page.getByTestId('sync-error')).toHaveCount(0);
  await page.screenshot({ path: 'e2e/screenshots/first-download-signed-out-th.png' });

  // The same supervisor signs in again: the download takes up from the stored page and completes.
  slow = false;
  const pagesBefore = pagesAsked;
  await submitLogin(page, 'demo-supervisor');
  await expect(page.getByTestId('sync-last')).toContainText('ซิงก์ล่าสุด', { timeout: 120_000 });
  await expect(chip).toHaveText('ซิงก์ครบแล้ว');
  expect(downloads).toHaveLength(2);
  const total = await storedRecords(page);
  // Resumed, not started over: the pages asked for again are those not stored at the sign-out.
  expect(pagesAsked - pagesBefore).toBeLessThanOrEqual(Math.ceil((total - atSignOut) / PAGE) + 1);
  expect(total).toBeGreaterThan(atSignOut);
});
