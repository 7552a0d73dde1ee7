/**
 * Simulated clients against the real server with injected faults (lost
 * request, lost response, duplicated and stale re-delivered batches), then
 * healing: every client must equal the server for its scope, every mutation
 * must have exactly one stored answer and at most one effect, every
 * acknowledged write must be in the log, and nothing outside a client's scope
 * may reach it. A supervisor signs a month off at a random step: its records
 * must stay exactly as they were then (issue 17).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEntry, Mutation, MutationResult, WireRecord } from '../../shared/sync/protocol';
import { testBackends } from '../store/test-backends';
import { judgesRecord } from '../../shared/calendar/signoff';
import {
  auth, LAO_A, LAO_B, P1, pull, push, sampleRecord, seenNow, type TestApp, useTestWorld, VERSIONS,
} from './test-kit';

const TABLE = 'antiDrugActivities' as const;
const FIELDS = ['participants', 'budget', 'result', 'name'] as const;

class Rng {
  constructor(private state: number) {}
  next(): number {
    // mulberry32
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let x = this.state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

class SimClient {
  readonly local = new Map<string, WireRecord>();
  readonly known = new Map<string, WireRecord>();
  outbox: Mutation[] = [];
  readonly sent: Mutation[][] = [];
  readonly acked: MutationResult[] = [];
  readonly all: Mutation[] = [];
  private seq = 0;
  leaked: string[] = [];

  constructor(
    readonly t: TestApp,
    readonly session: { token: string; deviceId: string },
    readonly laoIds: string[],
    public cursor: number,
    readonly userId: string,
  ) {}

  edit(rng: Rng, shared: string[]): void {
    const live = [...this.local.values()].filter((r) => !r.deleted);
    const roll = rng.next();
    if (roll < 0.3 || live.length === 0) {
      const record = sampleRecord(TABLE, rng.pick(this.laoIds), P1, { participants: rng.int(500) });
      shared.push(String(record.id));
      this.local.set(String(record.id), { ...(record as WireRecord), version: 0 });
      this.enqueue(String(record.id), 0, Object.fromEntries(Object.entries(record).map(([f, v]) => [f, { old: null, new: v }])));
      return;
    }
    const target = rng.pick(live);
    const base = this.known.get(target.id)?.version ?? 0;
    if (roll < 0.38) {
      this.enqueue(target.id, base, { deleted: { old: false, new: true } }, 'delete');
      this.local.set(target.id, { ...target, deleted: true });
      return;
    }
    const field = rng.pick(FIELDS);
    const value = field === 'participants' || field === 'budget' ? rng.int(5) * 100 : `ค่า ${rng.int(4)}`;
    this.enqueue(target.id, base, { [field]: { old: target[field] ?? null, new: value } });
    this.local.set(target.id, { ...target, [field]: value });
  }

  private enqueue(recordId: string, baseVersion: number, changes: Mutation['changes'], op: Mutation['op'] = 'upsert'): void {
    const mutation: Mutation = {
      mutationId: crypto.randomUUID(), seq: ++this.seq, table: TABLE, recordId, op, baseVersion, changes,
      author: this.userId, clientTime: new Date().toISOString(),
    };
    this.outbox.push(mutation);
    this.all.push(mutation);
  }

  async push(rng: Rng, faulty: boolean): Promise<void> {
    const batch = this.outbox.slice(0, 1 + rng.int(4));
    if (batch.length === 0) return;
    const fault = faulty ? rng.pick(['none', 'none', 'lostRequest', 'lostResponse', 'duplicate', 'stale'] as const) : 'none';
    if (fault === 'lostRequest') return;
    if (fault === 'stale' && this.sent.length > 0) {
      await push(this.t, this.session, rng.pick(this.sent)); // an old batch delivered again, late
      return;
    }
    this.sent.push(batch);
    const responses = await Promise.all((fault === 'duplicate' ? [batch, batch] : [batch]).map((b) => push(this.t, this.session, b)));
    for (const response of responses) if (response.status !== 200) throw new Error(JSON.stringify(response.body));
    if (fault === 'duplicate') expect(responses[1]!.body.results).toEqual(responses[0]!.body.results);
    if (fault === 'lostResponse') return;
    this.acknowledge(responses[0]!.body.results);
  }

  private acknowledge(results: MutationResult[]): void {
    const done = new Set(results.map((r) => r.mutationId));
    const touched = new Set(this.outbox.filter((m) => done.has(m.mutationId)).map((m) => m.recordId));
    // As the laptop does: a refused change rolls back to the server's value; a refused new record goes.
    const refused = new Set(results.filter((r) => r.status === 'rejected').map((r) => this.outbox.find((m) => m.mutationId === r.mutationId)?.recordId));
    this.outbox = this.outbox.filter((m) => !done.has(m.mutationId));
    this.acked.push(...results);
    for (const id of touched) {
      if (refused.has(id) && !this.known.has(id) && !this.outbox.some((m) => m.recordId === id)) this.local.delete(id);
      else this.rebase(id);
    }
  }

  /** The record as the server last told us, with our pending fields replayed on top. */
  private rebase(id: string): void {
    // Before the first pull of a record we created, our own copy stands in for the server's.
    const server = this.known.get(id) ?? this.local.get(id);
    let record: WireRecord | undefined = server ? { ...server } : undefined;
    for (const m of this.outbox.filter((entry) => entry.recordId === id)) {
      const fields = Object.fromEntries(Object.entries(m.changes).map(([f, c]) => [f, c.new]));
      record = { ...(record ?? ({ version: 0 } as WireRecord)), ...fields } as WireRecord;
    }
    if (record) this.local.set(id, record);
    else this.local.delete(id);
  }

  async pull(): Promise<void> {
    for (;;) {
      const page = await pull(this.t, this.session.token, P1, this.cursor, 7);
      expect(page.status).toBe(200);
      for (const change of page.body.changes as ChangeEntry[]) {
        const laoId = change.kind === 'record' ? change.record.laoId : change.conflict.laoId;
        if (!this.laoIds.includes(laoId)) this.leaked.push(laoId);
        if (change.kind !== 'record') continue;
        this.known.set(change.record.id, change.record);
        this.rebase(change.record.id);
      }
      this.cursor = page.body.cursor;
      if (!page.body.hasMore) return;
    }
  }
}

