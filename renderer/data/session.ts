import { v7 as uuidv7 } from 'uuid';
import { localDb } from './db';
import { sharedLiveQuery, useSharedLiveQuery } from './sharedLiveQuery';
import type { Actor } from './records';
import type { SessionUser } from '../../shared/sync/protocol';
import { META, readMeta } from '../sync/meta';

/**
 * Until sign-in exists (sync issue), the local user is the officer the demo
 * data names, or an id made once for this device.
 */
export async function currentActor(): Promise<Actor> {
  const db = localDb();
  const entry = await db.meta.get('currentUserId');
  const user = (await readMeta<SessionUser>(db, META.user)) ?? undefined;
  if (typeof entry?.value === 'string') return { userId: entry.value, ...(user?.id === entry.value ? { role: user.role } : {}) };
  const userId = uuidv7();
  await db.meta.put({ key: 'currentUserId', value: userId });
  return { userId };
}

/**
 * Whether the laptop holds the demo province. Shared and read with the app's
 * shell (Layout), so a page's demo banner is there in the page's first frame:
 * read by each banner on its own, it came a moment after the page and pushed
 * everything below it down by its height, under the user's next click
 * (the workspace's tabs, seen in CI on 2026-12-07).
 */
const demoFlag = sharedLiveQuery(async () => (await localDb().meta.get('demo'))?.value === true);

export function useIsDemo(): boolean {
  return useSharedLiveQuery(demoFlag) ?? false;
}
