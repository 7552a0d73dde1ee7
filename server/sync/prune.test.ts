import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../shared/sync/protocol';
import type { Database } from '../store/db';
import { testBackends } from '../store/test-backends';
import { pruneMutationResults } from './prune';
import { createMutation, editMutation, LAO_A, P1, push, sampleRecord, useTestWorld } from './test-kit';

const TABLE = 'antiDrugActivities';
const DAY = 86_400_000;

async function count(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? 0;
}

describe.each(testBackends)('pruning stored push results on $kind', (backend) => {
  const world = useTestWorld(backend);
  const results = (ids: string[]) => count(world.db, 'SELECT count(*)::int AS n FROM sync_mutations WHERE mutation_id = ANY($1::text[])', [ids]);
  const logSize = () => count(world.db, 'SELECT count(*)::int AS n FROM change_log');

  /** A device's outbox pushed in three batches; the last answer is lost, so the device has not acknowledged it. */
  async function history() {
    const session = await world.t.login('officer');
    const record = sampleRecord(TABLE, LAO_A, P1);
    const id = String(record.id);
    const first = [createMutation(TABLE, record, 1), editMutation(TABLE, id, 1, { participants: { old: 150, new: 160 } }, 2)];
    const second = [editMutation(TABLE, id, 2, { participants: { old: 160, new: 170 } }, 3)];
    const unacknowledged = [editMutation(TABLE, id, 3, { participants: { old: 170, new: 180 } }, 4), editMutation(TABLE, id, 4, { budget: { old: 2_000_000, new: 5 } }, 5)];
    const answers = [];
    for (const batch of [first, second, unacknowledged]) {
      const response = await push(world.t, session, batch);
      expect(response.status).toBe(200);
      answers.push(response.body);
    }
    return { session, id, first, second, unacknowledged, lastAnswer: answers[2]! };
  }

  const ids = (batch: Mutation[]) => batch.map((m) => m.mutationId);

  it('removes acknowledged results past the retention and keeps the ones a replay may still ask for', async () => {
    const h = await history();
    // Too recent: nothing goes.
    expect(await pruneMutationResults(world.db, { before: new Date(Date.now() - DAY) })).toBe(0);
    expect(await results([...ids(h.first), ...ids(h.second), ...ids(h.unacknowledged)])).toBe(5);

    // Later: in batches of one, the three acknowledged results go, the unacknowledged two stay.
    expect(await pruneMutationResults(world.db, { before: new Date(Date.now() + DAY), batchSize: 1 })).toBe(3);
    expect(await results([...ids(h.first), ...ids(h.second)])).toBe(0);
    expect(await results(ids(h.unacknowledged))).toBe(2);
    const { rows } = await world.db.query<{ acked_seq: number; pruned_through: number }>('SELECT acked_seq, pruned_through FROM sync_devices WHERE device_id = $1', [h.session.deviceId]);
    expect(rows[0]).toEqual({ acked_seq: 3, pruned_through: 3 });

    // The device retries the batch whose answer it lost: the stored answers, no second effect.
    const before = await logSize();
    const replay = await push(world.t, h.session, h.unacknowledged);
    expect(replay.body).toEqual(h.lastAnswer);
    expect(await logSize()).toBe(before);

    // A network duplicate of a pruned batch arrives days late: refused, not applied again.
    const late = await push(world.t, h.session, h.first);
    expect(late.status).toBe(200);
    expect(late.body.results.map((r) => [r.status, r.code])).toEqual([['rejected', 'MUTATION_ID_REUSED'], ['rejected', 'MUTATION_ID_REUSED']]);
    expect(await logSize()).toBe(before);
    expect(await count(world.db, 'SELECT version::int AS n FROM records WHERE id = $1', [h.id])).toBe(5);
    expect(await results(ids(h.first))).toBe(0);

    // Once the device moves on, the rest goes too; nothing else is touched.
    const next = await push(world.t, h.session, [editMutation(TABLE, h.id, 5, { budget: { old: 5, new: 6 } }, 6)]);
    expect(next.body.results[0]).toMatchObject({ status: 'applied', version: 6 });
    expect(await pruneMutationResults(world.db, { before: new Date(Date.now() + DAY) })).toBe(2);
    expect(await results(ids(h.unacknowledged))).toBe(0);
    expect(await count(world.db, 'SELECT count(*)::int AS n FROM sync_mutations WHERE device_id = $1', [h.session.deviceId])).toBe(1);
  });

  it('never prunes another device by its neighbour’s progress', async () => {
    const quiet = await history();
    const busy = await history();
    await push(world.t, busy.session, [editMutation(TABLE, busy.id, 5, { budget: { old: 5, new: 7 } }, 6)]);
    await pruneMutationResults(world.db, { before: new Date(Date.now() + DAY) });
    expect(await results(ids(quiet.unacknowledged))).toBe(2);
    expect(await results(ids(busy.unacknowledged))).toBe(0);
  });
});
