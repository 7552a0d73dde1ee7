/**
 * The running per-LAO checksums of migration 012 against the checksum's
 * definition (shared/sync/checksum.ts over the live rows), whatever writes the
 * records: generated sequences of SQL writes, concurrent pushes, and rows that
 * were there before the migration.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scopeChecksum } from '../../shared/sync/checksum';
import type { Database, Queryable } from '../store/db';
import { loadMigrations, migrate } from '../store/migrate';
import { openMigrated, testBackends } from '../store/test-backends';
import { scopeChecksumOf, type ScopeView } from './pull';
import { createMutation, editMutation, LAO_A, LAO_B, LAO_C, P1, P2, pull, push, sampleRecord, seedWorld, useTestWorld } from './test-kit';

const LAOS = [
  { id: LAO_A, province: P1 },
  { id: LAO_B, province: P1 },
  { id: LAO_C, province: P2 },
];

const SCOPES: ScopeView[] = [
  { provinceCode: P1, laoIds: null },
  { provinceCode: P2, laoIds: null },
  { provinceCode: P1, laoIds: [LAO_A] },
  { provinceCode: P1, laoIds: [LAO_B] },
  { provinceCode: P1, laoIds: [LAO_A, LAO_B] },
  { provinceCode: P1, laoIds: [] },
];

/** The checksum by its definition: every live row of the scope, hashed in JavaScript. */
async function recomputed(db: Queryable, view: ScopeView): Promise<number> {
  const { rows } = await db.query<{ id: string; version: string }>(
    `SELECT id, version::text AS version FROM records WHERE province_code = $1 AND NOT deleted AND ($2::text[] IS NULL OR lao_id = ANY($2::text[]))`,
    [view.provinceCode, view.laoIds],
  );
  return scopeChecksum(rows.map((row) => ({ id: row.id, version: Number(row.version) })));
}

async function expectSumsMatch(db: Database): Promise<void> {
  for (const view of SCOPES) expect(await scopeChecksumOf(db, view), JSON.stringify(view)).toBe(await recomputed(db, view));
}

type Write =
  | { kind: 'insert'; lao: number; count: number; deleted: boolean; version: number }
  | { kind: 'bump'; pick: number; by: number }
  | { kind: 'toggleDeleted'; pick: number }
  | { kind: 'move'; pick: number; lao: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'bumpLao'; lao: number }
  | { kind: 'upsert'; pick: number; lao: number }
  | { kind: 'truncate' };

const laoIndex = fc.integer({ min: 0, max: LAOS.length - 1 });
const pick = fc.nat();
const write: fc.Arbitrary<Write> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), lao: laoIndex, count: fc.integer({ min: 1, max: 6 }), deleted: fc.boolean(), version: fc.integer({ min: 1, max: 2 ** 40 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('bump' as const), pick, by: fc.integer({ min: 1, max: 1000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('toggleDeleted' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), pick, lao: laoIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bumpLao' as const), lao: laoIndex }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('upsert' as const), pick, lao: laoIndex }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'truncate' as const }) },
);

/** One record id of those stored, chosen by `n`, or undefined when there are none. */
async function idOf(db: Queryable, n: number): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM records ORDER BY id');
  return rows.length === 0 ? undefined : rows[n % rows.length]!.id;
}

async function apply(db: Queryable, w: Write): Promise<void> {
  switch (w.kind) {
    case 'insert': {
      const lao = LAOS[w.lao]!;
      await db.query(
        `INSERT INTO records (id, table_name, lao_id, province_code, deleted, version, updated_by)
         SELECT gen_random_uuid(), 'visions', $1, $2, $3, $4, 'fc' FROM generate_series(1, $5)`,
        [lao.id, lao.province, w.deleted, w.version, w.count],
      );
      return;
    }
    case 'bumpLao':
      await db.query('UPDATE records SET version = version + 1 WHERE lao_id = $1', [LAOS[w.lao]!.id]);
      return;
    case 'truncate':
      await db.exec('TRUNCATE records CASCADE');
      return;
  }
  const id = await idOf(db, w.pick);
  if (id === undefined) return;
  if (w.kind === 'bump') await db.query('UPDATE records SET version = version + $2 WHERE id = $1', [id, w.by]);
  else if (w.kind === 'toggleDeleted') await db.query('UPDATE records SET deleted = NOT deleted, version = version + 1 WHERE id = $1', [id]);
  else if (w.kind === 'move') await db.query('UPDATE records SET lao_id = $2, province_code = $3 WHERE id = $1', [id, LAOS[w.lao]!.id, LAOS[w.lao]!.province]);
  else if (w.kind === 'remove') await db.query('DELETE FROM records WHERE id = $1', [id]);
  else {
    // As push writes: one statement inserting a new row and updating a stored one.
    const lao = LAOS[w.lao]!;
    await db.query(
      `INSERT INTO records (id, table_name, lao_id, province_code, version, updated_by)
       VALUES (gen_random_uuid(), 'plans', $2, $3, 1, 'fc'), ($1, 'visions', $2, $3, 7, 'fc')
       ON CONFLICT (id) DO UPDATE SET version = records.version + EXCLUDED.version, lao_id = EXCLUDED.lao_id, province_code = EXCLUDED.province_code`,
      [id, lao.id, lao.province],
    );
  }
}

describe.each(testBackends)('running scope checksums on $kind', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(backend);
    await seedWorld(db);
  }, 180_000);
  afterAll(async () => {
    await db?.close();
  });

  it('equal the checksum of the live rows after any sequence of writes, committed or rolled back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 12 }), fc.boolean(), async (writes, rollBackLast) => {
        await db.exec('TRUNCATE records CASCADE');
        for (const w of writes.slice(0, -1)) await apply(db, w);
        const last = writes.at(-1)!;
        if (rollBackLast) {
          const before = await Promise.all(SCOPES.map((view) => scopeChecksumOf(db, view)));
          await expect(db.transaction(async (tx) => {
            await apply(tx, last);
            throw new Error('rolled back');
          })).rejects.toThrow('rolled back');
          expect(await Promise.all(SCOPES.map((view) => scopeChecksumOf(db, view)))).toEqual(before);
        } else {
          await apply(db, last);
        }
        await expectSumsMatch(db);
      }),
      { numRuns: 30 },
    );
  }, 240_000);

  it('is zero for a scope with no live rows', async () => {
    await db.exec('TRUNCATE records CASCADE');
    await apply(db, { kind: 'insert', lao: 0, count: 3, deleted: true, version: 1 });
    for (const view of SCOPES) expect(await scopeChecksumOf(db, view)).toBe(0);
  });
});

