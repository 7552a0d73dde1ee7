/**
 * Signing in (online, once) and out. The device token goes to the platform's
 * token store (Electron safeStorage, or IndexedDB in the browser); the user,
 * server URL and reference data stay in the local database, so the app works
 * offline for weeks afterwards.
 */
import { calendarPublicationSchema } from '../../shared/calendar/publication';
import { signOffSchema } from '../../shared/calendar/signoff';
import { acceptedEntries } from '../../shared/result';
import type { Table } from 'dexie';
import type { LoginResponse } from '../../shared/sync/protocol';
import type { EplanDb, ReferenceRow } from '../data/db';
import type { PlatformBridge } from '../platform';
import { createSyncApi, SyncError, type SyncApi } from './api';
import { META, deviceIdFor, newDeviceId, readMeta, rememberDeviceId, writeMeta } from './meta';
import { claimOutbox, dropOutsideScope } from './owners';

export interface LoginInput {
  username: string;
  password: string;
  serverUrl: string;
}

export interface LoginDeps {
  db: EplanDb;
  platform: Pick<PlatformBridge, 'storeToken' | 'readToken' | 'clearToken'>;
  fetch?: typeof fetch;
}

export async function login(deps: LoginDeps, input: LoginInput): Promise<LoginResponse> {
  const { db } = deps;
  const serverUrl = input.serverUrl.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s]+$/.test(serverUrl)) throw new SyncError('BAD_RESPONSE');
  const username = input.username.trim();
  // A token this laptop still holds goes along: if it is this user's, the server's login limiter lets them in whatever others tried.
  const held = await deps.platform.readToken();
  const anonymous = createSyncApi({ baseUrl: serverUrl, token: held, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const signIn = (deviceId: string) => anonymous.login({ username, password: input.password, deviceId, deviceName: deviceName() });
  let deviceId = await deviceIdFor(db, username);
  let session: LoginResponse;
  try {
    session = await signIn(deviceId);
  } catch (error) {
    // The id belongs to another user (this laptop's id, first used by a colleague): this user takes an id of their own.
    if (!(error instanceof SyncError && error.serverCode === 'DEVICE_TAKEN')) throw error;
    deviceId = newDeviceId();
    session = await signIn(deviceId);
  }
  await rememberDeviceId(db, session.user.username, deviceId);
  await deps.platform.storeToken(session.token);
  const api = createSyncApi({ baseUrl: serverUrl, token: session.token, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const previous = await claimOutbox(db, session.user.id);
  // Another user signed in here last (signing out forgets the user, not who it was).
  const switched = previous !== undefined && previous !== session.user.id;
  await db.transaction('rw', db.meta, async () => {
    await writeMeta(db, META.serverUrl, serverUrl);
    await writeMeta(db, META.user, session.user);
    await writeMeta(db, META.tokenExpiresAt, session.expiresAt);
    await writeMeta(db, 'currentUserId', session.user.id);
    if (switched) await db.meta.where('key').startsWith('sync.').filter((entry) => entry.key.startsWith('sync.cursor.') || entry.key.startsWith('sync.snapshot.')).delete();
  });
  const reference = await storeReference(db, api);
  // Nothing of the previous user's outside this user's LAOs stays on screen.
  if (switched) await dropOutsideScope(db, new Set(reference.laos.map((lao) => String(lao.id))));
  return session;
}

/**
 * Provinces, districts, LAOs and users of the user's scope; failures leave the
 * old copy. Only rows that changed are written, so a refresh on every sync
 * wakes no screen when nothing moved (an administrator's registry import does).
 */
export async function storeReference(db: EplanDb, api: SyncApi): Promise<Awaited<ReturnType<SyncApi['reference']>>> {
  const reference = await api.reference();
  // Merged into what is there: the server sends fewer columns than a local demo province holds.
  const merge = async (table: Table<ReferenceRow, string>, key: string, list: Record<string, unknown>[]) => {
    const existing = await table.bulkGet(list.map((row) => String(row[key])));
    const changed = list
      .map((row, index) => ({ before: existing[index], after: { ...existing[index], ...row } }))
      .filter(({ before, after }) => !before || Object.keys(after).some((field) => JSON.stringify(after[field]) !== JSON.stringify(before[field])))
      .map(({ after }) => after);
    if (changed.length > 0) await table.bulkPut(changed);
  };
  await db.transaction('rw', [db.provinces, db.districts, db.laos, db.users], async () => {
    await merge(db.provinces, 'code', reference.provinces);
    await merge(db.districts, 'code', reference.districts);
    await merge(db.laos, 'id', reference.laos);
    await merge(db.users, 'id', reference.users.map(localUserOf));
  });
  await storeCalendars(db, reference.calendars ?? []);
  // An older server sends none: the laptop keeps what it had.
  if (reference.signOffs) await storeSignOffs(db, reference.signOffs, reference.laos.map((lao) => String(lao.id)));
  return reference;
}

/**
 * Sign-offs as the server sent them: each checked with the shared schema (a bad
 * one is left out). With `scope` (the LAOs the server answered for), this is
 * the whole list for them: ones the laptop holds and the server no longer sent go.
 */
export async function storeSignOffs(db: EplanDb, sent: readonly unknown[], scope?: readonly string[]): Promise<void> {
  const valid = acceptedEntries(signOffSchema, sent);
  await db.transaction('rw', db.signOffs, async () => {
    if (scope) {
      const kept = new Set(valid.map((s) => s.id));
      const gone = (await db.signOffs.where('laoId').anyOf([...scope]).primaryKeys()).filter((id) => !kept.has(id));
      if (gone.length > 0) await db.signOffs.bulkDelete(gone);
    }
    const held = await db.signOffs.bulkGet(valid.map((s) => s.id));
    const changed = valid.filter((s, i) => JSON.stringify(held[i]) !== JSON.stringify(s));
    if (changed.length > 0) await db.signOffs.bulkPut(changed);
  });
}

/**
 * The calendars in force as the server sent them: each is checked with the
 * shared schema (a bad one is left out and the laptop keeps what it had) and
 * stored only when it is a newer version than the one here.
 */
export async function storeCalendars(db: EplanDb, sent: readonly unknown[]): Promise<void> {
  const valid = acceptedEntries(calendarPublicationSchema, sent);
  if (valid.length === 0) return;
  await db.transaction('rw', db.calendars, async () => {
    const held = await db.calendars.bulkGet(valid.map((c) => c.fiscalYear));
    const newer = valid.filter((calendar, i) => (held[i]?.version ?? 0) < calendar.version);
    if (newer.length > 0) await db.calendars.bulkPut(newer);
  });
}

/** The fields the server sends as null when unset (no LAO list, no contract date), absent here as in shared's User. */
const ABSENT_WHEN_NULL = ['laoIds', 'contractSignedOn', 'hiringDocsSentOn'];

/** A user as the server sends it, as the laptop keeps it: null turns to undefined, which also clears an older value. */
export function localUserOf(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([field, value]) => [field, value === null && ABSENT_WHEN_NULL.includes(field) ? undefined : value]));
}

/** How long signing out waits for the server before it forgets the token anyway. */
const LOGOUT_WAIT_MS = 5_000;

/**
 * Forgets the token and the user; local records and the outbox stay for the
 * next login. The server revokes the token first when it can be reached; when
 * it cannot (offline in the field), the token stays valid there until it
 * expires or an administrator disables the account, but this laptop no
 * longer holds it.
 */
export async function logout(deps: LoginDeps): Promise<void> {
  const token = await deps.platform.readToken();
  const serverUrl = await readMeta<string>(deps.db, META.serverUrl);
  if (token && serverUrl) {
    const api = createSyncApi({ baseUrl: serverUrl, token, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, LOGOUT_WAIT_MS)));
    await Promise.race([api.logout().catch(() => undefined), giveUp]);
    clearTimeout(timer);
  }
  await deps.platform.clearToken();
  await deps.db.meta.bulkDelete([META.user, META.tokenExpiresAt]);
}

function deviceName(): string {
  return typeof navigator === 'undefined' ? 'node' : navigator.userAgent.slice(0, 200);
}
