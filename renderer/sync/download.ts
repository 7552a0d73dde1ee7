/**
 * Whether the signed-in user's data is all on this laptop: a scope is whole
 * once its first snapshot finished (its change-log cursor is stored with the
 * last page). Until then every figure computed from it covers part of it.
 */
import type { EplanDb } from '../data/db';
import type { SessionUser } from '../../shared/sync/protocol';
import { META, type SnapshotProgress } from './meta';

export interface FirstDownload {
  /** Every scope of the user has finished its first download (true when signed out: the data is the device's own). */
  complete: boolean;
  /** Records the unfinished scopes have stored so far. */
  stored: number;
  /** Records the unfinished scopes hold on the server, when each has said; never below `stored`. */
  total: number | null;
  /** Some unfinished scope stopped part-way with a page token: the next sync resumes from it. */
  interrupted: boolean;
}

export const WHOLE: FirstDownload = { complete: true, stored: 0, total: null, interrupted: false };

export interface ScopeDownload {
  /** The scope's stored change-log cursor: absent until its first snapshot finished. */
  cursor: number | undefined;
  progress: SnapshotProgress | undefined;
}

/** The first download over the user's scopes. */
export function firstDownloadOf(scopes: readonly ScopeDownload[]): FirstDownload {
  const unfinished = scopes.filter((scope) => scope.cursor === undefined);
  if (unfinished.length === 0) return WHOLE;
  let stored = 0;
  let total: number | null = 0;
  for (const { progress } of unfinished) {
    const rows = progress?.stored ?? 0;
    stored += rows;
    // More rows than the first page counted: records were added meanwhile.
    total = total === null || typeof progress?.total !== 'number' ? null : total + Math.max(progress.total, rows);
  }
  const interrupted = unfinished.some(({ progress }) => typeof progress?.after === 'string');
  return { complete: false, stored, total, interrupted };
}

/**
 * Who is signed in and their first download, read together so that a screen
 * never pairs a new session with the previous one's download. Dexie reads are
 * awaited here, not through async helpers (sessionUser, readMeta): inside a
 * liveQuery a read after awaiting such a helper is not tracked, and the next
 * page stored would not show.
 */
export async function readSessionDownload(db: EplanDb): Promise<{ user: SessionUser | null; download: FirstDownload }> {
  const user = ((await db.meta.get(META.user))?.value as SessionUser | undefined) ?? null;
  if (!user) return { user, download: WHOLE };
  const keys = user.provinceCodes.flatMap((scope) => [META.cursor(scope), META.snapshot(scope)]);
  const rows = await db.meta.bulkGet(keys);
  const download = firstDownloadOf(user.provinceCodes.map((_, i) => ({
    cursor: rows[2 * i]?.value as number | undefined,
    progress: rows[2 * i + 1]?.value as SnapshotProgress | undefined,
  })));
  return { user, download };
}

/** The first download of the signed-in user's scopes, as stored on this laptop (whole when signed out). */
export async function readFirstDownload(db: EplanDb): Promise<FirstDownload> {
  return (await readSessionDownload(db)).download;
}
