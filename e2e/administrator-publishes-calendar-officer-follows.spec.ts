import { fiscalYearOf } from '../shared/calendar/fiscal';
import { expect, test, type Page } from './support/fixtures';
import { signIn } from './support/sync';
import { snap } from './support/workspace';

// Administrators publish to the server: a server of its own.
test.use({ ownServer: true });

const TASK = 'monthly-follow-up';

async function startDraft(page: Page): Promise<void> {
  await page.goto('/#/calendar');
  await expect(page.getByTestId('calendar-in-force')).toHaveAttribute('data-version', 'seed');
  await page.getByTestId('calendar-edit').click();
  await expect(page.getByTestId('calendar-draft')).toBeVisible();
}

test('an administrator changes the calendar and publishes it; an officer\'s laptop follows after its next sync; a draft from an older version is refused, not published over it', async ({ page, openContext, clockAt }) => {
  test.setTimeout(300_000);
  const fy = fiscalYearOf(clockAt);

  // An officer works with the seed calendar.
  const officer = await (await openContext()).newPage();
  await signIn(officer, 'demo-officer1');
  await officer.goto('/#/');
  await expect(officer.getByTestId('task-card').first()).toBeVisible();
  await expect(officer.locator(`[data-task-id="${TASK}"]`)).toHaveCount(0);

  // Two administrators' laptops start a draft from the same calendar (the seed).
  await signIn(page, 'demo-admin');
  const late = await (await openContext()).newPage();
  await signIn(late, 'demo-admin');
  await startDraft(page);
  await startDraft(late);
  await expect(page.getByTestId('calendar-year')).toContainText(`ปีงบประมาณ พ.ศ. ${fy}`);

  // A new every-month task, typed in the dialog; a missing text is named under its field.
  await page.getByTestId('calendar-add-task').click();
  const form = page.getByTestId('task-form');
  await form.getByTestId('task-id').fill(TASK);
  await form.getByTestId('task-label-th').fill('ติดตามการประชุมประจำเดือน');
  await form.getByTestId('task-label-en').fill('Monthly meeting follow-up');
  await form.getByTestId('task-guidance-th').fill('ตรวจสอบว่า อปท. บันทึกเงินอุดหนุนเป็นปัจจุบันทุกเดือน');
  await page.getByTestId('task-save').click();
  await expect(form.getByText('ต้องกรอก')).toBeVisible();
  await form.getByTestId('task-guidance-en').fill('Check that the LAO keeps its grants current every month');
  await form.getByLabel('ทุกเดือน').check();
  await form.getByTestId('task-rule').click();
  await page.getByRole('option', { name: 'เงินอุดหนุนเฉพาะกิจเป็นปัจจุบัน' }).click();
  await form.getByTestId('task-threshold').fill('30');
  await snap(page, 'calendar-task-dialog-th');
  // Enter saves the task, as in every form of the app.
  await form.getByTestId('task-threshold').press('Enter');
  await expect(form).toBeHidden();
  const rows = page.getByTestId('calendar-task');
  const added = page.locator(`[data-testid="calendar-task"][data-task="${TASK}"]`);
  await expect(added).toContainText('ทุกเดือน');
  await expect(added).toContainText('เงินอุดหนุนเฉพาะกิจเป็นปัจจุบัน');
  const count = await rows.count();
  await page.getByRole('button', { name: `เลื่อนขึ้น ${TASK}` }).click();
  await expect(rows.nth(count - 2)).toHaveAttribute('data-task', TASK);

  // The draft survives a reload (kept on the laptop as it is edited).
  await page.reload();
  await expect(page.locator(`[data-testid="calendar-task"][data-task="${TASK}"]`)).toBeVisible();

  // A preview on the laptop's own data before publishing: every LAO has a status for the new task.
  await page.getByTestId('calendar-preview-run').click();
  const preview = page.locator(`[data-testid="preview-row"][data-task="${TASK}"]`);
  await expect(preview).toBeVisible({ timeout: 60_000 });
  const counted = await preview.locator('[data-count]').evaluateAll((cells) => cells.reduce((sum, cell) => sum + Number(cell.getAttribute('data-count')), 0));
  expect(counted).toBeGreaterThan(0);

  await page.getByTestId('calendar-note').fill('เพิ่มงานติดตามประจำเดือน');
  await page.getByTestId('calendar-publish').click();
  await expect(page.getByTestId('calendar-published')).toHaveText('เผยแพร่ฉบับที่ 1 แล้ว ทุกเครื่องจะใช้ปฏิทินนี้หลังซิงก์ครั้งถัดไป');
  await expect(page.getByTestId('calendar-in-force')).toHaveAttribute('data-version', '1');
  await expect(page.getByTestId('calendar-draft')).toHaveCount(0);
  const version = page.getByTestId('calendar-version');
  await expect(version).toHaveCount(1);
  await expect(version).toContainText('เพิ่มงานติดตามประจำเดือน');
  await expect(version).toContainText('เพิ่ม 1 · ลบ 0 · แก้ไข 0');
  await snap(page, 'calendar-published-th');

  // The other administrator's draft started from the seed: refused, and kept.
  await late.getByRole('button', { name: /^ลบงาน / }).first().click();
  await late.getByTestId('calendar-publish').click();
  await expect(late.getByTestId('calendar-stale')).toBeVisible();
  await expect(late.getByTestId('calendar-draft')).toBeVisible();
  await snap(late, 'calendar-stale-th');
  await late.getByRole('button', { name: 'ทิ้งร่าง' }).click();
  await late.getByTestId('calendar-discard-confirm').click();
  await late.getByTestId('sync-now').click();
  await expect(late.getByTestId('calendar-in-force')).toHaveAttribute('data-version', '1', { timeout: 30_000 });

  // The officer's laptop takes the new calendar with its next sync: the task and its statuses, and the calendar read-only.
  await officer.getByTestId('sync-now').click();
  const card = officer.locator(`[data-testid="task-card"][data-task-id="${TASK}"]`);
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card).toContainText('ติดตามการประชุมประจำเดือน');
  await expect(card).toContainText(/ครบถ้วน \d+%/);
  await snap(officer, 'calendar-new-task-on-officer-checklist');
  await officer.goto('/#/calendar');
  await expect(officer.getByTestId('calendar-in-force')).toHaveAttribute('data-version', '1');
  await expect(officer.getByText('ผู้ดูแลระบบเป็นผู้แก้ไขปฏิทิน ท่านดูได้อย่างเดียว')).toBeVisible();
  await expect(officer.getByTestId('calendar-edit')).toHaveCount(0);
});
