/** Sync state kept in the local `meta` table, one key per fact. */
import type { SessionUser } from '../../shared/sync/protocol';
import type { EplanDb } from '../data/db';

export const META = {
  /** This laptop's device id: the first user to sign in here after it was made owns it on the server. */
  deviceId: 'sync.deviceId',
  /** Device id per username: the server binds an id to one user, so each user of a shared laptop has their own. */
  userDeviceIds: 'sync.userDeviceIds',
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
  /** Rows stored by this snapshot so far (absent in progress saved before it was kept). */
  stored?: number;
  /** The scope's records as the first page counted them; null when the server did not say. */
  total?: number | null;
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

/** A new random device id: 8–100 chars of [A-Za-z0-9._:-]. */
export function newDeviceId(random: () => number = Math.random): string {
  return `device-${Array.from({ length: 20 }, () => DEVICE_ID_CHARS[Math.floor(random() * DEVICE_ID_CHARS.length)]).join('')}`;
}

/** This installation's id, made once. */
export async function deviceIdOf(db: EplanDb, random: () => number = Math.random): Promise<string> {
  const existing = await readMeta<string>(db, META.deviceId);
  if (existing) return existing;
  const id = newDeviceId(random);
  await writeMeta(db, META.deviceId, id);
  return id;
}

/**
 * The device id `username` signs in and pushes with on this laptop (issue 14):
 * the one they used before; else the laptop's own id while no other user has
 * it; else a new one, kept by rememberDeviceId once the server accepts it.
 */
export async function deviceIdFor(db: EplanDb, username: string, random: () => number = Math.random): Promise<string> {
  const byUser = (await readMeta<Record<string, string>>(db, META.userDeviceIds)) ?? {};
  const own = byUser[username.toLowerCase()];
  if (own) return own;
  const laptopId = await deviceIdOf(db, random);
  return Object.values(byUser).includes(laptopId) ? newDeviceId(random) : laptopId;
}

export async function rememberDeviceId(db: EplanDb, username: string, deviceId: string): Promise<void> {
  const byUser = (await readMeta<Record<string, string>>(db, META.userDeviceIds)) ?? {};
  await writeMeta(db, META.userDeviceIds, { ...byUser, [username.toLowerCase()]: deviceId });
}

/** The change-log positions this laptop has pulled, by province: what its screens show, the base a sign-off is judged on. */
export async function pulledCursors(db: EplanDb): Promise<Record<string, number>> {
  const prefix = META.cursor('');
  const rows = await db.meta.where('key').startsWith(prefix).toArray();
  return Object.fromEntries(rows.filter((row) => typeof row.value === 'number').map((row) => [row.key.slice(prefix.length), row.value as number]));
}
