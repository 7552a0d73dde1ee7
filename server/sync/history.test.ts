import { beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../store/test-backends';
import {
  auth, createMutation, editMutation, LAO_A, LAO_B, P1, push, sampleRecord, USERS, useTestWorld, VERSIONS, type TestUser,
} from './test-kit';

type Session = { token: string; deviceId: string };
const q = `protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`;

describe.each(testBackends)('shared history on $kind', (backend) => {
  const NOW = new Date('2027-01-15T07:30:00Z');
  const world = useTestWorld(backend, { now: () => NOW });
  const sessions = new Map<TestUser, Session>();
  const history = (user: TestUser, table: string, id: string) =>
    world.t.app.inject({ method: 'GET', url: `/v1/records/${table}/${id}/history?${q}`, headers: auth(sessions.get(user)!.token) });

  beforeAll(async () => {
    for (const user of ['officer', 'officerA', 'officerB', 'officer2', 'supervisor', 'admin'] as const) sessions.set(user, await world.t.login(user, `history-${user}`));
  });

  it('keeps one entry per accepted write: who, device, when, each changed field old → new, on behalf or not', async () => {
    const officer = sessions.get('officer')!;
    const record = sampleRecord('antiDrugActivities', LAO_A, P1, { enteredOnBehalf: true });
    const create = createMutation('antiDrugActivities', record);
    await push(world.t, officer, [create]);
    await push(world.t, sessions.get('officerA')!, [editMutation('antiDrugActivities', String(record.id), 1, { participants: { old: record.participants, new: 171 } })]);
    await push(world.t, officer, [editMutation('antiDrugActivities', String(record.id), 2, { deleted: { old: false, new: true } })]);
    await push(world.t, officer, [editMutation('antiDrugActivities', String(record.id), 3, { deleted: { old: true, new: false }, enteredOnBehalf: { old: true, new: false } })]);

    const response = await history('supervisor', 'antiDrugActivities', String(record.id));
    expect(response.statusCode).toBe(200);
    const entries = response.json().history as Array<Record<string, unknown>>;
    expect(entries.map((e) => [e.version, e.op, e.userId, e.deviceId, e.enteredOnBehalf])).toEqual([
      [4, 'restore', USERS.officer.id, officer.deviceId, false],
      [3, 'delete', USERS.officer.id, officer.deviceId, true],
      [2, 'update', USERS.officerA.id, 'history-officerA', true],
      [1, 'create', USERS.officer.id, officer.deviceId, true],
    ]);
    expect(entries[0]!.changes).toEqual({ deleted: { old: true, new: false }, enteredOnBehalf: { old: true, new: false } });
    expect(entries[2]).toMatchObject({ at: NOW.toISOString(), changes: { participants: { old: record.participants, new: 171 } } });
    expect(entries[3]!.clientTime).toBe(create.clientTime);
    // Every field of the new record, from nothing; none of the server's stamps.
    const created = entries[3]!.changes as Record<string, { old: unknown; new: unknown }>;
    expect(created.name).toEqual({ old: null, new: record.name });
    expect(Object.keys(created)).not.toContain('updatedBy');
  });

  it('sends the newest 500 versions of a record edited more often than that, and says there are older ones', async () => {
    const record = sampleRecord('antiDrugActivities', LAO_A, P1);
    await push(world.t, sessions.get('officer')!, [createMutation('antiDrugActivities', record)]);
    // Versions 2–501, as 500 edits would leave them (written straight into the table: the answer, not the pushes, is tested).
    await world.db.query(
      `INSERT INTO record_history (record_id, version, table_name, province_code, lao_id, op, user_id, device_id, mutation_id, client_time, changed_at, changes, entered_on_behalf)
       SELECT $1::uuid, v, 'antiDrugActivities', $2, $3, 'update', $4, 'history-officer', 'm-' || v, '2027-01-15T07:00:00.000Z', now(), '{"participants":{"old":1,"new":2}}'::jsonb, false
       FROM generate_series(2, 501) AS v`,
      [record.id, P1, LAO_A, USERS.officer.id],
    );
    const full = (await history('supervisor', 'antiDrugActivities', String(record.id))).json<{ history: { version: number }[]; older?: boolean }>();
    expect(full.history).toHaveLength(500);
    expect([full.history[0]!.version, full.history.at(-1)!.version, full.older]).toEqual([501, 2, true]);
    const once = sampleRecord('antiDrugActivities', LAO_A, P1);
    await push(world.t, sessions.get('officer')!, [createMutation('antiDrugActivities', once)]);
    expect((await history('supervisor', 'antiDrugActivities', String(once.id))).json()).toMatchObject({ history: [{ version: 1 }], older: false });
  });

  it('stamps the creator once, ignoring one the device sends, and keeps it through later writes', async () => {
    const record = sampleRecord('antiDrugActivities', LAO_A, P1);
    const forged = createMutation('antiDrugActivities', { ...record, createdBy: USERS.admin.id });
    await push(world.t, sessions.get('officerA')!, [forged]);
    await push(world.t, sessions.get('officer')!, [editMutation('antiDrugActivities', String(record.id), 1, { createdBy: { old: USERS.officerA.id, new: USERS.officer.id }, participants: { old: record.participants, new: 5 } })]);
    const { rows } = await world.db.query<{ data: Record<string, unknown>; updated_by: string; version: number }>('SELECT data, updated_by, version FROM records WHERE id = $1', [record.id]);
    expect(rows[0]).toMatchObject({ version: 2, updated_by: USERS.officer.id, data: { createdBy: USERS.officerA.id, participants: 5 } });
  });

  it('adds nothing for a replayed batch, a refused write or a conflict that changed no field', async () => {
    const officer = sessions.get('officer')!;
    const record = sampleRecord('visions', LAO_A, P1);
    const batch = [createMutation('visions', record)];
    await push(world.t, officer, batch);
    await push(world.t, officer, batch);
    await push(world.t, officer, [editMutation('visions', String(record.id), 1, { vision: { old: record.vision, new: 'first' } })]);
    await push(world.t, sessions.get('officerA')!, [editMutation('visions', String(record.id), 1, { vision: { old: record.vision, new: 'second' } })]);
    await push(world.t, sessions.get('supervisor')!, [editMutation('visions', String(record.id), 2, { vision: { old: 'first', new: 'supervisor' } })]);
    const entries = (await history('officer', 'visions', String(record.id))).json().history as Array<{ version: number; changes: object }>;
    expect(entries.map((e) => e.version)).toEqual([2, 1]);
    expect(entries[0]!.changes).toEqual({ vision: { old: record.vision, new: 'first' } });
  });

  it('is read like the record: its province and LAO readers only; absent, elsewhere or of another table alike 404', async () => {
    const record = sampleRecord('grants', LAO_B, P1);
    await push(world.t, sessions.get('officer')!, [createMutation('grants', record)]);
    const id = String(record.id);
    for (const user of ['officer', 'officerB', 'supervisor', 'admin'] as const) expect([user, (await history(user, 'grants', id)).statusCode]).toEqual([user, 200]);
    for (const [user, table, which] of [['officerA', 'grants', id], ['officer2', 'grants', id], ['officer', 'visions', id], ['officer', 'grants', '0190c4e2-0000-7000-8000-0000000000ff']] as const) {
      const response = await history(user, table, which);
      expect([user, table, response.statusCode, response.json()]).toEqual([user, table, 404, { code: 'NOT_FOUND', message: expect.any(String) }]);
    }
  });

  it('refuses a malformed table or id with 400 and no token with 401', async () => {
    for (const [table, id] of [['nope', '0190c4e2-0000-7000-8000-000000000001'], ['grants', 'not-a-uuid'], ['grants', "1' OR '1'='1"], ['__proto__', '1']]) {
      const response = await history('officer', table!, encodeURIComponent(id!));
      expect([table, id, response.statusCode, response.json().code]).toEqual([table, id, 400, expect.any(String)]);
    }
    const anonymous = await world.t.app.inject({ method: 'GET', url: `/v1/records/grants/0190c4e2-0000-7000-8000-000000000001/history?${q}` });
    expect(anonymous.statusCode).toBe(401);
  });
});
