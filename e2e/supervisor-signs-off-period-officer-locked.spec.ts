import { expect, test, type Page } from './support/fixtures';
import { pushed, signIn, storedRows } from './support/sync';
import { dialog, input, section, snap } from './support/workspace';

// A supervisor signs off on the server, an officer pushes to it: a server of its own.
test.use({ ownServer: true });

const TASK = 'plan-submitted';

/** Opens the LAO's vision covering the fiscal year and types a new text; resolves with the form. */
async function editVision(page: Page, laoId: string, text: string) {
  await page.goto(`/#/laos/${laoId}?c=vision`);
  const list = section(page, 'visions');
  await expect(list).toHaveAttribute('data-loaded', 'true');
  await list.getByRole('row', { name: /2566–2570/ }).first().click();
  const form = dialog(page);
  await input(form, 'วิสัยทัศน์').fill(text);
  await input(form, 'วิสัยทัศน์').press('Control+s');
  return form;
}

test('a supervisor signs an LAO\'s period off: the officer\'s offline edit is refused by the server, a new edit is refused on the laptop with the reason; reopened with a reason, the edit goes through', async ({ page, openContext }) => {
  test.setTimeout(300_000);
  // The officer picks an LAO of theirs whose plan task is complete.
  await signIn(page, 'demo-officer1');
  await page.goto(`/#/?task=${TASK}`);
  await page.getByRole('button', { name: /แสดง อปท. ที่ครบถ้วนแล้ว/ }).click();
  // Complete LAOs are listed last, and the list draws the rows in its window: scrolled to its end.
  await page.getByTestId('task-lao-list').evaluate((list) => list.scrollTo({ top: list.scrollHeight }));
  const completeRow = page.locator('[data-testid="checklist-lao"][data-status="complete"]').first();
  const laoId = (await completeRow.getAttribute('data-lao-id'))!;

  // Offline, the officer corrects the vision (the laptop does not know of any sign-off yet).
  await page.context().setOffline(true);
  const offlineForm = await editVision(page, laoId, 'วิสัยทัศน์ที่แก้ไขขณะออฟไลน์');
  await expect(offlineForm).toBeHidden();

  // Meanwhile the supervisor verifies the LAO's plan and signs the period off.
  const supervisor = await (await openContext()).newPage();
  await signIn(supervisor, 'demo-supervisor');
  // The link opens a complete LAO: the complete ones are shown with it, without a click.
  await supervisor.goto(`/#/?task=${TASK}&scope=all&lao=${laoId}`);
  await expect(supervisor.getByRole('button', { name: 'ซ่อน อปท. ที่ครบถ้วนแล้ว' })).toBeVisible();
  const panel = supervisor.getByTestId('signoff-panel');
  await expect(panel).toHaveAttribute('data-signed', 'false');
  await panel.getByTestId('signoff-sign').click();
  await expect(panel).toHaveAttribute('data-signed', 'true');
  await expect(panel).toContainText('รับรองโดย อรุณี มั่นคง (สถจ. สาธิต)');
  await expect(supervisor.locator(`[data-testid="checklist-lao"][data-lao-id="${laoId}"]`).getByTestId('signoff-mark')).toBeVisible();
  await snap(supervisor, 'signoff-signed-th');
  // The province matrix marks the cell, with who and when.
  await supervisor.goto('/#/matrix');
  const cell = supervisor.locator(`[data-testid="matrix-row"][data-lao-id="${laoId}"] td[data-task-id="${TASK}"]`);
  await expect(cell).toHaveAttribute('data-signed', 'true');
  // The tooltip is worded as the pointer comes to the cell.
  await cell.hover();
  await expect(cell).toHaveAttribute('title', /รับรองโดย อรุณี มั่นคง \(สถจ. สาธิต\)/);
  await expect(supervisor.getByTestId('matrix-signoff')).toHaveCount(1);
  await supervisor.goto(`/#/?task=${TASK}&scope=all&lao=${laoId}`);
  await expect(supervisor.getByRole('button', { name: 'ซ่อน อปท. ที่ครบถ้วนแล้ว' })).toBeVisible();

  // Back online, the officer's edit reaches the server and is refused, with the reason; the laptop shows the server's value again.
  await page.context().setOffline(false);
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-rejected')).toHaveText('เซิร์ฟเวอร์ไม่รับ 1 รายการ', { timeout: 30_000 });
  await expect(section(page, 'visions').getByTestId('record-table')).not.toContainText('วิสัยทัศน์ที่แก้ไขขณะออฟไลน์');
  await page.getByTestId('sync-rejected').click();
  await expect(page.getByTestId('rejected-change')).toContainText('ผู้บังคับบัญชารับรองข้อมูลงวดนี้แล้ว');
  await page.keyboard.press('Escape');

  // The laptop now holds the sign-off: a new edit is refused at once, saying why; nothing is queued.
  const form = await editVision(page, laoId, 'วิสัยทัศน์ที่แก้ไขหลังรับรอง');
  await expect(form.getByTestId('form-errors')).toContainText('ข้อมูลงวดนี้ผู้บังคับบัญชารับรองแล้ว');
  // Said before typing, too, at the top of the form.
  await expect(form.getByTestId('signed-off-banner')).toContainText('รับรองโดย อรุณี มั่นคง (สถจ. สาธิต)');
  await expect(form).toContainText('รับรองโดย อรุณี มั่นคง (สถจ. สาธิต)');
  await snap(page, 'signoff-edit-refused-th');
  // A delete is refused the same way and the form stays open; closing it still keeps the last typing as a draft.
  await input(form, 'วิสัยทัศน์').fill('วิสัยทัศน์ที่พิมพ์ก่อนกดลบ');
  await form.getByRole('button', { name: 'ลบ', exact: true }).click();
  await expect(page.locator('.MuiSnackbar-root').filter({ hasText: 'ผู้บังคับบัญชารับรอง' })).toBeVisible();
  await expect(form).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await section(page, 'visions').getByTestId('draft-banner').getByRole('button', { name: 'ทำต่อ' }).click();
  await expect(input(form, 'วิสัยทัศน์')).toHaveValue('วิสัยทัศน์ที่พิมพ์ก่อนกดลบ');
  await form.getByRole('button', { name: 'ยกเลิก' }).click();
  await expect(section(page, 'visions').getByTestId('draft-banner')).toHaveCount(0);
  await page.goto(`/#/?task=${TASK}&lao=${laoId}`);
  await expect(page.getByRole('button', { name: 'ซ่อน อปท. ที่ครบถ้วนแล้ว' })).toBeVisible();
  await expect(page.getByTestId('signoff-panel')).toHaveAttribute('data-signed', 'true');
  // An officer sees the lock and who set it, with nothing to sign or reopen.
  await expect(page.getByTestId('signoff-reopen')).toHaveCount(0);

  // The supervisor reopens, with a reason.
  await panel.getByTestId('signoff-reopen').click();
  await expect(supervisor.getByTestId('signoff-reopen-confirm')).toBeDisabled();
  await supervisor.getByTestId('signoff-reason').fill('อปท. แจ้งปรับวิสัยทัศน์ตามมติสภา');
  await supervisor.getByTestId('signoff-reopen-confirm').click();
  await expect(panel).toHaveAttribute('data-signed', 'false');
  await expect(panel).toContainText('เหตุผล: อปท. แจ้งปรับวิสัยทัศน์ตามมติสภา');

  // The officer syncs; the edit now goes through to the server. The supervisor's laptop has not pulled it yet (its pulls fail).
  await supervisor.route('**/v1/sync/pull**', (route) => route.abort());
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('signoff-panel')).toHaveAttribute('data-signed', 'false', { timeout: 30_000 });
  const again = await editVision(page, laoId, 'วิสัยทัศน์ที่แก้ไขหลังเปิดงวด');
  await expect(again).toBeHidden();
  await pushed(page);
  await expect(section(page, 'visions').getByTestId('record-table')).toContainText('วิสัยทัศน์ที่แก้ไขหลังเปิดงวด');

  // Signing again on what the laptop shows would lock a vision the supervisor never saw: the server leaves the LAO out, and says why.
  await panel.getByTestId('signoff-sign').click();
  await expect(panel.getByTestId('signoff-problem')).toHaveAttribute('data-problem', 'signOff.stale');
  await expect(panel.getByTestId('signoff-problem')).toContainText('เปลี่ยนไปหลังจากที่หน้าจอนี้แสดงสถานะ');
  await expect(panel).toHaveAttribute('data-signed', 'false');
  await snap(supervisor, 'signoff-stale-th');
  // Once the laptop has pulled the change, the supervisor signs it off.
  await supervisor.unroute('**/v1/sync/pull**');
  await supervisor.getByTestId('sync-now').click();
  await expect.poll(async () => (await storedRows<{ vision?: string }>(supervisor, 'visions')).some((row) => row.vision === 'วิสัยทัศน์ที่แก้ไขหลังเปิดงวด'), { timeout: 30_000 }).toBe(true);
  // A sign-off carries what the statuses on screen account for: the pull, once the completion pass after it has run.
  const pulled = Object.fromEntries((await storedRows<{ key: string; value: unknown }>(supervisor, 'meta'))
    .filter((row) => row.key.startsWith('sync.cursor.')).map((row) => [row.key.slice('sync.cursor.'.length), row.value]));
  await expect.poll(async () => JSON.parse((await panel.getAttribute('data-seen')) ?? '{}')).toEqual(pulled);
  await panel.getByTestId('signoff-sign').click();
  await expect(panel).toHaveAttribute('data-signed', 'true');

  // A whole month at once: every complete task of the month, for the LAOs shown; the matrix marks each.
  await supervisor.goto('/#/?scope=all');
  const wholeMonth = supervisor.getByTestId('signoff-month');
  const pairs = Number(await wholeMonth.getAttribute('data-count'));
  expect(pairs).toBeGreaterThan(10);
  await wholeMonth.click();
  await expect(wholeMonth).toHaveCount(0, { timeout: 30_000 });
  await supervisor.goto('/#/matrix');
  // The whole month's pairs and the plan signed off above.
  await expect(supervisor.getByTestId('matrix-signoff')).toHaveCount(pairs + 1);
});
