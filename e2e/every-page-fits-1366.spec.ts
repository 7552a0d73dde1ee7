import { expect, test, type Locator, type Page } from './support/fixtures';
import { signIn, storedRows, submitLogin } from './support/sync';
import { dashboardDrawn } from './support/workspace';

// Signs in the demo's supervisor and administrator: a server of its own, seeded with the demo province.
test.use({ ownServer: true, viewport: { width: 1366, height: 768 } });

const CATEGORIES = ['vision', 'plan', 'ordinance', 'contract', 'disbursement', 'grant', 'fiscalStats', 'antiDrug'] as const;

/** The page as it stands: no sideways scroll of the whole page, its heading and key control on screen, a screenshot. */
async function fits(page: Page, name: string, keyControl: Locator): Promise<void> {
  await expect(keyControl).toBeVisible();
  // Photographed as the page settles: not while statuses are still being brought up to date after the download.
  await expect(page.getByTestId('completion-updating')).toHaveCount(0, { timeout: 60_000 });
  await expect(keyControl).toBeInViewport();
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(innerWidth);
  await page.screenshot({ path: `e2e/screenshots/1366/${name}.png`, animations: 'disabled' });
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

test('every page is usable on a 1366×768 laptop, for the role that uses it', async ({ page, openContext, clockAt }) => {
  test.setTimeout(180_000);
  // Signed out: the login page.
  await page.goto('/#/login');
  await fits(page, 'login', page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }));

  // The supervisor: every page of the province.
  await signIn(page, 'demo-supervisor');
  await page.goto('/#/');
  // The checklist once computed: the task cards, not only the heading above the progress bar.
  await fits(page, 'home-checklist', page.getByTestId('task-card').first());
  await page.goto('/#/matrix');
  const matrix = page.getByTestId('matrix-row').first();
  await fits(page, 'matrix', matrix);
  // The whole year's tasks: the matrix scrolls inside its frame, its LAO column and header staying on screen.
  await page.goto('/#/matrix?view=year');
  await fits(page, 'matrix-year', page.getByTestId('matrix-row').first());
  const frame = page.getByTestId('matrix');
  // The rows are drawn a slice at a time: scroll to the end once the last is there.
  await expect(frame).toHaveAttribute('data-all-rows', 'true');
  expect(await frame.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await frame.evaluate((el) => { el.scrollLeft = el.scrollWidth; el.scrollTop = el.scrollHeight; });
  await expect(page.getByTestId('matrix-row').last().locator('td.lao')).toBeInViewport();
  await expect(page.getByTestId('matrix-task-header').last()).toBeInViewport();
  await page.screenshot({ path: 'e2e/screenshots/1366/matrix-year-scrolled.png', animations: 'disabled' });
  // The charts as a supervisor sees them once drawn: from today's statuses, no bar still growing
  // (MUI's charts skip their animation under reduced motion, which a screenshot cannot wait out).
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#/dashboard');
  await dashboardDrawn(page, clockAt);
  await fits(page, 'dashboard', heading(page));
  await page.goto('/#/officers');
  await fits(page, 'officers', page.getByTestId('officer-row').first());
  await page.goto('/#/laos');
  await fits(page, 'lao-directory', heading(page));
  const laoId = (await storedRows<{ id: string }>(page, 'laos'))[0]!.id;
  for (const [index, category] of CATEGORIES.entries()) {
    await page.goto(`/#/laos/${laoId}?c=${category}`);
    // Every category tab is on screen at once: none hides behind a scroll arrow.
    const tabs = page.getByRole('tab');
    await expect(tabs).toHaveCount(CATEGORIES.length);
    for (const tab of await tabs.all()) await expect(tab).toBeInViewport();
    await fits(page, `lao-${index + 1}-${category}`, page.getByRole('tab', { selected: true }));
  }
  await page.goto('/#/visits');
  await fits(page, 'visits', page.getByTestId('visit-list'));
  await page.goto('/#/conflicts');
  await fits(page, 'conflicts', heading(page));
  await page.goto('/#/exports');
  await fits(page, 'exports', heading(page));
  await page.goto('/#/calendar');
  await fits(page, 'calendar', page.getByTestId('calendar-task').first());
  await page.goto('/#/settings');
  await fits(page, 'settings', heading(page));
  await page.getByTestId('lock-now').click();
  await fits(page, 'lock', page.getByTestId('lock-screen'));

  // The administrator: users and the registry import (server pages, no province download needed).
  const admin = await (await openContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await submitLogin(admin, 'demo-admin');
  await expect(admin).toHaveURL(/#\/$/, { timeout: 30_000 });
  await admin.goto('/#/admin/users');
  await fits(admin, 'admin-users', admin.getByTestId('user-row').first());
  await admin.goto('/#/admin/registry');
  await fits(admin, 'registry-import', admin.getByRole('button', { name: /เลือกไฟล์/ }));
  // The calendar editor with a draft open (kept on this laptop only; nothing is published).
  await admin.goto('/#/calendar');
  await admin.getByTestId('calendar-edit').click();
  await fits(admin, 'calendar-draft', admin.getByTestId('calendar-publish'));
});
