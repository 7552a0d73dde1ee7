/** Sync state kept in the local `meta` table, one key per fact. */
import type { SessionUser } from '../../shared/sync/protocol';
import type { EplanDb } from '../data/db';

export const META = {
  deviceId: 'sync.deviceId',
  serverUrl: 'sync.serverUrl',
  user: 'sync.user',
  tokenExpiresAt: 'sync.tokenExpiresAt',
  lastSyncAt: 'sync.lastSyncAt',
  /** Every user who has signed in on this laptop: work made before the first is theirs. */
  signedInUsers: 'sync.signedInUsers',
  /** Change-log position per scope: records up to it are applied. */
  cursor: (scope: string) => `sync.cursor.${scope}`,
  /**
   * The server checksum a scope last matched, so an unchanged scope is not read
   * again; dropped when the laptop removes or keeps rows the server does not
   * hold (a discarded refused entry). '2': counted over every row, version 0 included.
   */
  verifiedChecksum: (scope: string) => `sync.verifiedChecksum2.${scope}`,
  /** The snapshot of a scope still being fetched: the next page's token and the cursor to pull from after it. */
  snapshot: (scope: string) => `sync.snapshot.${scope}`,
} as const;

export interface SnapshotProgress {
  after: string | null;
  cursor: number;
  done: boolean;
}

export async function readMeta<T>(db: EplanDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function writeMeta(db: EplanDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

export async function sessionUser(db: EplanDb): Promise<SessionUser | undefined> {
  return readMeta<SessionUser>(db, META.user);
}

const DEVICE_ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** This installation's id, made once: 8–100 chars of [A-Za-z0-9._:-]. */
export async function deviceIdOf(db: EplanDb, random: () => number = Math.random): Promise<string> {
  const existing = await readMeta<string>(db, META.deviceId);
  if (existing) return existing;
  const suffix = Array.from({ length: 20 }, () => DEVICE_ID_CHARS[Math.floor(random() * DEVICE_ID_CHARS.length)]).join('');
  const id = `device-${suffix}`;
  await writeMeta(db, META.deviceId, id);
  return id;
}
