/**
 * Whether the signed-in user's data is all on this laptop: a scope is whole
 * once its first snapshot finished (its change-log cursor is stored with the
 * last page). Until then every figure computed from it covers part of it.
 */
import type { EplanDb } from '../data/db';
import { META, readMeta, sessionUser, type SnapshotProgress } from './meta';

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

/** The first download of the signed-in user's scopes, as stored on this laptop. */
export async function readFirstDownload(db: EplanDb): Promise<FirstDownload> {
  const user = await sessionUser(db);
  if (!user) return WHOLE;
  const scopes = await Promise.all(
    user.provinceCodes.map(async (scope): Promise<ScopeDownload> => ({
      cursor: await readMeta<number>(db, META.cursor(scope)),
      progress: await readMeta<SnapshotProgress>(db, META.snapshot(scope)),
    })),
  );
  return firstDownloadOf(scopes);
}
