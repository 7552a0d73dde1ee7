import { describe, expect, it } from 'vitest';
import { scopeChecksum } from '../../shared/sync/checksum';
import type { ChangeEntry, WireRecord } from '../../shared/sync/protocol';
import { testBackends } from '../store/test-backends';
import { compactChangeLog } from './changelog';
import {
  auth, createMutation, editMutation, LAO_A, LAO_B, P1, P2, pull, push, sampleRecord, type TestApp, USERS, useTestWorld, VERSIONS,
} from './test-kit';

const versions = `protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`;

/** A client's view of a scope: pull every page from a cursor. */
async function pullAll(t: TestApp, token: string, scope: string, from = 0) {
  let cursor = from;
  const changes: ChangeEntry[] = [];
  for (;;) {
    const page = await pull(t, token, scope, cursor, 3);
    expect(page.status).toBe(200);
    changes.push(...page.body.changes);
    cursor = page.body.cursor;
    if (!page.body.hasMore) return { changes, cursor, checksum: page.body.checksum as number };
  }
}

function latest(changes: ChangeEntry[]): Map<string, WireRecord> {
  const records = new Map<string, WireRecord>();
  for (const change of changes) if (change.kind === 'record') records.set(change.record.id, change.record);
  return records;
}

describe.each(testBackends)('pull and snapshot on $kind', (backend) => {
  const world = useTestWorld(backend, { now: () => new Date('2026-01-15T03:00:00Z') });

  it('returns changes in order with a cursor and a checksum the client can recompute', async () => {
    const officer = await world.t.login('officer');
    const records = [LAO_A, LAO_B, LAO_A, LAO_B, LAO_A].map((lao) => sampleRecord('antiDrugActivities', lao, P1));
    await push(world.t, officer, records.map((r) => createMutation('antiDrugActivities', r)));
    await push(world.t, officer, [editMutation('antiDrugActivities', String(records[0]!.id), 1, { participants: { old: 150, new: 10 } })]);
    const all = await pullAll(world.t, officer.token, P1);
    expect(all.changes.map((c) => c.n)).toEqual([1, 2, 3, 4, 5, 6]);
    const view = latest(all.changes);
    expect(view.get(String(records[0]!.id))).toMatchObject({ version: 2, participants: 10 });
    expect(all.checksum).toBe(scopeChecksum([...view.values()].filter((r) => !r.deleted)));
    // Nothing new: same cursor, same checksum.
    const again = await pull(world.t, officer.token, P1, all.cursor);
    expect(again.body).toMatchObject({ changes: [], cursor: all.cursor, hasMore: false, checksum: all.checksum });
  });

  it('shows an officer assigned to one LAO only that LAO, with a matching checksum', async () => {
    const officerA = await world.t.login('officerA');
    const all = await pullAll(world.t, officerA.token, P1);
    expect(all.changes.length).toBeGreaterThan(0);
    expect(all.changes.every((c) => c.kind === 'record' && c.record.laoId === LAO_A)).toBe(true);
    expect(all.checksum).toBe(scopeChecksum(latest(all.changes).values()));
  });

  it('snapshots in pages, current fiscal year first, resumable from any page', async () => {
    const officer = await world.t.login('officer');
    const current = [1, 2, 3].map(() => sampleRecord('fieldVisits', LAO_A, P1, { fiscalYear: 2569, visitedOn: '2025-12-01', officerId: USERS.officer.id }));
    await push(world.t, officer, current.map((r) => createMutation('fieldVisits', r)));
    const pages: { records: WireRecord[]; next: string | null; cursor: number }[] = [];
    let after: string | null = null;
    do {
      const url: string = `/v1/sync/snapshot?scope=${P1}&limit=2&${versions}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
      const response = await world.t.app.inject({ method: 'GET', url, headers: auth(officer.token) });
      expect(response.statusCode).toBe(200);
      pages.push(response.json());
      after = pages.at(-1)!.next;
    } while (after !== null);
    const records = pages.flatMap((p) => p.records);
    expect(records.slice(0, 3).every((r) => r.fiscalYear === 2569)).toBe(true);
    // Each row names its table, since a page mixes every table of the scope.
    expect(records.slice(0, 3).map((r) => r.table)).toEqual(['fieldVisits', 'fieldVisits', 'fieldVisits']);
    const { rows } = await world.db.query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE province_code = $1 AND NOT deleted', [P1]);
    expect(new Set(records.map((r) => r.id)).size).toBe(rows[0]!.n);
    // Resuming from the second page's token gives the same rest.
    const resumed = await world.t.app.inject({ method: 'GET', url: `/v1/sync/snapshot?scope=${P1}&limit=1000&${versions}&after=${encodeURIComponent(pages[0]!.next!)}`, headers: auth(officer.token) });
    expect(resumed.json().records.map((r: WireRecord) => r.id)).toEqual(records.slice(2).map((r) => r.id));
    const onlyYear = await world.t.app.inject({ method: 'GET', url: `/v1/sync/snapshot?scope=${P1}&fiscalYear=2569&${versions}`, headers: auth(officer.token) });
    expect(onlyYear.json().records).toHaveLength(3);
    const bad = await world.t.app.inject({ method: 'GET', url: `/v1/sync/snapshot?scope=${P1}&after=${encodeURIComponent("0.' OR 1=1 --")}&${versions}`, headers: auth(officer.token) });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'BAD_SNAPSHOT_TOKEN']);
  });

  it('answers RESET_REQUIRED for a cursor older than the kept log or ahead of it', async () => {
    const officer = await world.t.login('officer');
    const before = await pullAll(world.t, officer.token, P1);
    await compactChangeLog(world.db, new Date('2999-01-01'), 2);
    const old = await pull(world.t, officer.token, P1, 0);
    expect([old.status, old.body.code]).toEqual([409, 'RESET_REQUIRED']);
    const ahead = await pull(world.t, officer.token, P1, before.cursor + 100);
    expect(ahead.body.code).toBe('RESET_REQUIRED');
    const recent = await pull(world.t, officer.token, P1, before.cursor - 2);
    expect(recent.body.changes).toHaveLength(2);
  });

  it('refuses a province the user is not assigned to', async () => {
    const officer = await world.t.login('officer');
    for (const url of [`/v1/sync/pull?scope=${P2}&cursor=0&${versions}`, `/v1/sync/snapshot?scope=${P2}&${versions}`, `/v1/sync/conflicts?scope=${P2}&${versions}`]) {
      const response = await world.t.app.inject({ method: 'GET', url, headers: auth(officer.token) });
      expect([url, response.statusCode]).toEqual([url, 403]);
    }
  });
});

describe.each(testBackends.filter((b) => b.kind === 'postgres'))('log order on $kind with concurrent writers', (backend) => {
  const world = useTestWorld(backend);

  it('never lets a reader skip a row that commits late', async () => {
    const officer = await world.t.login('officer');
    const [a, b] = [sampleRecord('antiDrugActivities', LAO_A, P1), sampleRecord('antiDrugActivities', LAO_B, P1)];
    // Transaction 1 writes first but commits last; transaction 2 starts later and commits first.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = world.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO records (id, table_name, lao_id, province_code, data, version, updated_by) VALUES ($1, 'antiDrugActivities', $2, $3, '{}', 1, 'x')`, [a.id, LAO_A, P1]);
      await gate;
      const { ChangeCollector } = await import('./changelog');
      const log = new ChangeCollector();
      log.addRecord('antiDrugActivities', { ...(a as Record<string, unknown>), version: 1 } as never);
      return log.commit(tx);
    });
    const fast = push(world.t, officer, [createMutation('antiDrugActivities', b)]);
    const fastResult = await fast;
    expect(fastResult.body.results[0]!.status).toBe('applied');
    const seenBetween = await pull(world.t, officer.token, P1, 0);
    release();
    await slow;
    const seenAfter = await pull(world.t, officer.token, P1, seenBetween.body.cursor);
    const ids = [...seenBetween.body.changes, ...seenAfter.body.changes].map((c: ChangeEntry) => (c.kind === 'record' ? c.record.id : c.conflict.id));
    expect(ids.sort()).toEqual([a.id, b.id].sort());
  });

  it('numbers many concurrent pushes gap-free in commit order', async () => {
    const sessions = await Promise.all([1, 2, 3, 4].map(() => world.t.login('officer')));
    const start = (await pull(world.t, sessions[0]!.token, P1, 0)).body.cursor as number;
    await Promise.all(
      sessions.flatMap((s) => [0, 1, 2].map(() => push(world.t, s, [createMutation('antiDrugActivities', sampleRecord('antiDrugActivities', LAO_A, P1))]))),
    );
    const { rows } = await world.db.query<{ n: number }>('SELECT n FROM change_log WHERE province_code = $1 AND n > $2 ORDER BY n', [P1, start]);
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 12 }, (_, i) => start + i + 1));
  });
});
