import { expect, test } from './support/fixtures';
import { NATIONAL, nationalCsv, nationalRows, windows874 } from './support/nationalRegistry';
import { AdminApi, submitLogin } from './support/sync';
import { snap } from './support/workspace';

// An administrator writes the registry to the server: a server of its own.
test.use({ ownServer: true });

test('an administrator imports the national registry through the server in Windows-874, five provinces of it again in UTF-8 from another laptop, matched by code; a bad file names its lines', async ({ page, openContext, request }) => {
  test.setTimeout(300_000);
  const rows = nationalRows();
  const csv = nationalCsv(rows);
  const admin = await AdminApi.signIn(request);
  const count = () => admin.laoCount();
  const before = await count();

  // A second administrator's laptop, signed in before the import: it does not hold the new LAOs.
  const other = await (await openContext()).newPage();
  await submitLogin(other, 'demo-admin');
  await expect(other).toHaveURL(/#\/$/, { timeout: 30_000 });

  await submitLogin(page, 'demo-admin');
  await expect(page).toHaveURL(/#\/$/, { timeout: 30_000 });
  await page.goto('/#/admin/registry');
  await expect(page.getByRole('button', { name: /เลือกไฟล์/ })).toBeEnabled();
  const started = Date.now();
  await page.getByTestId('registry-file').setInputFiles({ name: 're01_national_tambon.csv', mimeType: 'text/csv', buffer: windows874(csv) });
  await expect(page.getByTestId('registry-progress')).toBeVisible();
  const outcome = page.getByTestId('registry-outcome');
  await expect(outcome).toContainText(`นำเข้าแล้ว: ${NATIONAL.laos.toLocaleString('en-US')} อปท.`, { timeout: 120_000 });
  console.log(`national registry (${NATIONAL.laos} LAOs, Windows-874) imported through the server and stored in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await expect(page.getByTestId('registry-encoding')).toHaveAttribute('data-encoding', 'windows-874');
  expect(await count()).toBe(before + NATIONAL.laos);
  await snap(page, 'registry-national-imported-th');

  // Five of those provinces again, in UTF-8 from the other laptop: matched by code, nothing doubled, nothing else touched.
  const again = rows.filter((r) => Number(r.provinceCode) < 15);
  await other.goto('/#/admin/registry');
  // Offered once the session is read: a file chosen before would not know it goes to the server.
  await expect(other.getByRole('button', { name: /เลือกไฟล์/ })).toBeEnabled();
  await other.getByTestId('registry-file').setInputFiles({ name: 're01_tambon_10-14_utf8.csv', mimeType: 'text/csv', buffer: Buffer.from(nationalCsv(again), 'utf8') });
  await expect(other.getByTestId('registry-outcome')).toContainText(`นำเข้าแล้ว: ${again.length.toLocaleString('en-US')} อปท.`, { timeout: 120_000 });
  await expect(other.getByTestId('registry-encoding')).toHaveAttribute('data-encoding', 'utf-8');
  await expect(other.getByTestId('registry-outcome')).toContainText('ที่เซิร์ฟเวอร์');
  expect(await count()).toBe(before + NATIONAL.laos);

  // The directory, one province at a time, counts that province's LAOs; English names are left empty, shown as Thai, marked.
  const province = rows.filter((r) => r.provinceCode === '42');
  const laosIn42 = new Set(province.map((r) => r.code)).size;
  const opened = Date.now();
  await page.goto('/#/laos');
  await page.getByRole('combobox', { name: 'จังหวัด' }).click();
  await page.getByRole('option', { name: province[0]!.province, exact: true }).click();
  await expect(page.getByTestId('lao-count-shown')).toHaveAttribute('data-count', String(laosIn42));
  console.log(`directory with ${before + NATIONAL.laos} LAOs on the laptop: one province (${laosIn42} LAOs) shown in ${((Date.now() - opened) / 1000).toFixed(1)} s`);

  // A file with bad lines: each named, nothing stored.
  const bad = `${csv.split('\r\n').slice(0, 3).join('\r\n')}\r\nจังหวัดผิด,อำเภอผิด,ตำบล,12345,องค์การบริหารส่วนตำบล,อบต.ผิด\r\nจังหวัดผิด,อำเภอผิด,ตำบล,7990101,สภาตำบล,อบต.ผิดสอง\r\n`;
  await page.goto('/#/admin/registry');
  await page.getByTestId('registry-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
  const refused = page.getByTestId('registry-outcome');
  await expect(refused).toContainText('บรรทัด 4');
  await expect(refused).toContainText('บรรทัด 5');
  expect(await count()).toBe(before + NATIONAL.laos);
});
