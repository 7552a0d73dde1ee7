import { randomUUID } from 'node:crypto';
import { bangkokDateOf, fiscalYearOf } from '../shared/calendar/fiscal';
import { toThaiNumericDate } from '../shared/calendar/thaiDate';
import { activityRow } from './support/activities';
import { MAX_HISTORY_ENTRIES } from '../shared/sync/history';
import { expect, test } from './support/fixtures';
import { AdminApi, pushed, signIn } from './support/sync';
import { dialog, section, snap, switchToEnglish } from './support/workspace';

// An officer writes to the server: a server of its own.
test.use({ ownServer: true });

test('a supervisor opens a record an officer entered on another laptop: its whole history from the server, by name; offline, a note says so', async ({ page, openContext, request, clockAt }) => {
  test.setTimeout(240_000);
  const admin = await AdminApi.signIn(request);
  const officer = await admin.user('demo-officer1');
  const laoId = officer.laoIds![0]!;
  const fy = fiscalYearOf(clockAt);
  const name = `อบรมเยาวชน ${randomUUID().slice(0, 8)}`;

  // The officer enters an activity on the LAO's behalf, then corrects the participants, and syncs.
  await signIn(page, 'demo-officer1');
  await page.goto(`/#/laos/${laoId}?c=antiDrug&fy=${fy}`);
  const list = section(page, 'antiDrugActivities');
  await expect(list).toHaveAttribute('data-loaded', 'true');
  await list.getByRole('button', { name: 'เพิ่มกิจกรรม' }).click();
  const form = dialog(page);
  await form.getByLabel('ชื่อกิจกรรม').fill(name);
  await form.getByLabel('วันที่จัดกิจกรรม').fill(toThaiNumericDate(bangkokDateOf(clockAt)));
  await form.getByLabel('งบประมาณ').fill('12500');
  await form.getByLabel('จำนวนผู้เข้าร่วม (คน)').fill('80');
  await expect(form.getByLabel('เจ้าหน้าที่บันทึกแทน อปท.')).toBeChecked();
  await form.getByLabel('จำนวนผู้เข้าร่วม (คน)').press('Control+s');
  await expect(form).toBeHidden();
  const officerRow = await activityRow(page, laoId, fy, name);
  await officerRow.click();
  await form.getByLabel('จำนวนผู้เข้าร่วม (คน)').fill('95');
  await form.getByLabel('จำนวนผู้เข้าร่วม (คน)').press('Control+s');
  await expect(form).toBeHidden();
  await pushed(page);

  // The supervisor, on another laptop, has it by sync: the list marks it as entered on the LAO's behalf.
  const supervisor = await (await openContext()).newPage();
  await signIn(supervisor, 'demo-supervisor');
  const row = await activityRow(supervisor, laoId, fy, name);
  await expect(row.getByTestId('on-behalf-mark')).toHaveAttribute('aria-label', 'บันทึกแทน อปท.');
  await row.click();
  const record = dialog(supervisor);
  await record.getByRole('tab', { name: 'ประวัติการแก้ไข' }).click();
  const history = record.getByTestId('record-history');
  await expect(history).toHaveAttribute('data-source', 'loaded');
  const lines = history.getByRole('listitem');
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(0)).toContainText(`แก้ไข${officer.displayName}`);
  await expect(lines.nth(0)).toContainText('จำนวนผู้เข้าร่วม (คน): 80 → 95');
  await expect(lines.nth(1)).toContainText(`สร้าง${officer.displayName}`);
  await expect(lines.nth(1)).toContainText(/25\d\d/);
  await expect(record).not.toContainText('ยังไม่มีประวัติการแก้ไขในเครื่องนี้');
  await snap(supervisor, 'record-history-from-server-th');
  // The app bar's language switch sits behind the open form: close it, switch, open it again.
  const historyOf = async (tab: string) => {
    await row.click();
    await record.getByRole('tab', { name: tab }).click();
  };
  await supervisor.keyboard.press('Escape');
  await expect(record).toBeHidden();
  await switchToEnglish(supervisor);
  await historyOf('History');
  await expect(lines.nth(0)).toContainText(`Changed${officer.displayName}`);
  await expect(lines.nth(1)).toContainText(`Created${officer.displayName}`);
  await snap(supervisor, 'record-history-from-server-en');

  // Offline: the laptop cannot ask, and says where the history is.
  await supervisor.keyboard.press('Escape');
  await supervisor.context().setOffline(true);
  await historyOf('History');
  await expect(record.getByTestId('history-offline')).toHaveText('The server\'s history can be seen when online; shown here are only the changes made on this device');
  await expect(record.getByTestId('record-history')).toHaveCount(0);
  await snap(supervisor, 'record-history-offline-en');
  await supervisor.keyboard.press('Escape');
  await supervisor.getByRole('button', { name: 'ไทย' }).click();
  await historyOf('ประวัติการแก้ไข');
  await expect(record.getByTestId('history-offline')).toHaveText('ประวัติจากเซิร์ฟเวอร์ดูได้เมื่อออนไลน์ ตอนนี้แสดงเฉพาะการแก้ไขที่ทำในเครื่องนี้');
  await snap(supervisor, 'record-history-offline-th');

  // A record edited more often than the answer holds: the newest versions, and a note that there were more before.
  await supervisor.keyboard.press('Escape');
  await supervisor.context().setOffline(false);
  const [stored] = (await admin.loggedRecords(officer.provinceCodes[0]!)).filter((r) => r.name === name).slice(-1);
  const counts = Array.from({ length: MAX_HISTORY_ENTRIES }, (_, i) => ({ participants: { old: 95 + i, new: 96 + i } }));
  await admin.editRecord('antiDrugActivities', stored!.id, stored!.version, counts);
  await expect.poll(async () => (await activityRow(supervisor, laoId, fy, name)).locator('[data-field="participants"]').textContent(), { timeout: 30_000 }).toBe(String(95 + MAX_HISTORY_ENTRIES));
  await historyOf('ประวัติการแก้ไข');
  await expect(history).toHaveAttribute('data-source', 'loaded');
  await expect(lines).toHaveCount(MAX_HISTORY_ENTRIES);
  await expect(record.getByTestId('history-older')).toHaveText(`แสดงการแก้ไขล่าสุด ${MAX_HISTORY_ENTRIES} ครั้ง รายการนี้มีการแก้ไขก่อนหน้านั้นอีก`);
  await expect(lines.nth(0)).toContainText(`จำนวนผู้เข้าร่วม (คน): ${94 + MAX_HISTORY_ENTRIES} → ${95 + MAX_HISTORY_ENTRIES}`);
});
