import { expect, test } from './support/fixtures';
import { openDemo } from './support/workspace';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixture = (name: string) => fileURLToPath(new URL(`../renderer/features/admin/fixtures/${name}`, import.meta.url));

/** The file as Excel on Thai Windows saves it: Windows-874 (TIS-620), Thai letters one byte each. */
function asWindows874(name: string): Buffer {
  const text = readFileSync(fixture(name), 'utf8').replace(/^\uFEFF/, '');
  return Buffer.from([...text].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x0e01 && code <= 0x0e5b) return code - 0x0d60;
    throw new Error(`${name} holds ${ch}, which Windows-874 cannot hold`);
  }));
}

// Starts on a laptop that already holds the demo province.
test.use({ demoOnDevice: true });

test('a supervisor reads the dashboard; an administrator imports the LAO registry CSV', async ({ page }) => {
  await openDemo(page);

  await page.getByRole('link', { name: 'แดชบอร์ดผู้บังคับบัญชา' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('แดชบอร์ดจังหวัด');
  await expect.poll(() => page.getByTestId('dashboard-bar').count(), { timeout: 30_000 }).toBeGreaterThan(5);
  await expect(page.getByTestId('dashboard-behind').first()).toContainText('เลยกำหนด');

  await page.getByRole('link', { name: 'นำเข้าทะเบียน อปท.' }).click();
  await page.getByTestId('registry-file').setInputFiles(fixture('re01_bad_tambon.csv'));
  const outcome = page.getByTestId('registry-outcome');
  await expect(outcome).toContainText('ไม่ได้นำเข้าข้อมูล');
  await expect(outcome).toContainText('บรรทัด 3: ไม่รู้จักประเภท อปท. "สภาตำบล"');
  await expect(outcome).toContainText('บรรทัด 4: รหัส อปท. "43002" ต้องเป็นตัวเลข 7 หลัก');
  await expect(outcome).toContainText('บรรทัด 5: ข้อมูลไม่ครบคอลัมน์');

  await expect(page.getByTestId('registry-encoding')).toHaveAttribute('data-encoding', 'utf-8-bom');

  // The registry as Thai Excel saves it (Windows-874), then the same file in UTF-8 with a BOM: read alike, matched by code.
  await page.getByTestId('registry-file').setInputFiles({ name: 're01_demo_tambon.csv', mimeType: 'text/csv', buffer: asWindows874('re01_demo_tambon.csv') });
  await expect(page.getByTestId('registry-encoding')).toHaveText('อ่านไฟล์เป็น Windows-874 (TIS-620) ตามที่ Excel ภาษาไทยบันทึก');
  await expect(outcome).toContainText('นำเข้าแล้ว: 6 อปท. ใน 3 อำเภอ 1 จังหวัด (จาก 7 แถว)');
  await page.screenshot({ path: 'e2e/screenshots/registry-windows-874-th.png' });
  await page.getByRole('link', { name: 'ทะเบียน อปท.', exact: true }).click();
  await expect(page.getByText('เทศบาลนครนครราชสีมา').first()).toBeVisible({ timeout: 15_000 });
  const count = page.getByTestId('lao-count-shown');
  await expect(count).toHaveAttribute('data-count', '106');

  await page.getByRole('link', { name: 'นำเข้าทะเบียน อปท.' }).click();
  await page.getByTestId('registry-file').setInputFiles(fixture('re01_demo_tambon.csv'));
  await expect(page.getByTestId('registry-encoding')).toHaveAttribute('data-encoding', 'utf-8-bom');
  await expect(outcome).toContainText('นำเข้าแล้ว: 6 อปท.');
  await page.getByRole('link', { name: 'ทะเบียน อปท.', exact: true }).click();
  // Nothing doubled; with two provinces on the laptop the directory offers a province filter.
  await expect(count).toHaveAttribute('data-count', '106');
  await page.getByRole('combobox', { name: 'จังหวัด' }).click();
  await page.getByRole('option', { name: 'นครราชสีมา' }).click();
  await expect(count).toHaveAttribute('data-count', '6');
});
