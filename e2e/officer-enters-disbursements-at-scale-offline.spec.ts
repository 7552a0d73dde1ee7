import { expect, test } from '@playwright/test';
import { loadDemoThenGoOffline, openCategory, reloadOffline, rowCount, section } from './support/workspace';

const SEEDED = 3_000;
const QUICK_FILTER_DEBOUNCE_MS = 150;

test('an LAO with 3,000 disbursements lists and filters them quickly', async ({ page, context }) => {
  await loadDemoThenGoOffline(page, context);
  await openCategory(page, '5. การเบิกจ่าย');
  const laoId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!.split('?')[0]!);

  // Copies of one of the LAO's payments, written straight into IndexedDB (seeding, not a user's write).
  await page.evaluate(async ({ laoId, count }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('eplan-field-companion');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const template = await new Promise<Record<string, unknown>>((resolve) => {
      const request = db.transaction('disbursements').objectStore('disbursements').index('[laoId+fiscalYear]').get([laoId, 2570]);
      request.onsuccess = () => resolve(request.result as Record<string, unknown>);
    });
    const tx = db.transaction('disbursements', 'readwrite');
    for (let i = 0; i < count; i++) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      tx.objectStore('disbursements').put({ ...template, id: crypto.randomUUID(), paidOn: `2026-10-${day}`, amount: 100_000 + i * 100, overrideReason: `seeded payment ${i}` });
    }
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    db.close();
  }, { laoId, count: SEEDED });

  await reloadOffline(page, context);
  const list = section(page, 'disbursements');
  const total = await rowCount(list);
  expect(total).toBeGreaterThanOrEqual(SEEDED);

  // Time from typing into the quick filter until the grid shows the narrowed rows.
  const footer = list.locator('.MuiTablePagination-displayedRows');
  const before = await footer.textContent();
  await page.evaluate(() => { (window as unknown as { filterStart: number }).filterStart = performance.now(); });
  await list.getByRole('searchbox').fill('2,345.00');
  const handle = await page.waitForFunction((shownBefore) => {
    const text = document.querySelector('[data-testid="section-disbursements"] .MuiTablePagination-displayedRows')?.textContent;
    return text !== shownBefore ? performance.now() - (window as unknown as { filterStart: number }).filterStart : null;
  }, before, { polling: 'raf' });
  const elapsed = Number(await handle.jsonValue());
  const filterMs = Math.max(0, elapsed - QUICK_FILTER_DEBOUNCE_MS);
  console.log(`quick filter over ${total} disbursements: ${elapsed.toFixed(0)} ms typed-to-shown, ${filterMs.toFixed(0)} ms after the ${QUICK_FILTER_DEBOUNCE_MS} ms debounce`);
  await expect(list.getByRole('row', { name: /2,345\.00 บาท/ })).toBeVisible();
  test.info().annotations.push({ type: 'perf', description: `filter ${filterMs.toFixed(0)} ms over ${total} rows` });
  expect(filterMs).toBeLessThan(1_000);
});