describe.each(testBackends)('running scope checksums through push on $kind', (backend) => {
  const world = useTestWorld(backend, { now: () => new Date('2026-01-15T03:00:00Z') });

  it('stay right when two devices push to the same two LAOs at once, in opposite orders, none refused', async () => {
    const first = await world.t.login('officer');
    const second = await world.t.login('officer');
    const a = sampleRecord('antiDrugActivities', LAO_A, P1);
    const b = sampleRecord('antiDrugActivities', LAO_B, P1);
    expect((await push(world.t, first, [createMutation('antiDrugActivities', a), createMutation('antiDrugActivities', b)])).status).toBe(200);
    for (let round = 0; round < 6; round++) {
      const version = 1 + round * 2;
      const [one, two] = await Promise.all([
        push(world.t, first, [
          createMutation('antiDrugActivities', sampleRecord('antiDrugActivities', LAO_A, P1)),
          editMutation('antiDrugActivities', String(b.id), version, { participants: { old: round === 0 ? b.participants : 1000 + round * 2 - 1, new: 1000 + round * 2 } }),
        ]),
        push(world.t, second, [
          createMutation('antiDrugActivities', sampleRecord('antiDrugActivities', LAO_B, P1)),
          editMutation('antiDrugActivities', String(a.id), version, { participants: { old: round === 0 ? a.participants : 2000 + round * 2 - 1, new: 2000 + round * 2 } }),
        ]),
      ]);
      expect([one.status, two.status]).toEqual([200, 200]);
      expect([...one.body.results, ...two.body.results].map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
      // The same records edited again from the other device next round, from the version each now has.
      const [again1, again2] = await Promise.all([
        push(world.t, second, [editMutation('antiDrugActivities', String(b.id), version + 1, { participants: { old: 1000 + round * 2, new: 1000 + round * 2 + 1 } })]),
        push(world.t, first, [editMutation('antiDrugActivities', String(a.id), version + 1, { participants: { old: 2000 + round * 2, new: 2000 + round * 2 + 1 } })]),
      ]);
      expect([again1.body.results[0]?.status, again2.body.results[0]?.status]).toEqual(['applied', 'applied']);
    }
    await expectSumsMatch(world.db);
    // And the pull sends it: the checksum a laptop compares with.
    const page = await pull(world.t, first.token, P1, 0);
    expect(page.body.hasMore).toBe(false);
    expect(page.body.checksum).toBe(await recomputed(world.db, { provinceCode: P1, laoIds: null }));
  }, 120_000);

  it('leave no sum behind for an LAO whose writes were all refused', async () => {
    const officerA = await world.t.login('officerA');
    const { rows: before } = await world.db.query('SELECT * FROM lao_checksums ORDER BY province_code, lao_id');
    const refused = await push(world.t, officerA, [createMutation('antiDrugActivities', sampleRecord('antiDrugActivities', LAO_C, P2))]);
    expect(refused.body.results[0]?.status).toBe('rejected');
    const { rows: after } = await world.db.query('SELECT * FROM lao_checksums ORDER BY province_code, lao_id');
    expect(after).toEqual(before);
  });
});

describe.each(testBackends)('migration 012 on $kind', (backend) => {
  it('starts each LAO\'s sum from the rows already stored', async () => {
    const db = await backend.open();
    try {
      const all = await loadMigrations();
      await migrate(db, all.filter((m) => m.version < 12));
      await seedWorld(db);
      await apply(db, { kind: 'insert', lao: 0, count: 5, deleted: false, version: 3 });
      await apply(db, { kind: 'insert', lao: 1, count: 2, deleted: true, version: 1 });
      await apply(db, { kind: 'insert', lao: 2, count: 4, deleted: false, version: 9 });
      await migrate(db, all);
      await expectSumsMatch(db);
      expect(await scopeChecksumOf(db, { provinceCode: P1, laoIds: null })).not.toBe(0);
    } finally {
      await db.close();
    }
  }, 120_000);
});
