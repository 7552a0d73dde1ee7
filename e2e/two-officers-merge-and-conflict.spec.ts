import { randomUUID } from 'node:crypto';
import { expect, test } from './support/fixtures';
import { bangkokDateOf, fiscalYearOf } from '../shared/calendar/fiscal';
import { AdminApi, pushed, signIn } from './support/sync';
import { activityRow, cell, editActivity, shareAnLao } from './support/activities';
import { settled } from './support/workspace';

const PROVINCE = '99';

// Reassigns LAOs and pushes edits: a server of its own.
test.use({ ownServer: true });

test('two officers edit one record, one offline: different fields merge, the same field becomes a conflict resolved on the screen', async ({ openContext, request, clockAt }) => {
  test.setTimeout(600_000);
  const admin = await AdminApi.signIn(request);
  const { laoId, unshare } = await shareAnLao(admin);
  try {
    const today = bangkokDateOf(clockAt);
    const fy = fiscalYearOf(clockAt);
    const id = randomUUID();
    const name = `รณรงค์ต้านยาเสพติด ${id.slice(0, 8)}`;
    await admin.createRecord('antiDrugActivities', {
      id, laoId, provinceCode: PROVINCE, fiscalYear: fy, deleted: false, enteredOnBehalf: false,
      heldOn: today, kind: 'campaign', name, budget: 15_000_000, participants: 80, result: null,
    });

    const a = await (await openContext()).newPage();
    const b = await (await openContext()).newPage();
    await signIn(a, 'demo-officer1');
    await signIn(b, 'demo-officer2');
    await expect(cell(await activityRow(b, laoId, fy, name), 'budget')).toContainText('150,000.00');

    // B loses the network; A edits the name and the budget online.
    await b.context().setOffline(true);
    const nameA = `${name} (แก้ชื่อโดย A)`;
    await editActivity(a, laoId, fy, id, { 'ชื่อกิจกรรม': nameA, 'งบประมาณ': '175,000' });
    await pushed(a);

    // B, offline, edits the participants and the same budget differently.
    await editActivity(b, laoId, fy, id, { 'จำนวนผู้เข้าร่วม (คน)': '95', 'งบประมาณ': '180,000' });
    await expect(b.getByTestId('sync-pending')).toHaveText('1 รายการยังไม่ได้ซิงก์');

    // B reconnects: the participants merge, the budget is a conflict and A's value (first on the server) stays.
    await b.context().setOffline(false);
    await pushed(b);
    await expect(b.getByTestId('sync-conflicts')).toHaveText('ข้อมูลขัดแย้ง 1 รายการ — ตรวจสอบ', { timeout: 30_000 });
    // A's app is poked by the server and pulls the merge and the conflict.
    await expect(a.getByTestId('sync-conflicts')).toBeVisible({ timeout: 30_000 });
    for (const page of [a, b]) {
      const row = await activityRow(page, laoId, fy, nameA);
      await expect(row).toHaveCount(1);
      await expect(cell(row, 'participants')).toHaveText('95');
      await expect(cell(row, 'budget')).toContainText('175,000.00');
    }

    // Both see the conflict with both values side by side; B's own value is "yours".
    await b.getByTestId('sync-conflicts').click();
    await expect(b).toHaveURL(/#\/conflicts/);
    await expect(b.getByRole('link', { name: /ข้อมูลขัดแย้ง/ }).getByTestId('conflicts-nav-badge')).toHaveAttribute('data-count', '1');
    const detailB = b.getByTestId('conflict-detail');
    await expect(b.getByTestId('conflict-item')).toHaveCount(1);
    await expect(b.getByTestId('conflict-item')).toContainText(nameA);
    await expect(detailB.getByTestId('conflict-kind')).toHaveText('แก้ไขช่องเดียวกันไม่ตรงกัน');
    await expect(detailB.getByTestId('conflict-author')).toContainText('คุณ แก้ไขเมื่อ');
    await expect(detailB.getByTestId('conflict-author')).toContainText(/25\d\d/);
    const budgetB = detailB.getByTestId('conflict-field-budget');
    await expect(budgetB.getByTestId('side-server')).toContainText('ค่าบนเซิร์ฟเวอร์');
    await expect(budgetB.getByTestId('side-server')).toContainText('175,000.00 บาท');
    await expect(budgetB.getByTestId('side-client')).toContainText('ค่าของคุณ');
    await expect(budgetB.getByTestId('side-client')).toContainText('180,000.00 บาท');
    // The merged fields are not in the conflict.
    await expect(detailB.getByTestId('conflict-field-participants')).toHaveCount(0);
    await expect(detailB.getByTestId('conflict-field-name')).toHaveCount(0);
    await settled(b);
    await b.screenshot({ path: 'e2e/screenshots/conflicts-two-officers-th.png' });
    await b.getByRole('button', { name: 'English' }).click();
    await expect(budgetB.getByTestId('side-server')).toContainText('Value on the server');
    await expect(budgetB.getByTestId('side-client')).toContainText('Your value');
    await expect(budgetB.getByTestId('side-client')).toContainText('180,000.00');
    await settled(b);
    await b.screenshot({ path: 'e2e/screenshots/conflicts-two-officers-en.png' });
    await b.getByRole('button', { name: 'ไทย' }).click();

    await a.goto('/#/conflicts');
    const budgetA = a.getByTestId('conflict-detail').getByTestId('conflict-field-budget');
    await expect(budgetA.getByTestId('side-server')).toContainText('175,000.00 บาท');
    await expect(budgetA.getByTestId('side-client')).toContainText('180,000.00 บาท');
    await expect(budgetA.getByTestId('side-client')).not.toContainText('ค่าของคุณ');

    // A supervisor who signs in now (the snapshot holds records, not conflicts) sees it from the server list.
    const supervisor = await (await openContext()).newPage();
    await signIn(supervisor, 'demo-supervisor', 240_000);
    await supervisor.goto('/#/conflicts');
    await expect(supervisor.getByTestId('conflict-item').filter({ hasText: nameA })).toHaveCount(1, { timeout: 30_000 });
    await expect(supervisor.getByText('ผู้บังคับบัญชายืนยันค่าบนเซิร์ฟเวอร์ได้')).toBeVisible();
    await expect(supervisor.getByTestId('conflict-field-budget').getByRole('radio', { name: /^ค่าของ/ })).toBeDisabled();
    await supervisor.context().close();

    // B decides offline: a typed value that cannot be read is refused, then B keeps their own value.
    await b.context().setOffline(true);
    const group = detailB.getByRole('radiogroup', { name: 'เลือกค่าของ งบประมาณ' });
    await group.getByRole('radio', { name: 'ใส่ค่าใหม่' }).check();
    const typed = detailB.getByRole('textbox', { name: 'งบประมาณ' });
    // The new value starts from the record's current one, written as the form writes money.
    await expect(typed).toHaveValue('175,000.00');
    await expect(typed).toBeFocused();
    await typed.fill('หนึ่งแสน');
    await detailB.getByTestId('conflict-apply').click();
    await expect(detailB.getByTestId('conflict-error')).toBeVisible();
    await expect(detailB.getByTestId('conflict-field-budget')).toContainText('กรุณากรอกจำนวนเงินเป็นตัวเลข');
    await b.screenshot({ path: 'e2e/screenshots/conflicts-typed-value-refused-th.png' });
    await expect(b.getByTestId('conflict-item')).toHaveCount(1);
    await group.getByRole('radio', { name: 'ค่าของคุณ' }).check();
    await group.getByRole('radio', { name: 'ค่าของคุณ' }).press('Control+Enter');
    await expect(b.getByTestId('conflict-resolved')).toContainText('จะแจ้งเซิร์ฟเวอร์เมื่อกลับมาออนไลน์');
    await expect(b.getByTestId('conflicts-empty')).toBeVisible();
    await expect(b.getByTestId('sync-conflicts')).toHaveCount(0);
    await expect(b.getByTestId('sync-pending')).toHaveText('1 รายการยังไม่ได้ซิงก์');
    await settled(b);
    await b.screenshot({ path: 'e2e/screenshots/conflicts-empty-th.png' });
    // The server has not heard yet: A still sees it open.
    expect((await admin.openConflicts(PROVINCE)).filter((c) => c.recordId === id)).toHaveLength(1);
    await expect(a.getByTestId('conflict-item')).toHaveCount(1);

    // B reconnects: the chosen value syncs as an edit, the conflict is marked resolved, both converge.
    await b.context().setOffline(false);
    await pushed(b);
    await expect.poll(async () => (await admin.openConflicts(PROVINCE)).filter((c) => c.recordId === id).length, { timeout: 30_000 }).toBe(0);
    await expect(a.getByTestId('conflicts-empty')).toBeVisible({ timeout: 30_000 });
    await expect(a.getByTestId('sync-conflicts')).toHaveCount(0);
    for (const page of [a, b]) {
      const row = await activityRow(page, laoId, fy, nameA);
      await expect(cell(row, 'budget')).toContainText('180,000.00', { timeout: 30_000 });
      await expect(cell(row, 'participants')).toHaveText('95');
    }
    await a.context().close();
    await b.context().close();
  } finally {
    await unshare();
  }
});
