import { useLiveQuery } from 'dexie-react-hooks';
import { v7 as uuidv7 } from 'uuid';
import { localDb } from './db';
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

export function useIsDemo(): boolean {
  return useLiveQuery(async () => (await localDb().meta.get('demo'))?.value === true, [], false);
}
