/**
 * An LAO holds one month of fiscal statistics per month. Two officers who
 * both enter the same month offline must not end with two live rows: the
 * first to reach the server stays, the second is set aside as a conflict
 * that both laptops show, and a person takes from it what should stay.
 */
import { fiscalYearOf } from '../shared/calendar/fiscal';
import { shareAnLao } from './support/activities';
import { expect, test, type Page } from './support/fixtures';
import { AdminApi, pushed, signIn } from './support/sync';
import { section, settled } from './support/workspace';

const PROVINCE = '99';

// Reassigns an LAO and pushes records: a server of its own.
test.use({ ownServer: true });

test('two officers who enter one month of fiscal statistics offline end with one record and a conflict both laptops show', async ({ openContext, request, clockAt }) => {
  test.setTimeout(600_000);
  const admin = await AdminApi.signIn(request);
  const { laoId, unshare } = await shareAnLao(admin);
  try {
    const fy = fiscalYearOf(clockAt);
    // The last month of the fiscal year: ahead of the clock, so no one has entered it yet.
    const month = `กันยายน ${fy}`;
    const a = await (await openContext()).newPage();
    const b = await (await openContext()).newPage();
    await signIn(a, 'demo-officer1');
    await signIn(b, 'demo-officer2');

    const statsList = async (page: Page) => {
      await page.goto(`/#/laos/${laoId}?c=fiscalStats&fy=${fy}`);
      const list = section(page, 'fiscalStats');
      await expect(list).toHaveAttribute('data-loaded', 'true');
      return list;
    };
    const enterMonth = async (page: Page, localTaxes: string) => {
      const list = await statsList(page);
      await expect(list.getByRole('row', { name: new RegExp(month) })).toHaveCount(0);
      await list.getByRole('button', { name: 'เพิ่มสถิติการคลังรายเดือน' }).click();
      const form = page.getByTestId('record-dialog');
      await form.getByRole('combobox', { name: /^เดือน/ }).selectOption({ label: month });
      await form.getByLabel('ภาษีอากรที่จัดเก็บเอง').fill(localTaxes);
      await form.getByLabel('งบบุคลากร').fill('800,000');
      await form.getByLabel('งบบุคลากร').press('Control+s');
      await expect(form).toBeHidden();
      await expect(page.getByTestId('sync-pending')).toHaveText('1 รายการยังไม่ได้ซิงก์');
    };

    // Both are offline at the LAO and each enters September.
    await a.context().setOffline(true);
    await b.context().setOffline(true);
    await enterMonth(a, '1,250,000');
    await enterMonth(b, '1,300,000');

    // A reaches the network first; then B.
    await a.context().setOffline(false);
    await pushed(a);
    await b.context().setOffline(false);
    await pushed(b);
    await expect(b.getByTestId('sync-conflicts')).toHaveText('ข้อมูลขัดแย้ง 1 รายการ — ตรวจสอบ', { timeout: 30_000 });
    await expect(a.getByTestId('sync-conflicts')).toHaveText('ข้อมูลขัดแย้ง 1 รายการ — ตรวจสอบ', { timeout: 30_000 });

    // One September on both laptops, with A's figures; B's copy is gone from the list, not from the record of events.
    for (const page of [a, b]) {
      const rows = (await statsList(page)).getByRole('row', { name: new RegExp(month) });
      await expect(rows).toHaveCount(1);
      await expect(rows).toContainText('1,250,000.00');
    }
    const open = (await admin.openConflicts(PROVINCE)).filter((c) => c.laoId === laoId);
    expect(open.map((c) => c.kind)).toEqual(['duplicate']);

    // B reads the conflict: the server's September against B's own figures, field group by field group.
    await b.getByTestId('sync-conflicts').click();
    const detail = b.getByTestId('conflict-detail');
    await expect(detail.getByTestId('conflict-kind')).toHaveText('สร้างซ้ำในงวดเดียวกัน');
    await expect(detail.getByTestId('conflict-author')).toContainText('คุณ สร้างรายการของงวดเดียวกันนี้ซ้ำเมื่อ');
    await expect(detail.getByTestId('duplicate-explained')).toContainText('ไม่มีรายการใดหาย');
    const revenue = detail.getByTestId('conflict-field-revenue');
    await expect(revenue.getByTestId('side-server')).toContainText('ภาษีอากรที่จัดเก็บเอง: 1,250,000.00 บาท');
    await expect(revenue.getByTestId('side-client')).toContainText('ภาษีอากรที่จัดเก็บเอง: 1,300,000.00 บาท');
    await settled(b);
    await b.screenshot({ path: 'e2e/screenshots/conflicts-created-twice-th.png' });

    // B's figure was the right one: B takes it, and the one September carries it to A.
    await revenue.getByRole('radio', { name: 'ค่าของคุณ' }).check();
    await detail.getByTestId('conflict-apply').click();
    await expect(b.getByTestId('conflicts-empty')).toBeVisible();
    await pushed(b);
    await expect.poll(async () => (await admin.openConflicts(PROVINCE)).filter((c) => c.laoId === laoId).length, { timeout: 30_000 }).toBe(0);
    await expect(a.getByTestId('sync-conflicts')).toHaveCount(0, { timeout: 30_000 });
    const rowsA = (await statsList(a)).getByRole('row', { name: new RegExp(month) });
    await expect(rowsA).toHaveCount(1);
    await expect(rowsA).toContainText('1,300,000.00', { timeout: 30_000 });
    await a.context().close();
    await b.context().close();
  } finally {
    await unshare();
  }
});
