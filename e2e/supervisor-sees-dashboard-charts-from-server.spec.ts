import { defaultTemplate, tallyResults, tasksForMonth, completeShare, type TaskResult } from '../shared/calendar/index';
import { bangkokDateOf, fiscalYearOf } from '../shared/calendar/fiscal';
import { assignedLaoIds } from '../shared/domain/assignments';
import { expect, test } from './support/fixtures';
import { signIn, storedRows } from './support/sync';
import { dashboardDrawn, snap, switchToEnglish } from './support/workspace';

interface StoredResults { fiscalYear: number; laoId: string; results: Record<string, TaskResult> }

// Signs in the demo's supervisor: a server of its own, seeded with the demo province.
test.use({ ownServer: true });

test('a supervisor sees the dashboard charts from data that came by sync, their figures the same tally the laptop holds', async ({ page, clockAt }) => {
  test.setTimeout(180_000);
  await signIn(page, 'demo-supervisor');
  await page.goto('/#/dashboard');
  const months = page.getByTestId('chart-months');
  await expect(months).toBeVisible({ timeout: 60_000 });
  for (const id of ['chart-months', 'chart-districts', 'chart-officers', 'chart-quarters']) {
    await expect(page.getByTestId(id).locator('svg').first()).toBeVisible();
  }
  // The figures once computed for today from what the download brought, and drawn.
  await dashboardDrawn(page, clockAt);
  const fy = fiscalYearOf(clockAt);
  const today = bangkokDateOf(clockAt);
  const template = defaultTemplate(fy);
  const laos = await storedRows<{ id: string; districtCode: string }>(page, 'laos');
  expect(laos.length).toBeGreaterThan(0);
  const [year, month] = today.split('-').map(Number) as [number, number];
  const monthValues = JSON.parse((await months.getAttribute('data-values'))!) as Array<{ year: number; month: number; complete: number; due: number }>;
  expect(monthValues).toHaveLength(12);
  const shown = monthValues.find((m) => m.year === year && m.month === month)!;
  expect(shown.complete).toBeGreaterThan(0);
  // Against the results the laptop stores, counted here with the shared tally (stored once the pass is done).
  const storedResults = async () => new Map((await storedRows<StoredResults>(page, 'completionResults')).filter((row) => row.fiscalYear === fy).map((row) => [row.laoId, row.results]));
  const monthTasks = tasksForMonth(template, year, month);
  await expect.poll(async () => tallyResults(await storedResults(), laos.map((lao) => lao.id), monthTasks).complete, { timeout: 30_000 }).toBe(shown.complete);
  const results = await storedResults();
  expect(tallyResults(results, laos.map((lao) => lao.id), monthTasks)).toMatchObject({ complete: shown.complete, due: shown.due });

  const districtValues = JSON.parse((await page.getByTestId('chart-districts').getAttribute('data-values'))!) as Array<{ code: string; percent: number | null }>;
  expect(districtValues.length).toBeGreaterThan(1);
  for (const { code, percent } of districtValues) {
    const share = completeShare(tallyResults(results, laos.filter((lao) => lao.districtCode === code).map((lao) => lao.id), template.tasks));
    expect(percent).toBe(share === null ? null : Math.round(share * 1000) / 10);
  }
  const officerValues = JSON.parse((await page.getByTestId('chart-officers').getAttribute('data-values'))!) as Array<{ name: string; percent: number | null }>;
  expect(officerValues.length).toBeGreaterThan(1);
  // Officers differ: figures from the server's assignments, not one number for all.
  const users = (await storedRows<{ id: string; role: string; displayName: string; provinceCodes: string[]; laoIds?: string[] }>(page, 'users')).filter((u) => u.role === 'officer');
  const laosWithProvince = await storedRows<{ id: string; provinceCode: string }>(page, 'laos');
  for (const user of users) {
    const share = completeShare(tallyResults(results, assignedLaoIds(user, laosWithProvince), template.tasks));
    expect(officerValues.find((o) => o.name === user.displayName)?.percent, user.displayName).toBe(share === null ? null : Math.round(share * 1000) / 10);
  }
  // Officers differ: figures from the server's assignments, not one number for all.
  expect(new Set(officerValues.map((o) => o.percent)).size).toBeGreaterThan(1);
  const quarters = JSON.parse((await page.getByTestId('chart-quarters').getAttribute('data-values'))!) as Array<number | null>;
  expect(quarters).toHaveLength(4);
  for (let q = 1; q < 4; q += 1) expect(quarters[q] ?? 0).toBeGreaterThanOrEqual(quarters[q - 1] ?? 0);
  await snap(page, 'dashboard-charts-th');
  await switchToEnglish(page);
  await expect(page.getByRole('heading', { name: 'Percent complete by district (whole year)' })).toBeVisible();
  await snap(page, 'dashboard-charts-en');
});
