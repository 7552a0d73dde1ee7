import { expect, test, type Page } from './support/fixtures';
import { signIn } from './support/sync';

// Signs in the demo's users: a server of its own, seeded with the demo province.
test.use({ ownServer: true });

const FORCED = 'วิสัยทัศน์ที่ผู้บังคับบัญชาแก้เอง';

/**
 * Runs in the page: a supervisor's edit written straight into IndexedDB, as a
 * laptop from before role-aware screens (or a forged entry) would hold it:
 * the record changed and an outbox entry with the value seen as its base.
 */
async function forceVisionEdit(vision: string): Promise<{ laoId: string; before: string }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('eplan-field-companion');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const request = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  try {
    const read = db.transaction(['visions', 'meta']);
    const records = await request(read.objectStore('visions').getAll()) as { id: string; laoId: string; vision: string; version: number; deleted: boolean }[];
    const user = await request(read.objectStore('meta').get('sync.user')) as { value: { id: string } };
    const record = records.find((row) => !row.deleted && row.version > 0)!;
    const write = db.transaction(['visions', 'outbox'], 'readwrite');
    write.objectStore('visions').put({ ...record, vision });
    write.objectStore('outbox').add({
      mutationId: crypto.randomUUID(), table: 'visions', recordId: record.id, op: 'upsert', baseVersion: record.version,
      changes: { vision: { old: record.vision, new: vision } }, author: user.value.id, clientTime: new Date().toISOString(),
    });
    await new Promise((resolve, reject) => { write.oncomplete = resolve; write.onerror = () => reject(write.error); });
    return { laoId: record.laoId, before: record.vision };
  } finally {
    db.close();
  }
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'เมนู' });

test('a supervisor reads: no edit controls, no administration; an edit forced through is refused and rolled back with the reason', async ({ page, openContext }) => {
  test.setTimeout(150_000);
  await signIn(page, 'demo-supervisor');
  await expect(nav(page).getByRole('link', { name: 'เจ้าหน้าที่' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'แดชบอร์ดผู้บังคับบัญชา' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'ผู้ใช้และสิทธิ์' })).toHaveCount(0);
  await expect(nav(page).getByRole('link', { name: 'นำเข้าทะเบียน อปท.' })).toHaveCount(0);

  const { laoId, before } = await page.evaluate(forceVisionEdit, FORCED);
  await page.goto(`/#/laos/${laoId}?c=vision`);
  const section = page.getByTestId('section-visions');
  await expect(page.getByTestId('lao-read-only')).toBeVisible();
  await expect(section.getByRole('button', { name: /^เพิ่ม/ })).toHaveCount(0);
  await expect(section.getByRole('button', { name: 'ลบ' })).toHaveCount(0);
  // Before the push the laptop still holds what was forced in.
  await expect(section.getByTestId('record-table')).toContainText(FORCED);

  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-rejected')).toHaveText('เซิร์ฟเวอร์ไม่รับ 1 รายการ', { timeout: 30_000 });
  // Rolled back: the list shows the server's value again.
  await expect(section.getByTestId('record-table')).not.toContainText(FORCED);
  await expect(section.getByTestId('record-table')).toContainText(before.slice(0, 20));
  // The row opens read-only: details and history, no form.
  await section.getByRole('row').nth(1).click();
  const dialog = page.getByTestId('record-dialog');
  await expect(dialog.getByTestId('record-details')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'บันทึก' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'ปิด' }).first().click();

  await page.getByTestId('sync-rejected').click();
  const refused = page.getByTestId('rejected-change');
  await expect(refused).toContainText('ไม่มีสิทธิ์บันทึกข้อมูลของ อปท. นี้');
  await expect(refused.getByTestId('rejected-values')).toContainText(FORCED);
  await page.screenshot({ path: 'e2e/screenshots/supervisor-refused-edit-rolled-back-th.png', animations: 'disabled' });

  // An officer, on another laptop: no supervision, no administration.
  const officer = await (await openContext()).newPage();
  await signIn(officer, 'demo-officer1');
  await expect(nav(officer).getByRole('link', { name: 'ตรวจสอบรายเดือน' })).toBeVisible();
  for (const name of ['เจ้าหน้าที่', 'แดชบอร์ดผู้บังคับบัญชา', 'ผู้ใช้และสิทธิ์', 'นำเข้าทะเบียน อปท.']) {
    await expect(nav(officer).getByRole('link', { name })).toHaveCount(0);
  }
});
