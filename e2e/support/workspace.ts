/** Steps every officer-enters-* journey shares: demo province, offline, an LAO's category tab. */
import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { bangkokDateOf } from '../../shared/calendar/fiscal';

/** Opens the app with the demo province on the device: loads it, unless the test's laptop already holds it (demoOnDevice). */
export async function openDemo(page: Page): Promise<void> {
  await page.goto('/');
  const load = page.getByRole('button', { name: 'โหลดข้อมูลสาธิต' });
  const laoCount = page.getByTestId('lao-count');
  await expect(load.or(laoCount.filter({ hasText: /^100$/ }))).toBeVisible({ timeout: 60_000 });
  if (await load.isVisible()) await load.click();
  await expect(laoCount).toHaveText('100', { timeout: 60_000 });
}

export async function loadDemoThenGoOffline(page: Page, context: BrowserContext): Promise<void> {
  await openDemo(page);
  // From here on the service worker serves the app itself: nothing needs the network.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await context.setOffline(true);
}

/** Opens the nth LAO of the directory and a category tab; returns the workspace URL. */
export async function openCategory(page: Page, tab: string, laoIndex = 0): Promise<string> {
  await page.getByRole('link', { name: 'ทะเบียน อปท.', exact: true }).click();
  const card = page.getByTestId('lao-card').nth(laoIndex);
  const tabs = page.getByRole('tablist', { name: 'หมวดข้อมูลของ อปท.' });
  // The directory is a measured virtual list whose cards grow as the month's statuses and Sarabun arrive:
  // a click aimed just before can land between two cards, and the directory stays (seen in CI, 2026-12-06,
  // with the cards all on screen). Clicked again until the workspace opens; a second click is noted in the report.
  let clicks = 0;
  // Every vertical move of the workspace's tab row, or of what stands above it, from here until the tab is clicked
  // (what loads below the tabs, a list's rows, may move what is below it: the tabs stay put).
  await page.evaluate(() => {
    const moves: string[] = [];
    (window as unknown as { layoutMoves: string[] }).layoutMoves = moves;
    new PerformanceObserver((list) => {
      const tabs = document.querySelector('[role="tablist"][aria-label="หมวดข้อมูลของ อปท."]');
      if (!tabs) return;
      for (const entry of list.getEntries() as unknown as { sources: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] }[]) {
        for (const { node, previousRect, currentRect } of entry.sources) {
          const moved = Math.round(currentRect.y - previousRect.y);
          const atOrAbove = node?.isConnected && (node.contains(tabs) || tabs.contains(node) || (node.compareDocumentPosition(tabs) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
          if (moved !== 0 && atOrAbove) moves.push(`${node instanceof Element ? node.tagName + '.' + node.className.toString().split(' ')[0] : 'node'} by ${moved} px`);
        }
      }
    }).observe({ type: 'layout-shift' });
  });
  await expect(async () => {
    if (!(await tabs.isVisible())) {
      clicks += 1;
      await card.click({ timeout: 5_000 });
    }
    await expect(tabs).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 40_000 });
  if (clicks > 1) test.info().annotations.push({ type: 'clicked again', description: `the LAO card took ${clicks} clicks to open its workspace` });
  // The scrollable tab row lays itself out again when Sarabun arrives and scrolls
  // the selected tab into view: a click aimed before that can land on another tab.
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await settled(page);
  // What stands above the tabs is there in the workspace's first frame: nothing moves them under the click
  // (a demo banner that came a moment late pushed them down by its height; seen in CI, 2026-12-07).
  expect(await page.evaluate(() => (window as unknown as { layoutMoves: string[] }).layoutMoves), 'what moved after the workspace was drawn').toEqual([]);
  const target = tabs.getByRole('tab', { name: tab });
  await target.click();
  await expect(target).toHaveAttribute('aria-selected', 'true');
  return page.url();
}

/** Reloads with the network still off: the service worker serves the app, IndexedDB the data. */
export async function reloadOffline(page: Page, context: BrowserContext): Promise<void> {
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  await page.reload();
  await expect(context.pages()).toContain(page);
}

export const section = (page: Page, table: string): Locator => page.getByTestId(`section-${table}`);
export const dialog = (page: Page): Locator => page.getByTestId('record-dialog');

/** Types into the list's search box. */
export async function search(list: Locator, text: string): Promise<void> {
  await list.getByTestId('section-search').fill(text);
}

export async function rowCount(list: Locator): Promise<number> {
  await expect(list).toHaveAttribute('data-loaded', 'true');
  return Number(await list.getByTestId('section-count').getAttribute('data-count'));
}

/** The autosaved draft has reached the database. */
/** Waits until the kept draft holds everything typed so far (the form keeps one 300 ms after the last keystroke). */
export const draftKept = (page: Page) => expect(dialog(page).getByTestId('draft-status')).toHaveAttribute('data-draft', 'kept');

/**
 * Waits until the page has handled what it was sent (two animation frames) and
 * no transition or animation runs (a dialog's fade-in, a snackbar's slide).
 * Not a spinner: an endless animation is not waited for.
 * waitForFunction polls its predicate on every frame only while the predicate returns
 * something falsy: a promise is truthy, so the frames come first and the check is synchronous.
 */
export async function settled(page: Page, timeout = 15_000): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
  }));
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    undefined,
    { timeout },
  );
}

