/**
 * Where the screens meet the sync: a form left open while a colleague's
 * change is pulled, and a draft restored after one, must never undo that
 * change. Untouched fields take the new value; a field both changed is sent
 * with the value the user saw and becomes a conflict on the server.
 */
import { randomUUID } from 'node:crypto';
import { bangkokDateOf, fiscalYearOf } from '../shared/calendar/fiscal';
import { activityRow, cell, editActivity, openActivity, shareAnLao } from './support/activities';
import { expect, test } from './support/fixtures';
import { AdminApi, pushed, signIn } from './support/sync';
import { draftKept, reloadOffline, section, settled } from './support/workspace';

const PROVINCE = '99';

// Reassigns an LAO and pushes edits: a server of its own.
test.use({ ownServer: true });

test('a form left open and a draft restored after a colleague synced keep the colleague\'s change; a field both changed becomes a conflict', async ({ openContext, request, clockAt }) => {
  test.setTimeout(600_000);
  const admin = await AdminApi.signIn(request);
  const { laoId, unshare } = await shareAnLao(admin);
  try {
    const fy = fiscalYearOf(clockAt);
    const id = randomUUID();
    const name = `อบรมต้านยาเสพติด ${id.slice(0, 8)}`;
    await admin.createRecord('antiDrugActivities', {
      id, laoId, provinceCode: PROVINCE, fiscalYear: fy, deleted: false, enteredOnBehalf: false,
      heldOn: bangkokDateOf(clockAt), kind: 'campaign', name, budget: 15_000_000, participants: 80, result: null,
    });
    const a = await (await openContext()).newPage();
    const b = await (await openContext()).newPage();
    await signIn(a, 'demo-officer1');
    await signIn(b, 'demo-officer2');

    // 1. B opens the record; A renames it and syncs while B's form is open.
    const formB = await openActivity(b, laoId, fy, id);
    await expect(formB.getByLabel('ชื่อกิจกรรม')).toHaveValue(name);
    const renamed = `${name} (ชื่อใหม่โดย A)`;
    await editActivity(a, laoId, fy, id, { 'ชื่อกิจกรรม': renamed });
    await pushed(a);
    // The pull lands on B's laptop: the form says so and shows the new name in the field B never touched.
    await expect(formB.getByTestId('changed-underneath')).toBeVisible({ timeout: 30_000 });
    await expect(formB.getByTestId('changed-underneath')).toContainText('ชื่อกิจกรรม');
    await expect(formB.getByLabel('ชื่อกิจกรรม')).toHaveValue(renamed);
    await expect(formB.locator('#antiDrugActivities-dialog-title')).toContainText(renamed);
    await settled(b);
    await b.screenshot({ path: 'e2e/screenshots/form-changed-underneath-th.png' });
    // A renames it once more while B's form is still open: the field B never touched follows again, no conflict claimed.
    const renamedTwice = `${name} (ชื่อใหม่อีกครั้งโดย A)`;
    await editActivity(a, laoId, fy, id, { 'ชื่อกิจกรรม': renamedTwice });
    await pushed(a);
    await expect(formB.getByLabel('ชื่อกิจกรรม')).toHaveValue(renamedTwice, { timeout: 30_000 });
    await expect(formB.getByTestId('conflicting-fields')).toHaveCount(0);
    await formB.getByLabel('จำนวนผู้เข้าร่วม (คน)').fill('77');
    await formB.getByLabel('จำนวนผู้เข้าร่วม (คน)').press('Control+s');
    await expect(formB).toBeHidden();
    await pushed(b);
    // A's laptop, poked by the server, holds both changes: the renames were not undone, and nothing conflicted.
    await expect.poll(async () => cell(await activityRow(a, laoId, fy, renamedTwice), 'participants').textContent(), { timeout: 30_000 }).toBe('77');
    expect((await admin.openConflicts(PROVINCE)).filter((c) => c.recordId === id)).toHaveLength(0);

    // 2. B, offline, types a new budget and a new name, and reloads: the draft is kept.
    await b.context().setOffline(true);
    const draftForm = await openActivity(b, laoId, fy, id);
    await draftForm.getByLabel('งบประมาณ').fill('190,000');
    await draftForm.getByLabel('ชื่อกิจกรรม').fill(`${name} (ชื่อโดย B)`);
    await draftKept(b);
    // Closing the form keeps the draft; the laptop reloads on the LAO's page.
    await b.keyboard.press('Escape');
    await expect(draftForm).toBeHidden();
    await b.goto(`/#/laos/${laoId}?c=antiDrug&fy=${fy}`);
    await reloadOffline(b, b.context());
    await expect(section(b, 'antiDrugActivities').getByTestId('draft-banner')).toBeVisible();
    // A renames the record again and syncs.
    const renamedAgain = `${name} (ชื่อที่สองโดย A)`;
    await editActivity(a, laoId, fy, id, { 'ชื่อกิจกรรม': renamedAgain });
    await pushed(a);
    // B comes back online and pulls A's name, then continues the draft.
    await b.context().setOffline(false);
    await expect(cell(await activityRow(b, laoId, fy, renamedAgain), 'participants')).toHaveText('77', { timeout: 30_000 });
    await b.goto(`/#/laos/${laoId}?c=antiDrug&fy=${fy}`);
    await section(b, 'antiDrugActivities').getByTestId('draft-banner').getByRole('button', { name: 'ทำต่อ' }).click();
    const restored = b.getByTestId('record-dialog');
    await expect(restored.getByTestId('draft-restored')).toBeVisible();
    // Both changed the name: B is told, with A's value, before saving.
    const notice = restored.getByTestId('changed-underneath');
    await expect(notice.getByTestId('conflicting-fields')).toContainText(`ชื่อกิจกรรม: ค่าล่าสุดคือ ${renamedAgain}`);
    await expect(restored.getByLabel('งบประมาณ')).toHaveValue('190,000.00');
    await settled(b);
    await b.screenshot({ path: 'e2e/screenshots/draft-conflicting-field-th.png' });
    await restored.getByLabel('งบประมาณ').press('Control+s');
    await expect(restored).toBeHidden();
    // Saved anyway: the budget is applied, the name is a conflict a person resolves, and A's name stays.
    await expect(b.getByTestId('sync-conflicts')).toHaveText('ข้อมูลขัดแย้ง 1 รายการ — ตรวจสอบ', { timeout: 30_000 });
    await expect.poll(async () => (await admin.openConflicts(PROVINCE)).filter((c) => c.recordId === id).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => cell(await activityRow(a, laoId, fy, renamedAgain), 'budget').textContent(), { timeout: 30_000 }).toContain('190,000.00');
    await expect(cell(await activityRow(b, laoId, fy, renamedAgain), 'budget')).toContainText('190,000.00');

    // 3. B, offline, types into the record once more and closes the form; A deletes the record and syncs.
    await b.context().setOffline(true);
    const lastForm = await openActivity(b, laoId, fy, id);
    await lastForm.getByLabel('จำนวนผู้เข้าร่วม (คน)').fill('55');
    await draftKept(b);
    await b.keyboard.press('Escape');
    await expect(lastForm).toBeHidden();
    const rowOfA = await activityRow(a, laoId, fy, renamedAgain);
    await rowOfA.click();
    await a.getByTestId('record-dialog').getByRole('button', { name: 'ลบ', exact: true }).click();
    await expect(rowOfA).toBeHidden();
    await pushed(a);
    // B pulls the delete: the record leaves B's list, the typing stays in sight and says what happened.
    await b.context().setOffline(false);
    await expect(await activityRow(b, laoId, fy, renamedAgain)).toHaveCount(0, { timeout: 30_000 });
    const banner = section(b, 'antiDrugActivities').getByTestId('draft-banner');
    await expect(banner).toHaveAttribute('data-draft', 'deleted');
    await expect(banner).toContainText('ถูกลบจากที่อื่นแล้ว');
    await settled(b);
    await b.screenshot({ path: 'e2e/screenshots/draft-of-deleted-record-th.png' });
    await banner.getByRole('button', { name: 'ทำต่อ' }).click();
    const reviewed = b.getByTestId('record-dialog');
    await expect(reviewed.getByTestId('changed-underneath')).toContainText('ถูกลบจากที่อื่น');
    await expect(reviewed.getByLabel('จำนวนผู้เข้าร่วม (คน)')).toHaveValue('55');
    // Closed again, the draft is still offered; discarded, it is gone.
    await b.keyboard.press('Escape');
    await expect(reviewed).toBeHidden();
    await banner.getByRole('button', { name: 'ทิ้งร่าง' }).click();
    await expect(banner).toHaveCount(0);
    await a.context().close();
    await b.context().close();
  } finally {
    await unshare();
  }
});
