/**
 * The invariants of design.md "Sync protocol", checked against the server's
 * own tables after healing: clients equal the server for their scope, every
 * acknowledged write took effect or is a conflict, every mutation took effect
 * once, every divergence was merged or kept, and no pulled page skipped a change.
 */
import { expect } from 'vitest';
import type { MutationResult, SyncConflict, WireRecord } from '../shared/sync/protocol';
import { sameValue } from '../shared/sync/merge';
import type { Database } from '../server/store/db';
import { listConflicts } from '../server/sync/conflicts';
import { isStampField } from '../shared/domain/record';
import { RECORD_ROW_COLUMNS, toWireRecord, type RecordRow } from '../server/sync/records';
import { P1 } from '../server/sync/test-kit';
import type { SimOfficer } from './convergence-client';

/** Outbox entries just acknowledged must already have their stored answer on the server. */
export async function expectStored(db: Database, mutationIds: string[]): Promise<void> {
  if (mutationIds.length === 0) return;
  const { rows } = await db.query<{ mutation_id: string }>('SELECT mutation_id FROM sync_mutations WHERE mutation_id = ANY($1::text[])', [mutationIds]);
  expect(rows.map((r) => r.mutation_id).sort(), 'an acknowledged write has no stored result').toEqual([...mutationIds].sort());
}

export async function expectConverged(db: Database, officers: SimOfficer[]): Promise<void> {
  const { rows } = await db.query<RecordRow>(`SELECT ${RECORD_ROW_COLUMNS} FROM records WHERE province_code = $1`, [P1]);
  const server = new Map(rows.map((row) => [row.id, toWireRecord(row)]));
  for (const officer of officers) {
    expect(officer.leaks, 'data outside the scope reached a client').toEqual([]);
    expect(officer.undoneUnseen, 'a form sent what the user had not changed').toEqual([]);
    expect(officer.duplicateMismatches, 'a duplicated push got two different answers').toEqual([]);
    expect(await officer.db.outbox.toArray(), `${officer.username} still has unsynced entries`).toEqual([]);
    const local = (await officer.records().toArray()).sort(byId);
    // Tombstones the client never saw (its snapshot came after the delete) need not be local.
    const expected = [...server.values()]
      .filter((r) => officer.laoIds.includes(r.laoId) && (!r.deleted || local.some((l) => l.id === r.id)))
      .sort(byId);
    expect(local, `${officer.username} differs from the server`).toEqual(expected);
    const conflicts = await listConflicts(db, { provinceCode: P1, laoIds: [...officer.laoIds] }, false);
    expect((await officer.db.conflicts.toArray()).sort(byId), `${officer.username} misses conflicts`).toEqual(conflicts.sort(byId));
  }
}

interface Stored {
  result: MutationResult;
  userId: string;
}

/** Exactly once, nothing lost, nothing silently dropped. */
export async function expectExactlyOnce(db: Database, officers: SimOfficer[]): Promise<Record<string, number>> {
  // A colleague who borrowed a laptop wrote some of its entries: each goes out under its author's name.
  const written = officers.flatMap((o) => o.written.map((entry) => ({ entry, userId: entry.author })));
  const stored = await db.query<{ mutation_id: string; user_id: string; result: MutationResult }>('SELECT mutation_id, user_id, result FROM sync_mutations');
  const byId = new Map<string, Stored>(stored.rows.map((r) => [r.mutation_id, { result: r.result, userId: r.user_id }]));
  const log = await db.query<{ entity_id: string; version: number; kind: string; payload: WireRecord & SyncConflict }>(
    'SELECT entity_id::text AS entity_id, kind, payload, (payload->>\'version\')::int AS version FROM change_log',
  );
  const versions = new Map<string, WireRecord>();
  for (const row of log.rows) {
    if (row.kind !== 'record') continue;
    const key = `${row.entity_id}@${row.version}`;
    // A conflict that wrote nothing announces the record again as it stands: the same content.
    if (versions.has(key)) expect(row.payload, `version ${key} logged twice with different content`).toEqual(versions.get(key));
    versions.set(key, row.payload);
  }
  const conflicts = new Map<string, SyncConflict>();
  for (const row of log.rows) if (row.kind === 'conflict') conflicts.set(row.payload.mutationId, row.payload);
  const statuses: Record<string, number> = {};
  for (const { entry, userId } of written) {
    const stored = byId.get(entry.mutationId);
    expect(stored, `mutation ${entry.mutationId} was acknowledged but never stored`).toBeDefined();
    const result = stored!.result;
    expect(stored!.userId).toBe(userId);
    statuses[result.status] = (statuses[result.status] ?? 0) + 1;
    expect(result.status, `mutation refused: ${JSON.stringify(result)}`).not.toBe('rejected');
    const after = versions.get(`${entry.recordId}@${result.version}`);
    const applied = new Set(result.appliedFields ?? []);
    if (applied.size > 0) {
      expect(after, `applied mutation ${entry.mutationId} has no logged version`).toBeDefined();
      for (const field of applied) expect(after![field], `applied field ${field} is not on the server`).toEqual(entry.changes[field]!.new);
    }
    const conflict = result.conflictId ? conflicts.get(entry.mutationId) : undefined;
    if (result.conflictId) expect(conflict?.id, 'the conflict of a mutation is not in the log').toBe(result.conflictId);
    // Every field the client changed was applied, equal on the server already, or kept in a conflict.
    for (const [field, change] of Object.entries(entry.changes)) {
      if (isStampField(field) || applied.has(field) || conflict?.fields[field] !== undefined) continue;
      const onServer = after ?? versions.get(`${entry.recordId}@${result.version}`);
      expect(onServer, `mutation ${entry.mutationId} (${result.status}) dropped ${field} without a trace`).toBeDefined();
      expect(sameValue(onServer![field], change.new), `mutation ${entry.mutationId} (${result.status}) dropped ${field}=${JSON.stringify(change.new)}`).toBe(true);
    }
  }
  const recordWrites = [...byId.values()].filter((s) => (s.result.appliedFields?.length ?? 0) > 0).length;
  expect(versions.size, 'log entries and effective mutations differ').toBe(recordWrites);
  expect(conflicts.size).toBe([...byId.values()].filter((s) => s.result.conflictId).length);
  return statuses;
}

/** Each page a client received holds every change of its scope between the two cursors. */
export async function expectNoSkippedChanges(db: Database, officers: SimOfficer[]): Promise<void> {
  const { rows } = await db.query<{ n: number; lao_id: string }>('SELECT n, lao_id FROM change_log WHERE province_code = $1 ORDER BY n', [P1]);
  const head = await db.query<{ n: number }>('SELECT n FROM province_counters WHERE province_code = $1', [P1]);
  for (const officer of officers) {
    for (const page of officer.pages) {
      const visible = rows.filter((r) => page.laoIds.includes(r.lao_id)).map((r) => r.n);
      expect(page.ns, `${officer.username}: page (${page.from}, ${page.to}] skipped a change`).toEqual(visible.filter((n) => n > page.from && n <= page.to));
    }
    expect(officer.pages.at(-1)?.to).toBe(head.rows[0]?.n ?? 0);
  }
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
