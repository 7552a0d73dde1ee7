/**
 * Push (design.md "Push"): the outbox in seq order, in batches. Applied and
 * merged entries leave the outbox and give the record its server version;
 * conflicts leave it too (the server kept the divergence for review);
 * rejected entries stay, flagged with their code, so nothing is lost silently.
 */
import { MAX_PUSH_BATCH, type Mutation, type MutationResult } from '../../shared/sync/protocol';
import type { EplanDb, OutboxEntry, StoredRecord } from '../data/db';
import type { SyncApi } from './api';
import { isRecordTable } from './apply';

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

/** Entries to send: not yet refused by the server, oldest first. */
async function nextBatch(db: EplanDb, afterSeq: number, size: number): Promise<OutboxEntry[]> {
  return db.outbox
    .where('seq')
    .above(afterSeq)
    .filter((entry) => entry.rejected === undefined)
    .limit(size)
    .toArray();
}

export async function pushOutbox(db: EplanDb, api: SyncApi, deviceId: string, batchSize = MAX_PUSH_BATCH, now: () => Date = () => new Date()): Promise<PushSummary> {
  const summary: PushSummary = { sent: 0, applied: 0, conflicts: 0, rejected: 0 };
  let afterSeq = 0;
  for (;;) {
    const batch = await nextBatch(db, afterSeq, batchSize);
    if (batch.length === 0) return summary;
    const response = await api.push(deviceId, batch.map(toMutation));
    await applyResults(db, batch, response.results, now().toISOString(), summary);
    summary.sent += batch.length;
    afterSeq = batch[batch.length - 1]!.seq!;
  }
}

async function applyResults(db: EplanDb, batch: OutboxEntry[], results: MutationResult[], at: string, summary: PushSummary): Promise<void> {
  const byId = new Map(results.map((result) => [result.mutationId, result]));
  const tables = [...new Set(batch.map((entry) => entry.table))].map((table) => db.table(table));
  await db.transaction('rw', [db.outbox, ...tables], async () => {
    for (const entry of batch) {
      const result = byId.get(entry.mutationId);
      if (!result) continue; // not answered: stays pending and goes again
      if (result.status === 'rejected') {
        summary.rejected += 1;
        await db.outbox.update(entry.seq!, { rejected: { code: result.code ?? 'REJECTED', ...(result.issues ? { issues: result.issues } : {}), at } });
        continue;
      }
      if (result.status === 'conflict') summary.conflicts += 1;
      else summary.applied += 1;
      await db.outbox.delete(entry.seq!);
      if (result.version !== undefined && isRecordTable(entry.table)) {
        const store = db.table<StoredRecord, string>(entry.table);
        const record = await store.get(entry.recordId);
        if (record && record.version < result.version) await store.update(entry.recordId, { version: result.version });
      }
    }
  });
}

/** Forgets a rejected entry after the officer has seen it (the record is re-fetched by the next full pull). */
export async function discardRejected(db: EplanDb, seq: number): Promise<void> {
  await db.outbox.delete(seq);
}
