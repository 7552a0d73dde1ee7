import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../store/db';
import { testBackends } from '../store/test-backends';
import {
  createMutation, editMutation, LAO_A, LAO_B, LAO_C, P1, P2, pull, push, sampleRecord, useTestWorld,
} from './test-kit';

type Session = { token: string; deviceId: string };

async function count(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? 0;
}

describe.each(testBackends)('push on $kind', (backend) => {
  const world = useTestWorld(backend);
  let officer: Session;
  let other: Session;
  beforeAll(async () => {
    officer = await world.t.login('officer');
    other = await world.t.login('officer');
  });

  it('applies a new record, logs it, and answers a replayed batch identically without a second effect', async () => {
    const record = sampleRecord('antiDrugActivities', LAO_A, P1);
    const batch = [createMutation('antiDrugActivities', record)];
    const first = await push(world.t, officer, batch);
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([{ mutationId: batch[0]!.mutationId, status: 'applied', version: 1, appliedFields: expect.any(Array) }]);
    expect(first.body.lastSeq).toBe(batch[0]!.seq);
    const logBefore = await count(world.db, 'SELECT count(*)::int AS n FROM change_log');
    const replay = await push(world.t, officer, batch);
    expect(replay.body).toEqual(first.body);
    expect(await count(world.db, 'SELECT count(*)::int AS n FROM change_log')).toBe(logBefore);
    expect(await count(world.db, 'SELECT version::int AS n FROM records WHERE id = $1', [record.id])).toBe(1);
    const pulled = await pull(world.t, officer.token, P1, 0);
    expect(pulled.body.changes.at(-1).record).toMatchObject({ id: record.id, name: record.name, version: 1, laoId: LAO_A });
  });

  it('merges edits of different fields and keeps the first value on a real conflict', async () => {
    const record = sampleRecord('antiDrugActivities', LAO_A, P1);
    await push(world.t, officer, [createMutation('antiDrugActivities', record)]);
    // Both devices saw version 1.
    const a = await push(world.t, officer, [editMutation('antiDrugActivities', String(record.id), 1, { participants: { old: 150, new: 170 } })]);
    expect(a.body.results[0]).toMatchObject({ status: 'applied', version: 2 });
    const b = await push(world.t, other, [editMutation('antiDrugActivities', String(record.id), 1, { result: { old: record.result, new: 'ดีมาก' } })]);
    expect(b.body.results[0]).toMatchObject({ status: 'merged', version: 3, appliedFields: ['result'] });
    const same = await push(world.t, other, [editMutation('antiDrugActivities', String(record.id), 1, { participants: { old: 150, new: 170 } })]);
    expect(same.body.results[0]).toMatchObject({ status: 'merged', version: 3, appliedFields: [] });
    const clash = await push(world.t, other, [
      editMutation('antiDrugActivities', String(record.id), 1, { participants: { old: 150, new: 999 }, budget: { old: record.budget, new: 2_500_000 } }),
    ]);
    expect(clash.body.results[0]).toMatchObject({ status: 'conflict', version: 4, appliedFields: ['budget'], conflictId: expect.any(String) });
    const { rows } = await world.db.query<{ data: Record<string, unknown> }>('SELECT data FROM records WHERE id = $1', [record.id]);
    expect(rows[0]!.data).toMatchObject({ participants: 170, result: 'ดีมาก', budget: 2_500_000 });
    const conflicts = await world.db.query<{ kind: string; fields: unknown }>('SELECT kind, fields FROM conflicts WHERE id = $1', [clash.body.results[0]!.conflictId]);
    expect(conflicts.rows[0]).toEqual({ kind: 'fields', fields: { participants: { base: 150, server: 170, client: 999 } } });
  });

  it('treats edit against delete and delete against an unseen edit as conflicts, never silently', async () => {
    const record = sampleRecord('antiDrugActivities', LAO_B, P1);
    await push(world.t, officer, [createMutation('antiDrugActivities', record)]);
    await push(world.t, officer, [editMutation('antiDrugActivities', String(record.id), 1, { deleted: { old: false, new: true } })]);
    const edit = await push(world.t, other, [editMutation('antiDrugActivities', String(record.id), 1, { participants: { old: 150, new: 1 } })]);
    expect(edit.body.results[0]).toMatchObject({ status: 'conflict', version: 2 });
    const kept = await world.db.query<{ deleted: boolean; data: { participants: number } }>('SELECT deleted, data FROM records WHERE id = $1', [record.id]);
    expect(kept.rows[0]).toMatchObject({ deleted: true, data: { participants: 150 } });

    const second = sampleRecord('antiDrugActivities', LAO_B, P1);
    await push(world.t, officer, [createMutation('antiDrugActivities', second)]);
    await push(world.t, other, [editMutation('antiDrugActivities', String(second.id), 1, { participants: { old: 150, new: 2 } })]);
    const del = await push(world.t, officer, [editMutation('antiDrugActivities', String(second.id), 1, { deleted: { old: false, new: true } })]);
    expect(del.body.results[0]).toMatchObject({ status: 'conflict' });
    const kinds = await world.db.query<{ kind: string }>('SELECT kind FROM conflicts WHERE record_id IN ($1, $2) ORDER BY created_at', [record.id, second.id]);
    expect(kinds.rows.map((r) => r.kind).sort()).toEqual(['delete_vs_edit', 'edit_vs_delete']);
    // A device deleting after its own edit is no conflict.
    const third = sampleRecord('antiDrugActivities', LAO_B, P1);
    await push(world.t, officer, [
      createMutation('antiDrugActivities', third),
      editMutation('antiDrugActivities', String(third.id), 0, { participants: { old: 150, new: 3 } }),
      editMutation('antiDrugActivities', String(third.id), 0, { deleted: { old: false, new: true } }),
    ]).then((r) => expect(r.body.results.map((x) => x.status)).toEqual(['applied', 'applied', 'applied']));
  });

  it('rejects invalid records with field codes and stores nothing for them', async () => {
    const record = sampleRecord('antiDrugActivities', LAO_A, P1, { participants: -5 });
    const before = await count(world.db, 'SELECT count(*)::int AS n FROM records');
    const response = await push(world.t, officer, [createMutation('antiDrugActivities', record)]);
    expect(response.body.results[0]).toMatchObject({ status: 'rejected', code: 'VALIDATION_FAILED', issues: [{ path: 'participants', code: 'number.negative' }] });
    expect(await count(world.db, 'SELECT count(*)::int AS n FROM records')).toBe(before);
  });

  it('re-checks scope per mutation: forged province, other province, unknown LAO, moved record', async () => {
    const forged = sampleRecord('antiDrugActivities', LAO_C, P1); // LAO of province 98 claimed as 99
    const foreign = sampleRecord('antiDrugActivities', LAO_C, P2);
    const unknown = sampleRecord('antiDrugActivities', '0190c4e2-0000-7000-8000-0000000000ff', P1);
    const mine = sampleRecord('antiDrugActivities', LAO_A, P2); // own LAO, wrong province
    const ok = sampleRecord('antiDrugActivities', LAO_A, P1);
    const response = await push(world.t, officer, [forged, foreign, unknown, mine, ok].map((r) => createMutation('antiDrugActivities', r)));
    expect(response.body.results.map((r) => r.code ?? r.status)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'UNKNOWN_LAO', 'SCOPE_MISMATCH', 'applied']);
    const move = await push(world.t, officer, [editMutation('antiDrugActivities', String(ok.id), 1, { laoId: { old: LAO_A, new: LAO_B } })]);
    expect(move.body.results[0]).toMatchObject({ status: 'rejected', code: 'IMMUTABLE_FIELD' });
    const tableSwap = await push(world.t, officer, [editMutation('grants', String(ok.id), 1, { name: { old: 'x', new: 'y' } })]);
    expect(tableSwap.body.results[0]).toMatchObject({ status: 'rejected', code: 'TABLE_MISMATCH' });
    expect(await count(world.db, "SELECT count(*)::int AS n FROM records WHERE lao_id = $1", [LAO_C])).toBe(0);
  });

  it('refuses a mutation id reused by another user and a token used for another device', async () => {
    const record = sampleRecord('antiDrugActivities', LAO_A, P1);
    const mutation = createMutation('antiDrugActivities', record);
    await push(world.t, officer, [mutation]);
    const admin = await world.t.login('admin');
    const reuse = await push(world.t, admin, [{ ...mutation, changes: { ...mutation.changes, name: { old: null, new: 'hijack' } } }]);
    expect(reuse.body.results[0]).toMatchObject({ status: 'rejected', code: 'MUTATION_ID_REUSED' });
    const wrongDevice = await push(world.t, { token: officer.token, deviceId: 'device-someone-else' }, []);
    expect(wrongDevice.status).toBe(403);
    expect(wrongDevice.body.code).toBe('DEVICE_MISMATCH');
  });

  it('supervisors read but do not write', async () => {
    const supervisor = await world.t.login('supervisor');
    const response = await push(world.t, supervisor, [createMutation('antiDrugActivities', sampleRecord('antiDrugActivities', LAO_A, P1))]);
    expect(response.body.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
  });

  it('answers old clients 426 and malformed batches 400 without storing anything', async () => {
    const before = await count(world.db, 'SELECT count(*)::int AS n FROM sync_mutations');
    const old = await world.t.app.inject({ method: 'POST', url: '/v1/sync/push', headers: { authorization: `Bearer ${officer.token}` }, payload: { protocolVersion: -1 + 0, schemaVersion: 1, deviceId: officer.deviceId, mutations: [] } });
    expect([old.statusCode, old.json().code]).toEqual([426, 'CLIENT_TOO_OLD']);
    // Version 0 never existed, of either.
    for (const versions of [{ protocolVersion: 0, schemaVersion: 1 }, { protocolVersion: 1, schemaVersion: 0 }]) {
      const never = await world.t.app.inject({ method: 'POST', url: '/v1/sync/push', headers: { authorization: `Bearer ${officer.token}` }, payload: { ...versions, deviceId: officer.deviceId, mutations: [] } });
      expect([never.statusCode, never.json().code]).toEqual([426, 'CLIENT_TOO_OLD']);
    }
    const bad = await world.t.app.inject({
      method: 'POST', url: '/v1/sync/push', headers: { authorization: `Bearer ${officer.token}` },
      payload: { protocolVersion: 1, schemaVersion: 1, deviceId: officer.deviceId, mutations: [{ mutationId: 'x', table: 'secrets' }] },
    });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await count(world.db, 'SELECT count(*)::int AS n FROM sync_mutations')).toBe(before);
  });
  it('sets a second record of one period aside as a duplicate conflict on the first, and refuses an edit that moves a record onto a taken period', async () => {
    const month = { year: 2024, month: 10 };
    const mine = sampleRecord('fiscalStats', LAO_B, P1, month);
    const theirs = sampleRecord('fiscalStats', LAO_B, P1, { ...month, revenue: { ...(mine.revenue as object), localTaxes: 99 } });
    const twin = sampleRecord('fiscalStats', LAO_B, P1, month);
    // Both made offline; the first to arrive stays.
    expect((await push(world.t, officer, [createMutation('fiscalStats', mine)])).body.results[0]).toMatchObject({ status: 'applied' });
    const second = await push(world.t, other, [createMutation('fiscalStats', theirs)]);
    expect(second.body.results[0]).toMatchObject({ status: 'conflict', version: 1, conflictId: expect.any(String) });
    const live = await world.db.query<{ id: string }>("SELECT id::text AS id FROM records WHERE table_name = 'fiscalStats' AND lao_id = $1 AND NOT deleted AND data->>'month' = '10'", [LAO_B]);
    expect(live.rows.map((r) => r.id)).toEqual([mine.id]);
    const conflict = await world.db.query<{ kind: string; record_id: string; fields: Record<string, unknown> }>('SELECT kind, record_id::text AS record_id, fields FROM conflicts WHERE id = $1', [second.body.results[0]!.conflictId]);
    expect(conflict.rows[0]).toEqual({ kind: 'duplicate', record_id: mine.id, fields: { revenue: { base: null, server: mine.revenue, client: theirs.revenue } } });
    // Every device of the province learns both: the copy as a tombstone, the conflict on the kept record.
    const pulled = await pull(world.t, officer.token, P1, 0);
    const changes = pulled.body.changes as Array<{ record?: { id: string; deleted: boolean }; conflict?: { id: string; kind: string } }>;
    expect(changes.find((c) => c.record?.id === theirs.id)?.record).toMatchObject({ deleted: true });
    expect(changes.find((c) => c.conflict?.id === second.body.results[0]!.conflictId)?.conflict).toMatchObject({ kind: 'duplicate' });
    // A copy that holds the same values folds in without a conflict.
    expect((await push(world.t, other, [createMutation('fiscalStats', twin)])).body.results[0]).toMatchObject({ status: 'merged' });
    // Moving another month onto October is refused with the rule's own code.
    const november = sampleRecord('fiscalStats', LAO_B, P1, { year: 2024, month: 11 });
    await push(world.t, officer, [createMutation('fiscalStats', november)]);
    const moved = await push(world.t, other, [editMutation('fiscalStats', String(november.id), 1, { month: { old: 11, new: 10 } })]);
    expect(moved.body.results[0]).toMatchObject({ status: 'rejected', code: 'VALIDATION_FAILED', issues: [{ path: 'month', code: 'fiscalStats.duplicateMonth' }] });
    expect(await count(world.db, "SELECT count(*)::int AS n FROM records WHERE table_name = 'fiscalStats' AND lao_id = $1 AND NOT deleted AND data->>'month' = '10'", [LAO_B])).toBe(1);
  });

  it('sets a second ordinance of one LAO and fiscal year aside as a duplicate conflict, with the items of the first kept', async () => {
    const first = sampleRecord('ordinances', LAO_B, P1, { fiscalYear: 2567, councilPassedOn: '2023-08-20', announcedOn: '2023-09-10' });
    const second = sampleRecord('ordinances', LAO_B, P1, { fiscalYear: 2567, councilPassedOn: '2023-08-21', announcedOn: '2023-09-10' });
    expect((await push(world.t, officer, [createMutation('ordinances', first)])).body.results[0]).toMatchObject({ status: 'applied' });
    const setAside = await push(world.t, other, [createMutation('ordinances', second)]);
    expect(setAside.body.results[0]).toMatchObject({ status: 'conflict', conflictId: expect.any(String) });
    const conflict = await world.db.query<{ kind: string; record_id: string; fields: Record<string, unknown> }>('SELECT kind, record_id::text AS record_id, fields FROM conflicts WHERE id = $1', [setAside.body.results[0]!.conflictId]);
    expect(conflict.rows[0]).toEqual({ kind: 'duplicate', record_id: first.id, fields: { councilPassedOn: { base: null, server: '2023-08-20', client: '2023-08-21' } } });
    expect(await count(world.db, "SELECT count(*)::int AS n FROM records WHERE table_name = 'ordinances' AND lao_id = $1 AND NOT deleted AND fiscal_year = 2567", [LAO_B])).toBe(1);
  });

  it('sets aside the second of two copies sent in one batch, and a quarter report the same way', async () => {
    const report = sampleRecord('quarterReports', LAO_B, P1, { quarter: 3 });
    const again = sampleRecord('quarterReports', LAO_B, P1, { quarter: 3, reportedOn: '2025-07-15' });
    const both = await push(world.t, other, [createMutation('quarterReports', report), createMutation('quarterReports', again)]);
    expect(both.body.results.map((r) => r.status)).toEqual(['applied', 'conflict']);
    expect(await count(world.db, "SELECT count(*)::int AS n FROM records WHERE table_name = 'quarterReports' AND lao_id = $1 AND NOT deleted AND data->>'quarter' = '3'", [LAO_B])).toBe(1);
  });
});
