/** An anti-drug activity seen and edited through the app, as the two-officer specs do. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { AdminApi } from './sync';
import { search, section } from './workspace';

/**
 * Officers own disjoint LAOs in the demo: the administrator gives officer 2
 * one of officer 1's. Returns the LAO and a function that takes it back.
 */
export async function shareAnLao(admin: AdminApi): Promise<{ laoId: string; unshare: () => Promise<void> }> {
  const [officer1, officer2] = [await admin.user('demo-officer1'), await admin.user('demo-officer2')];
  const laoId = officer1.laoIds![0]!;
  await admin.assignLaos(officer2.id, [...(officer2.laoIds ?? []), laoId]);
  return { laoId, unshare: () => admin.assignLaos(officer2.id, officer2.laoIds) };
}

/** The activity's row in its LAO workspace, found through the quick filter. */
export async function activityRow(page: Page, laoId: string, fy: number, name: string) {
  await page.goto(`/#/laos/${laoId}?c=antiDrug&fy=${fy}`);
  const list = section(page, 'antiDrugActivities');
  await expect(list).toHaveAttribute('data-loaded', 'true');
  await search(list, name);
  return list.getByRole('row').filter({ hasText: name });
}

/** Opens the record's form from a link, as the checklist's fix-it links do. */
export async function openActivity(page: Page, laoId: string, fy: number, id: string): Promise<Locator> {
  // The link opens the form once per visit: come to it from the LAO's page.
  await page.goto(`/#/laos/${laoId}?c=antiDrug&fy=${fy}`);
  await page.goto(`/#/laos/${laoId}?section=antiDrugActivities&record=${id}&fy=${fy}`);
  const form = page.getByTestId('record-dialog');
  await expect(form).toBeVisible();
  return form;
}

/** Opens the record from a link, changes fields and saves with Ctrl+S. */
export async function editActivity(page: Page, laoId: string, fy: number, id: string, fields: Record<string, string>): Promise<void> {
  const form = await openActivity(page, laoId, fy, id);
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
  await form.getByLabel(Object.keys(fields)[0]!).press('Control+s');
  await expect(form).toBeHidden();
}

export const cell = (row: Locator, field: string) => row.locator(`[data-field="${field}"]`);
