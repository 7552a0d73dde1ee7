import { expect, test } from './support/fixtures';
import { openDemo } from './support/workspace';
import { fileURLToPath } from 'node:url';

const fixture = (name: string) => fileURLToPath(new URL(`../renderer/features/admin/fixtures/${name}`, import.meta.url));

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

  await page.getByTestId('registry-file').setInputFiles(fixture('re01_demo_tambon.csv'));
  await expect(outcome).toContainText('นำเข้าแล้ว: 6 อปท. ใน 3 อำเภอ 1 จังหวัด (จาก 7 แถว)');
  await page.getByRole('link', { name: 'ทะเบียน อปท.', exact: true }).click();
  await expect(page.getByText('เทศบาลนครนครราชสีมา').first()).toBeVisible({ timeout: 15_000 });
});
