/**
 * Issue 14, items 3 and 4: a push stores only valid values (in records and in
 * conflicts), answers someone outside a record's scope the same whether or not
 * the record exists, and credits a field visit to the officer who writes it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isEnvelopeField, RECORD_SCHEMAS } from '../../shared/domain/index';
import { tablesReadBy } from '../../shared/domain/rules';
import { RECORD_TABLES, type RecordTable } from '../../shared/domain/tables';
import type { Database } from '../store/db';
import { testBackends } from '../store/test-backends';
import { createMutation, editMutation, LAO_A, P1, push, sampleRecord, USERS, useTestWorld } from './test-kit';

type Session = { token: string; deviceId: string };

async function conflictCount(db: Database, recordId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM conflicts WHERE record_id = $1', [recordId]);
  return rows[0]!.n;
}

async function changeLogSize(db: Database): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM change_log');
  return rows[0]!.n;
}

describe.each(testBackends)('push hardening on $kind', (backend) => {
  const world = useTestWorld(backend);
  let officer: Session;
  let colleague: Session;
  let outsider: Session;
  let admin: Session;
  beforeAll(async () => {
    officer = await world.t.login('officer');
    colleague = await world.t.login('officerA');
    outsider = await world.t.login('officer2');
    admin = await world.t.login('admin');
  });

  async function deletedVision(): Promise<Record<string, unknown>> {
    const record = sampleRecord('visions', LAO_A, P1);
    await push(world.t, officer, [createMutation('visions', record)]);
    const deleted = await push(world.t, officer, [editMutation('visions', String(record.id), 1, { deleted: { old: false, new: true } })]);
    expect(deleted.body.results[0]).toMatchObject({ status: 'applied', version: 2 });
    return record;
  }

  it('answers an edit of a record whose rules read other records, with a value of any kind in any field, never with a 500', async () => {
    // Each table whose rules read other records, its record stored where those rules find what they look for (a plan for its projects).
    const plan = sampleRecord('plans', LAO_A, P1);
    await push(world.t, officer, [createMutation('plans', plan)]);
    const ruled = RECORD_TABLES.filter((table) => tablesReadBy(table).size > 0);
    const stored = new Map<RecordTable, Record<string, unknown>>();
    for (const table of ruled) {
      const record = sampleRecord(table, LAO_A, P1, 'planId' in sampleRecord(table, LAO_A, P1) ? { planId: plan.id } : {});
      const created = await push(world.t, officer, [createMutation(table, record)]);
      expect(created.status).toBe(200);
      if (created.body.results[0]!.status !== 'rejected') stored.set(table, record);
    }
    expect(stored.size).toBeGreaterThan(3);
    const edits = fc.constantFrom(...stored.keys()).chain((table) => fc.record({
      table: fc.constant(table),
      field: fc.constantFrom(...Object.keys(RECORD_SCHEMAS[table].shape).filter((field) => !isEnvelopeField(field))),
      value: fc.anything({ maxDepth: 2 }),
    }));
    await fc.assert(fc.asyncProperty(edits, async ({ table, field, value }) => {
      const record = stored.get(table)!;
      const answer = await push(world.t, officer, [editMutation(table, String(record.id), 1, { [field]: { old: record[field] ?? null, new: value } })]);
      // 400 for a value JSON cannot carry (undefined drops the "new" key), else answered one by one: never a server error.
      expect([200, 400], JSON.stringify(answer.body)).toContain(answer.status);
    }), { numRuns: 60, seed: 18 });
  });

  it('refuses an edit of a deleted record that carries an unknown field or a value of the wrong kind, storing no conflict', async () => {
    const record = await deletedVision();
    const id = String(record.id);
    const logBefore = await changeLogSize(world.db);
    // Six megabytes of text is refused whole by the protocol's bounds; 100 kB reaches the field's own schema.
    const huge = await push(world.t, colleague, [editMutation('visions', id, 1, { vision: { old: record.vision, new: 'x'.repeat(6 * 1024 * 1024) } })]);
    expect(huge.status).toBe(400);
    const junk = 'x'.repeat(100_000);
    const unknown = await push(world.t, colleague, [editMutation('visions', id, 1, { junk: { old: null, new: junk } })]);
    expect(unknown.status).toBe(200);
    expect(unknown.body.results[0]).toMatchObject({ status: 'rejected', code: 'VALIDATION_FAILED', issues: [{ path: 'junk', code: 'field.unknown' }] });
    const wrongKind = await push(world.t, colleague, [editMutation('visions', id, 1, { vision: { old: record.vision, new: 12345 } })]);
    expect(wrongKind.body.results[0]).toMatchObject({ status: 'rejected', code: 'VALIDATION_FAILED', issues: [{ path: 'vision' }] });
    const tooLong = await push(world.t, colleague, [editMutation('visions', id, 1, { vision: { old: record.vision, new: junk } })]);
    expect(tooLong.body.results[0]).toMatchObject({ status: 'rejected', code: 'VALIDATION_FAILED', issues: [{ path: 'vision', code: 'field.tooLong' }] });
    expect(await conflictCount(world.db, id)).toBe(0);
    expect(await changeLogSize(world.db)).toBe(logBefore);
    // A valid edit of the deleted record still becomes a conflict for a person to settle.
    const valid = await push(world.t, colleague, [editMutation('visions', id, 1, { vision: { old: record.vision, new: 'วิสัยทัศน์ใหม่' } })]);
    expect(valid.body.results[0]).toMatchObject({ status: 'conflict' });
    expect(await conflictCount(world.db, id)).toBe(1);
  });

  it('refuses a field conflict whose value the schema refuses, and keeps an unverifiable base as null', async () => {
    const record = sampleRecord('visions', LAO_A, P1);
    const id = String(record.id);
    await push(world.t, officer, [createMutation('visions', record)]);
    await push(world.t, officer, [editMutation('visions', id, 1, { vision: { old: record.vision, new: 'first' } })]);
    const bad = await push(world.t, colleague, [editMutation('visions', id, 1, { vision: { old: record.vision, new: ['not', 'text'] } })]);
    expect(bad.body.results[0]).toMatchObject({ status: 'rejected', code: 'VALIDATION_FAILED' });
    expect(await conflictCount(world.db, id)).toBe(0);
    const badBase = await push(world.t, colleague, [editMutation('visions', id, 1, { vision: { old: { nested: 'x'.repeat(10_000) }, new: 'second' } })]);
    expect(badBase.body.results[0]).toMatchObject({ status: 'conflict' });
    const { rows } = await world.db.query<{ fields: unknown }>('SELECT fields FROM conflicts WHERE record_id = $1', [id]);
    expect(rows).toEqual([{ fields: { vision: { base: null, server: 'first', client: 'second' } } }]);
  });

  it('answers an officer of another province FORBIDDEN whether the record exists or not, before its table or place', async () => {
    const record = sampleRecord('visions', LAO_A, P1);
    const id = String(record.id);
    await push(world.t, officer, [createMutation('visions', record)]);
    const wrongTable = await push(world.t, outsider, [editMutation('plans', id, 1, { status: { old: null, new: 'approved' } })]);
    expect(wrongTable.body.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    const moved = await push(world.t, outsider, [editMutation('visions', id, 1, { laoId: { old: LAO_A, new: '0190c4e2-0000-7000-8000-0000000000c3' } })]);
    expect(moved.body.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    const edit = await push(world.t, outsider, [editMutation('visions', id, 1, { vision: { old: record.vision, new: 'x' } })]);
    expect(edit.body.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    // The same answer as for a record of that province the outsider cannot see.
    const absent = await push(world.t, outsider, [createMutation('visions', sampleRecord('visions', LAO_A, P1))]);
    expect(absent.body.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    // Inside the scope the precise answers remain.
    const ownWrongTable = await push(world.t, officer, [editMutation('plans', id, 1, { status: { old: null, new: 'approved' } })]);
    expect(ownWrongTable.body.results[0]).toMatchObject({ status: 'rejected', code: 'TABLE_MISMATCH' });
  });

  it("credits a field visit to the officer who writes it: another officer's name is refused, an administrator may record it", async () => {
    const visit = (officerId: string) => sampleRecord('fieldVisits', LAO_A, P1, { fiscalYear: 2569, visitedOn: '2025-12-01', officerId });
    const forged = visit(USERS.officerB.id);
    const refused = await push(world.t, officer, [createMutation('fieldVisits', forged)]);
    expect(refused.body.results[0]).toMatchObject({ status: 'rejected', code: 'VALIDATION_FAILED', issues: [{ path: 'officerId', code: 'visit.notYours' }] });
    const { rows } = await world.db.query('SELECT id FROM records WHERE id = $1', [forged.id]);
    expect(rows).toEqual([]);
    const own = visit(USERS.officer.id);
    expect((await push(world.t, officer, [createMutation('fieldVisits', own)])).body.results[0]).toMatchObject({ status: 'applied' });
    // A colleague of the same LAO may neither take the visit over nor delete it.
    const takeOver = await push(world.t, colleague, [editMutation('fieldVisits', String(own.id), 1, { officerId: { old: USERS.officer.id, new: USERS.officerA.id } })]);
    expect(takeOver.body.results[0]).toMatchObject({ status: 'rejected', code: 'VALIDATION_FAILED' });
    const remove = await push(world.t, colleague, [editMutation('fieldVisits', String(own.id), 1, { deleted: { old: false, new: true } })]);
    expect(remove.body.results[0]).toMatchObject({ status: 'rejected', code: 'VALIDATION_FAILED' });
    const recorded = await push(world.t, admin, [createMutation('fieldVisits', visit(USERS.officerB.id))]);
    expect(recorded.body.results[0]).toMatchObject({ status: 'applied' });
  });
});