/**
 * The dashboard's charts drawn from the statuses of `clockAt`'s day (not the
 * first, empty, pass): the results stamped with that day, and bars in the
 * months chart, many more shapes than its axes alone.
 */
export async function dashboardDrawn(page: Page, clockAt: string): Promise<void> {
  await expect(page.getByTestId('dashboard-page')).toHaveAttribute('data-results', bangkokDateOf(clockAt), { timeout: 60_000 });
  await expect.poll(() => page.getByTestId('chart-months').locator('svg rect, svg path').count()).toBeGreaterThan(20);
}

/** A screenshot once the dialog's fade-in has finished. */
export async function snap(page: Page, name: string): Promise<void> {
  await settled(page);
  await page.screenshot({ path: `e2e/screenshots/${name}.png` });
}

/** Switches the UI language with the app bar's switch. */
export async function switchToEnglish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'English' }).click();
}

/** Picks the first option of an autocomplete from the keyboard (optionally after typing part of its label). */
export async function pickOption(field: Locator, text = ''): Promise<void> {
  await field.click();
  if (text) await field.fill(text);
  await field.press('ArrowDown');
  await field.press('Enter');
}

/** Finds a row through the quick filter, edits one field, saves with Ctrl+S, then deletes it and undoes. */
export const input = (scope: Locator, name: string): Locator => scope.getByRole('textbox', { name: new RegExp(`^${name}`) });

type FieldOf = string | ((form: Locator) => Locator);
const fieldOf = (form: Locator, field: FieldOf) => (typeof field === 'string' ? form.getByLabel(field) : field(form));

export async function editThenDeleteAndUndo(page: Page, list: Locator, find: string, rowName: RegExp, field: FieldOf, value: string, expectInRow: string): Promise<void> {
  await search(list, find);
  const row = list.getByRole('row', { name: rowName });
  await expect(row).toBeVisible();
  await row.click();
  const form = dialog(page);
  await fieldOf(form, field).fill(value);
  await fieldOf(form, field).press('Control+s');
  await expect(form).toBeHidden();
  await expect(row).toContainText(expectInRow);
  await row.click();
  await form.getByRole('tab', { name: /ประวัติการแก้ไข|History/ }).click();
  await expect(form.getByTestId('record-history')).toContainText(/แก้ไข|Changed/);
  await form.getByRole('tab', { name: /รายละเอียด|Details/ }).click();
  await form.getByRole('button', { name: /^(ลบ|Delete)$/ }).click();
  await expect(row).toBeHidden();
  await page.getByRole('button', { name: /เลิกทำ|Undo/ }).click();
  await expect(row).toBeVisible();
}

/** Types part of a new record, reloads, and finds it offered back and restored. */
export async function draftSurvivesReload(page: Page, context: BrowserContext, list: Locator, addButton: string, field: FieldOf, value: string): Promise<void> {
  await search(list, '');
  await list.getByRole('button', { name: addButton }).click();
  const form = dialog(page);
  await expect(form.getByTestId('draft-restored')).toHaveCount(0);
  await fieldOf(form, field).fill(value);
  await draftKept(page);
  await reloadOffline(page, context);
  await list.getByTestId('draft-banner').filter({ hasText: 'รายการใหม่' }).getByRole('button', { name: 'ทำต่อ' }).click();
  await expect(form.getByTestId('draft-restored')).toBeVisible();
  await expect(fieldOf(form, field)).toHaveValue(value);
}
