/**
 * Pruning of stored push results (design.md "Push": a replayed batch gets
 * the stored answers). Without pruning, sync_mutations grows by one row per
 * keystroke forever. A result may go once its device has acknowledged it
 * (the device sent a batch starting above its seq: it holds the answer and
 * will not ask again) and it is older than the retention, so that only a
 * network duplicate days late could still ask; push.ts refuses those below
 * the device's pruned_through instead of applying them a second time.
 * Results not yet acknowledged (a device offline after a lost response) are
 * kept however old they are.
 */
import type { Database } from '../store/db';
import { withRetry } from './retry';

export const DEFAULT_RESULT_RETENTION_DAYS = 14;
const DEFAULT_BATCH = 1000;

export interface PruneOptions {
  /** Results stored before this time may go. */
  before: Date;
  /** Rows deleted per transaction, so a big backlog never holds locks for long. */
  batchSize?: number;
}

/** Deletes acknowledged results older than `before`, in batches; returns how many went. */
export async function pruneMutationResults(db: Database, options: PruneOptions): Promise<number> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const { rows: devices } = await db.query<{ device_id: string }>(
    `SELECT d.device_id FROM sync_devices d
     WHERE EXISTS (SELECT 1 FROM sync_mutations m WHERE m.device_id = d.device_id AND m.seq <= d.acked_seq AND m.applied_at < $1)`,
    [options.before],
  );
  let removed = 0;
  for (const { device_id: deviceId } of devices) {
    for (;;) {
      const deleted = await withRetry(() => pruneBatch(db, deviceId, options.before, batchSize));
      removed += deleted;
      if (deleted < batchSize) break;
    }
  }
  return removed;
}

/** One batch of one device: raise its floor, then delete below it, in one transaction. */
async function pruneBatch(db: Database, deviceId: string, before: Date, batchSize: number): Promise<number> {
  return db.transaction(async (tx) => {
    // Locks the device row, as a push of this device does: the two never interleave.
    const { rows } = await tx.query<{ acked_seq: number }>('SELECT acked_seq FROM sync_devices WHERE device_id = $1 FOR UPDATE', [deviceId]);
    const ackedSeq = rows[0]?.acked_seq ?? 0;
    const doomed = await tx.query<{ mutation_id: string; seq: number }>(
      `SELECT mutation_id, seq FROM sync_mutations WHERE device_id = $1 AND seq <= $2 AND applied_at < $3 ORDER BY seq LIMIT $4`,
      [deviceId, ackedSeq, before, batchSize],
    );
    if (doomed.rows.length === 0) return 0;
    const through = Math.max(...doomed.rows.map((r) => r.seq));
    await tx.query('UPDATE sync_devices SET pruned_through = greatest(pruned_through, $2) WHERE device_id = $1', [deviceId, through]);
    const deleted = await tx.query('DELETE FROM sync_mutations WHERE mutation_id = ANY($1::text[])', [doomed.rows.map((r) => r.mutation_id)]);
    return deleted.rowCount;
  });
}
