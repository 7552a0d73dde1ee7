/**
 * Push (design.md "Push"): the outbox in seq order, in batches. Applied and
 * merged entries leave the outbox and give the record its server version;
 * conflicts leave it too (the server kept the divergence for review);
 * rejected entries stay, flagged with their code, so nothing is lost silently,
 * and their records are rolled back to the server's value (docs/roles.md
 * "Refused changes").
 */
import { MAX_PUSH_BATCH, type Mutation, type MutationResult } from '../../shared/sync/protocol';
import type { EplanDb, OutboxEntry, StoredRecord } from '../data/db';
import type { SyncApi } from './api';
import { isRecordTable } from '../../shared/domain/tables';
import { rollBackRefused } from './apply';
import { now as clockNow } from '../../shared/clock';
import { pushableBy } from './owners';

export interface PushSummary {
  sent: number;
  applied: number;
  conflicts: number;
  rejected: number;
}

function toMutation(entry: OutboxEntry): Mutation {
  const { rejected: _rejected, seq, ...rest } = entry;
  return { ...rest, seq: seq! };
}

/** The next entries after `afterSeq`, oldest first, in one getAll (Dexie's filter() would walk a cursor). */
async function nextPage(db: EplanDb, afterSeq: number, size: number): Promise<OutboxEntry[]> {
  return db.outbox.where('seq').above(afterSeq).limit(size).toArray();
}

/** Pushes the entries of `userId` (the signed-in user): another user's wait for that user. */
export async function pushOutbox(db: EplanDb, api: SyncApi, deviceId: string, userId: string, batchSize = MAX_PUSH_BATCH, now: () => Date = clockNow): Promise<PushSummary> {
  const summary: PushSummary = { sent: 0, applied: 0, conflicts: 0, rejected: 0 };
  let afterSeq = 0;
  for (;;) {
    const page = await nextPage(db, afterSeq, batchSize);
    if (page.length === 0) return summary;
    // Entries the server refused stay for the officer to see; they are not sent again.
    const batch = page.filter(pushableBy(userId));
    if (batch.length > 0) {
      const response = await api.push(deviceId, batch.map(toMutation));
      await applyResults(db, batch, response.results, now().toISOString(), userId, summary);
      summary.sent += batch.length;
    }
    afterSeq = page[page.length - 1]!.seq!;
  }
}

async function applyResults(db: EplanDb, batch: OutboxEntry[], results: MutationResult[], at: string, by: string, summary: PushSummary): Promise<void> {
  const byId = new Map(results.map((result) => [result.mutationId, result]));
  const tables = [...new Set(batch.map((entry) => entry.table))].map((table) => db.table(table));
  await db.transaction('rw', [db.outbox, ...tables], async () => {
    const done: number[] = [];
    // Per table: the highest version the server gave each record in this batch.
    const versions = new Map<string, Map<string, number>>();
    const refused = new Map<string, { table: OutboxEntry['table']; recordId: string }>();
    for (const entry of batch) {
      const result = byId.get(entry.mutationId);
      if (!result) continue; // not answered: stays pending and goes again
      if (result.status === 'rejected') {
        summary.rejected += 1;
        await db.outbox.update(entry.seq!, { rejected: { code: result.code ?? 'REJECTED', ...(result.issues ? { issues: result.issues } : {}), at, by } });
        if (isRecordTable(entry.table)) refused.set(`${entry.table}:${entry.recordId}`, { table: entry.table, recordId: entry.recordId });
        continue;
      }
      if (result.status === 'conflict') summary.conflicts += 1;
      else summary.applied += 1;
      done.push(entry.seq!);
      if (result.version !== undefined && isRecordTable(entry.table)) {
        const table = versions.get(entry.table) ?? new Map<string, number>();
        table.set(entry.recordId, Math.max(result.version, table.get(entry.recordId) ?? 0));
        versions.set(entry.table, table);
      }
    }
    await db.outbox.bulkDelete(done);
    for (const [table, byRecord] of versions) {
      const store = db.table<StoredRecord, string>(table);
      const ids = [...byRecord.keys()];
      const records = await store.bulkGet(ids);
      const newer = records.filter((record): record is StoredRecord => record !== undefined && record.version < byRecord.get(record.id)!);
      await store.bulkPut(newer.map((record) => ({ ...record, version: byRecord.get(record.id)! })));
    }
    // After the versions: a record with an accepted and a refused entry keeps the accepted one's.
    for (const { table, recordId } of refused.values()) await rollBackRefused(db, table, recordId);
  });
}

/**
 * Forgets a rejected entry after the officer has seen it (and re-entered what
 * they still want). The record was rolled back when the server refused it; a
 * record the server never accepted (version 0) still held by an older laptop
 * goes with its last entry, and the next pull compares checksums again.
 */
export async function discardRejected(db: EplanDb, seq: number): Promise<void> {
  const entry = await db.outbox.get(seq);
  const tables = entry && isRecordTable(entry.table) ? [db.table<StoredRecord, string>(entry.table)] : [];
  await db.transaction('rw', [db.outbox, db.meta, ...tables], async () => {
    await db.outbox.delete(seq);
    await db.meta.where('key').startsWith('sync.verifiedChecksum').delete();
    const [store] = tables;
    if (!entry || !store || (await db.outbox.where('[table+recordId]').equals([entry.table, entry.recordId]).count()) > 0) return;
    if ((await store.get(entry.recordId))?.version === 0) await store.delete(entry.recordId);
  });
}