const SIGN_OFF = { fiscalYear: 2568, laoIds: [LAO_A], taskIds: ['monthly-anti-drug'], month: { year: 2025, month: 6 }, note: '' };
const SIGN_OFF_RULE = { kind: 'antiDrugCurrent' } as const;
const VERSION_QUERY = `protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`;

describe.each(testBackends)('convergence of simulated clients on $kind', (backend) => {
  const world = useTestWorld(backend);
  let supervisor: { token: string };
  beforeAll(async () => {
    supervisor = await world.t.login('supervisor');
  });

  async function scenario(seed: number): Promise<void> {
    const rng = new Rng(seed);
    const head = (await pull(world.t, (await world.t.login('admin')).token, P1, 0, 1)).body;
    const start = head.code === undefined ? await currentHead() : 0;
    const clients = [
      new SimClient(world.t, await world.t.login('officer'), [LAO_A, LAO_B], start, 'officer'),
      new SimClient(world.t, await world.t.login('officer'), [LAO_A, LAO_B], start, 'officer'),
      new SimClient(world.t, await world.t.login('officerA'), [LAO_A], start, 'officerA'),
    ];
    const ids: string[] = [];
    // At a random step a supervisor signs LAO_A's anti-drug month off (the fixtures' activities are held in it):
    // from then on, none of LAO_A's records in that month may change, whatever the faults.
    const signAt = rng.int(30);
    let locked: Map<string, string> | undefined;
    let signOffId: string | undefined;
    for (let step = 0; step < 30; step++) {
      if (step === signAt) {
        const signed = await world.t.app.inject({ method: 'POST', url: `/v1/signoffs?${VERSION_QUERY}`, headers: auth(supervisor.token), payload: { ...SIGN_OFF, seen: await seenNow(world.db) } });
        expect(signed.statusCode).toBe(200);
        signOffId = String(signed.json().signOffs[0].id);
        locked = await lockedRows();
      }
      const client = rng.pick(clients);
      const action = rng.next();
      if (action < 0.55) client.edit(rng, ids);
      else if (action < 0.85) await client.push(rng, true);
      else await client.pull();
    }
    // Heal: no more faults; push everything, then pull everything.
    for (let round = 0; round < 3; round++) {
      for (const client of clients) while (client.outbox.length > 0) await client.push(rng, false);
      for (const client of clients) await client.pull();
    }
    const { rows } = await world.db.query<{ id: string }>('SELECT id::text AS id FROM records WHERE id = ANY($1::uuid[])', [ids]);
    const server = new Map<string, WireRecord>();
    for (const client of [clients[0]!]) for (const id of rows.map((r) => r.id)) server.set(id, client.known.get(id)!);
    for (const client of clients) {
      expect(client.leaked).toEqual([]);
      expect(client.outbox).toEqual([]);
      const mine = (r: WireRecord) => client.laoIds.includes(r.laoId);
      const expected = [...server.values()].filter(mine).sort(byId);
      const actual = ids.filter((id) => server.has(id) || client.local.has(id)).map((id) => client.local.get(id)).filter((r): r is WireRecord => r !== undefined && mine(r)).sort(byId);
      expect(actual).toEqual(expected);
    }
    await checkExactlyOnce(clients.flatMap((c) => c.all), clients.flatMap((c) => c.acked));
    // The signed-off month's records are exactly as they were when it was signed off: none changed, none added.
    expect(await lockedRows()).toEqual(locked);
    const reopened = await world.t.app.inject({ method: 'POST', url: `/v1/signoffs/${signOffId}/reopen?${VERSION_QUERY}`, headers: auth(supervisor.token), payload: { reason: 'next scenario' } });
    expect(reopened.statusCode).toBe(200);
  }

  /** LAO_A's records the sign-off locks, as stored: id → data and version. */
  async function lockedRows(): Promise<Map<string, string>> {
    const { rows } = await world.db.query<{ id: string; data: Record<string, unknown>; version: number; deleted: boolean; fiscal_year: number }>(
      'SELECT id::text AS id, data, version, deleted, fiscal_year FROM records WHERE lao_id = $1 AND table_name = $2 ORDER BY id', [LAO_A, TABLE],
    );
    const judged = rows.filter((row) => judgesRecord(SIGN_OFF_RULE, SIGN_OFF.fiscalYear, SIGN_OFF.month, TABLE, { ...row.data, fiscalYear: row.fiscal_year }));
    return new Map(judged.map((row) => [row.id, JSON.stringify([row.data, row.version, row.deleted])]));
  }

  async function currentHead(): Promise<number> {
    const { rows } = await world.db.query<{ n: number }>('SELECT n FROM province_counters WHERE province_code = $1', [P1]);
    return rows[0]?.n ?? 0;
  }

  async function checkExactlyOnce(all: Mutation[], acked: MutationResult[]): Promise<void> {
    const ids = all.map((m) => m.mutationId);
    const stored = await world.db.query<{ mutation_id: string; result: MutationResult }>('SELECT mutation_id, result FROM sync_mutations WHERE mutation_id = ANY($1::text[])', [ids]);
    expect(stored.rows.length).toBe(ids.length);
    const byId = new Map(stored.rows.map((r) => [r.mutation_id, r.result]));
    for (const result of acked) expect(byId.get(result.mutationId)).toEqual(result);
    // Each mutation wrote at most one version: versions logged per record = versions written
    // (a conflict that wrote nothing logs the record again as it stands, at its version).
    const recordIds = [...new Set(all.map((m) => m.recordId))];
    const log = await world.db.query<{ entity_id: string; version: number }>(
      "SELECT entity_id::text AS entity_id, (payload->>'version')::int AS version FROM change_log WHERE kind = 'record' AND entity_id = ANY($1::uuid[])",
      [recordIds],
    );
    const writes = [...byId.values()].filter((r) => (r.appliedFields?.length ?? 0) > 0);
    const logged = new Set(log.rows.map((r) => `${r.entity_id}@${r.version}`));
    expect(logged.size).toBe(writes.length);
    const mutationOf = new Map(all.map((m) => [m.mutationId, m]));
    for (const result of writes) expect(logged.has(`${mutationOf.get(result.mutationId)!.recordId}@${result.version}`)).toBe(true);
    const conflicts = await world.db.query<{ n: number }>('SELECT count(*)::int AS n FROM conflicts WHERE mutation_id = ANY($1::text[])', [ids]);
    expect(conflicts.rows[0]!.n).toBe([...byId.values()].filter((r) => r.conflictId).length);
  }

  const byId = (a: WireRecord, b: WireRecord) => (a.id < b.id ? -1 : 1);

  it('converges with exactly-once effects under lost, duplicated and stale deliveries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => scenario(seed)),
      { seed: 5, numRuns: Number(process.env.SOAK_RUNS) || (backend.kind === 'pglite' ? 20 : 6), endOnFailure: true },
    );
    // The scenarios did exercise the hard paths.
    const { rows } = await world.db.query<{ status: string; n: number }>("SELECT result->>'status' AS status, count(*)::int AS n FROM sync_mutations GROUP BY 1");
    const counts = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect(counts).toMatchObject({ applied: expect.any(Number), merged: expect.any(Number), conflict: expect.any(Number) });
    // And the lock was tried: changes to the signed-off month were refused.
    const refused = await world.db.query<{ n: number }>("SELECT count(*)::int AS n FROM sync_mutations WHERE result->>'code' = 'PERIOD_SIGNED_OFF'");
    expect(refused.rows[0]!.n).toBeGreaterThan(0);
  }, process.env.SOAK_RUNS ? 24 * 3_600_000 : 120_000);
});
