/**
 * Resolving a conflict on this device: the chosen record goes through
 * saveRecord (outbox + history, so it syncs like any edit), and the decision
 * waits in a small queue in `meta` until a sync tells the server. The queue,
 * not the conflicts table, is the source of truth while offline, because a
 * pull may put the server's still-open copy of the conflict back at any time.
 */
import type { RecordTable } from '../../shared/domain/tables';
import type { SyncConflict } from '../../shared/sync/protocol';
import type { EplanDb, StoredRecord } from '../data/db';
import { saveRecord, type Actor, type WriteError } from '../data/records';
import type { SyncApi } from './api';
import { SyncError } from './api';
import { enqueue, resolvedInput, unseenConflicts, type ConflictChoice, type QueuedResolution, type ResolveError } from './conflictResolution';
import { now as clockNow } from '../../shared/clock';

export const RESOLUTION_QUEUE_KEY = 'conflicts.resolutionQueue';

export async function queuedResolutions(db: EplanDb): Promise<QueuedResolution[]> {
  return ((await db.meta.get(RESOLUTION_QUEUE_KEY))?.value as QueuedResolution[] | undefined) ?? [];
}

async function writeQueue(db: EplanDb, queue: QueuedResolution[]): Promise<void> {
  await db.meta.put({ key: RESOLUTION_QUEUE_KEY, value: queue });
}

export type ResolutionError = ResolveError | WriteError;

/**
 * Applies a person's choice: writes the chosen record (when it differs from
 * what the record holds) and queues the decision, in that order, so a failed
 * write leaves the conflict open.
 */
export async function resolveLocally(
  db: EplanDb,
  conflict: SyncConflict,
  choice: ConflictChoice,
  actor: Actor,
): Promise<{ ok: true; record: StoredRecord | null } | { ok: false; error: ResolutionError }> {
  const table = conflict.table as RecordTable;
  const current = await db.table<StoredRecord, string>(table).get(conflict.recordId);
  const built = resolvedInput(conflict, current, choice);
  if (!built.ok) return built;
  let record: StoredRecord | null = null;
  let mutationId: string | undefined;
  if (built.input) {
    // The record the choice was built on is its base: a pull landing before the save's transaction keeps its values.
    const saved = await saveRecord(db, table, built.input, actor, current);
    if (!saved.ok) return { ok: false, error: saved.error };
    record = saved.value;
    // The record's newest entry: the one this save made, or (nothing new to write) the pending one that already carries it.
    mutationId = (await db.outbox.where('[table+recordId]').equals([table, conflict.recordId]).last())?.mutationId;
  }
  const at = (actor.now?.() ?? clockNow()).toISOString();
  await db.transaction('rw', db.meta, async () => {
    await writeQueue(db, enqueue(await queuedResolutions(db), { conflictId: conflict.id, at, by: actor.userId, ...(mutationId ? { mutationId } : {}) }));
  });
  return { ok: true, record };
}

/** Statuses that mean the server will never accept this decision: it is dropped instead of retried forever. */
const FINAL_STATUSES = new Set([400, 403, 404]);

/**
 * Tells the server about the signed-in user's queued decisions, oldest first.
 * Another user's decisions wait for their author (as their outbox entries
 * do). A decision that wrote values goes once the server has taken them: it
 * waits while they are in the outbox, and is dropped, leaving the conflict
 * open, when the server refused them (the refusal is listed with its reason).
 * Network and server failures stop and rethrow (the engine retries the whole
 * run); a conflict the server does not know or lets this user resolve is dropped.
 */
export async function sendQueuedResolutions(db: EplanDb, api: Pick<SyncApi, 'resolveConflict'>, userId: string): Promise<{ sent: number; dropped: number }> {
  const summary = { sent: 0, dropped: 0 };
  for (const entry of await queuedResolutions(db)) {
    if (entry.by !== userId) continue;
    const carrier = entry.mutationId ? await db.outbox.where('mutationId').equals(entry.mutationId).first() : undefined;
    if (carrier && carrier.rejected === undefined) continue;
    if (carrier) {
      summary.dropped += 1;
      await forget(db, entry);
      continue;
    }
    let answer: SyncConflict | null = null;
    try {
      answer = (await api.resolveConflict(entry.conflictId)).conflict;
      summary.sent += 1;
    } catch (error) {
      if (!(error instanceof SyncError && FINAL_STATUSES.has(error.status))) throw error;
      summary.dropped += 1;
    }
    await forget(db, entry, answer);
  }
  return summary;
}

/** Takes a decision off the queue, storing the server's answer (the conflict resolved) when there is one. */
async function forget(db: EplanDb, entry: QueuedResolution, answer: SyncConflict | null = null): Promise<void> {
  await db.transaction('rw', [db.meta, db.conflicts], async () => {
    await writeQueue(db, (await queuedResolutions(db)).filter((queued) => queued.conflictId !== entry.conflictId || queued.at !== entry.at));
    if (answer) await db.conflicts.put(answer);
  });
}

/**
 * Conflicts of the user's provinces the server lists as open but this device
 * has never pulled (a supervisor who signed in after they were made, whose
 * snapshot held records only). Stored so they stay visible offline.
 */
export async function fetchServerConflicts(db: EplanDb, api: Pick<SyncApi, 'listConflicts'>, scopes: readonly string[]): Promise<number> {
  let added = 0;
  for (const scope of scopes) {
    const { conflicts } = await api.listConflicts(scope);
    await db.transaction('rw', db.conflicts, async () => {
      const fresh = unseenConflicts(await db.conflicts.bulkGet(conflicts.map((c) => c.id)).then((rows) => rows.filter((row): row is SyncConflict => row !== undefined)), conflicts);
      await db.conflicts.bulkPut(fresh);
      added += fresh.length;
    });
  }
  return added;
}
