/**
 * One laptop, several users (issue 13, case 3): every outbox entry belongs to
 * the user who made it and is pushed only with that user's token. Another
 * user's entries wait, counted, until that user signs in again; entries the
 * server refused because the wrong user pushed them go again then. Signing in
 * as someone else removes what lies outside the new user's scope, except the
 * records the waiting entries need.
 */
import { RECORD_TABLES } from '../../shared/domain/tables';
import type { EplanDb, OutboxEntry, StoredRecord } from '../data/db';
import { META, readMeta, writeMeta } from './meta';

/** Refusals that depend on who pushed, not on what was pushed. */
const WHO_PUSHED_CODES: ReadonlySet<string> = new Set(['FORBIDDEN', 'SCOPE_MISMATCH']);

/** The outbox entries a user may push: their own, not refused. */
export function pushableBy(userId: string): (entry: OutboxEntry) => boolean {
  return (entry) => entry.author === userId && entry.rejected === undefined;
}

export interface OutboxCounts {
  /** The signed-in user's entries still to send. */
  pending: number;
  /** The signed-in user's entries the server refused. */
  rejected: number;
  /** Other users' entries, waiting for them to sign in. */
  waiting: number;
}

export function countOutbox(entries: readonly OutboxEntry[], userId: string | null): OutboxCounts {
  const counts: OutboxCounts = { pending: 0, rejected: 0, waiting: 0 };
  for (const entry of entries) {
    if (userId !== null && entry.author !== userId) counts.waiting += 1;
    else if (entry.rejected !== undefined) counts.rejected += 1;
    else counts.pending += 1;
  }
  return counts;
}

/**
 * At sign-in: work made before anyone signed in on this laptop becomes the
 * user's, and the user's own entries that were refused because another user
 * pushed them are sent again. Returns who signed in here last before.
 */
export async function claimOutbox(db: EplanDb, userId: string): Promise<string | undefined> {
  return db.transaction('rw', [db.outbox, db.meta], async () => {
    // Oldest first: the last one signed in most recently.
    const known = (await readMeta<string[]>(db, META.signedInUsers)) ?? [];
    const firstSignIn = known.length === 0;
    for (const entry of await db.outbox.toArray()) {
      const unclaimed = firstSignIn && entry.author !== userId;
      const refusedForWhoPushed = entry.author === userId && entry.rejected !== undefined
        && (entry.rejected.by !== undefined ? entry.rejected.by !== userId : WHO_PUSHED_CODES.has(entry.rejected.code));
      if (unclaimed) await db.outbox.update(entry.seq!, { author: userId });
      if (refusedForWhoPushed) await db.outbox.update(entry.seq!, { rejected: undefined });
    }
    await writeMeta(db, META.signedInUsers, [...known.filter((id) => id !== userId), userId]);
    return known.at(-1);
  });
}

/**
 * After another user signed in: records, conflicts and reference rows outside
 * `laoIds` (the new user's LAOs) go, except records that waiting entries of
 * another user still need. Returns how many records went.
 */
export async function dropOutsideScope(db: EplanDb, laoIds: ReadonlySet<string>): Promise<number> {
  const tables = RECORD_TABLES.map((table) => db.table<StoredRecord, string>(table));
  return db.transaction('rw', [...tables, db.outbox, db.conflicts, db.laos], async () => {
    const needed = new Set((await db.outbox.toArray()).map((entry) => `${entry.table}:${entry.recordId}`));
    let dropped = 0;
    for (const table of tables) {
      const ids = await table.filter((row) => !laoIds.has(row.laoId) && !needed.has(`${table.name}:${row.id}`)).primaryKeys();
      await table.bulkDelete(ids);
      dropped += ids.length;
    }
    await db.conflicts.filter((conflict) => !laoIds.has(conflict.laoId)).delete();
    await db.laos.filter((lao) => !laoIds.has(String(lao.id))).delete();
    return dropped;
  });
}
