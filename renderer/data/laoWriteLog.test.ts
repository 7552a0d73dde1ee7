import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { generateDemoProvince } from '../../shared/demo/generate';
import { openLocalDb, type EplanDb, type StoredRecord } from './db';
import { loadDemoDataset } from './demo';
import { ALL_LAOS, laoWritesSince } from './laoWriteLog';
import { deleteRecord, saveRecord } from './records';

const ASOF = '2026-11-25';
const FY = 2570;
const dataset = generateDemoProvince({ seed: 11, laoCount: 6, fiscalYears: [FY], asOf: ASOF, recordScale: 0.1 });
const officer = { userId: dataset.users.find((u) => u.role === 'officer')!.id, now: () => new Date('2026-11-25T03:00:00Z') };
let db: EplanDb;

beforeEach(async () => {
  db = openLocalDb(`lao-writes-${uuidv7()}`);
  await loadDemoDataset(db, dataset);
  await db.laoWrites.clear();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const logged = async () => (await db.laoWrites.toArray()).map((row) => row.laoId);

describe('the LAOs each write touched, logged in its own transaction', () => {
  it('a save through the app logs its LAO', async () => {
    const lao = dataset.laos[2]!;
    const saved = await saveRecord(db, 'antiDrugActivities', {
      laoId: lao.id, provinceCode: lao.provinceCode, fiscalYear: FY, heldOn: '2026-11-20', kind: 'campaign',
      name: 'เดินรณรงค์', budget: 100_000, participants: 50, result: null, enteredOnBehalf: true,
    }, officer);
    expect(saved.ok).toBe(true);
    expect(await logged()).toEqual([lao.id]);
  });

  it('a page of rows logs each LAO once; a hard delete logs the LAOs of the rows it removed', async () => {
    const grants = (await db.grants.toArray()).slice(0, 40);
    const laos = [...new Set(grants.map((row) => row.laoId))];
    expect(laos.length).toBeGreaterThan(1);
    await db.grants.bulkPut(grants.map((row) => ({ ...row, updatedAt: '2001-01-01T00:00:00.000Z' })));
    expect((await logged()).sort()).toEqual([...laos].sort());
    await db.laoWrites.clear();
    await db.grants.bulkDelete([grants[0]!.id, 'no-such-id']);
    expect(await logged()).toEqual([grants[0]!.laoId]);
  });

  it('a soft delete and a modify through a collection are logged too', async () => {
    const item = (await db.ordinanceItems.toCollection().first())!;
    expect((await deleteRecord(db, 'ordinanceItems', item.id, officer)).ok).toBe(true);
    expect(await logged()).toEqual([item.laoId]);
    await db.laoWrites.clear();
    const lao = dataset.laos[4]!;
    const modified = await db.plans.where('laoId').equals(lao.id).modify({ deleted: true });
    expect(modified).toBeGreaterThan(0);
    expect(await logged()).toEqual([lao.id]);
  });

  it('a cleared table, or a row without an LAO, logs every LAO', async () => {
    await db.visions.clear();
    expect(await logged()).toEqual([ALL_LAOS]);
    await db.laoWrites.clear();
    const row = (await db.plans.toCollection().first())!;
    await db.plans.put({ ...row, laoId: undefined } as unknown as StoredRecord);
    expect(await logged()).toEqual([ALL_LAOS]);
  });

  it('a transaction naming only a record table still writes the log, and one that fails leaves neither row nor log', async () => {
    const row = (await db.plans.toCollection().first())!;
    await db.transaction('rw', db.plans, async () => {
      await db.plans.put({ ...row, deleted: true });
    });
    expect(await logged()).toEqual([row.laoId]);
    await db.laoWrites.clear();
    await expect(db.transaction('rw', db.plans, db.grants, async () => {
      await db.plans.put({ ...row, deleted: false });
      throw new Error('the page failed half way');
    })).rejects.toThrow('half way');
    expect((await db.plans.get(row.id))!.deleted).toBe(true);
    expect(await logged()).toEqual([]);
  });

  it('writes to other tables, and reads, log nothing', async () => {
    await db.meta.put({ key: 'unrelated', value: 1 });
    await db.laos.put({ ...dataset.laos[0]! });
    await db.transaction('rw', db.plans, db.meta, async () => {
      await db.plans.toArray();
      await db.meta.put({ key: 'other', value: 2 });
    });
    expect(await logged()).toEqual([]);
  });

  it('numbers the rows in commit order, across connections to the database', async () => {
    const other = openLocalDb(db.name);
    try {
      const [a, b] = [dataset.laos[0]!, dataset.laos[1]!];
      const rowOf = async (laoId: string) => (await db.plans.where('laoId').equals(laoId).first())!;
      await db.plans.put({ ...(await rowOf(a.id)), deleted: true });
      await other.table('plans').put({ ...(await rowOf(b.id)), deleted: true });
      await db.plans.put({ ...(await rowOf(a.id)), deleted: false });
      const rows = await db.laoWrites.toArray();
      expect(rows.map((row) => row.laoId)).toEqual([a.id, b.id, a.id]);
      expect(rows.map((row) => row.seq)).toEqual([...rows.map((row) => row.seq)].sort((x, y) => x! - y!));
    } finally {
      other.close();
    }
  });

  it('names the table each row was written to, so a reader can tell which tables of an LAO changed', async () => {
    const [a, b] = [dataset.laos[0]!, dataset.laos[1]!];
    const first = async (table: 'plans' | 'grants', laoId: string) => (await db.table<StoredRecord, string>(table).where('laoId').equals(laoId).first())!;
    await db.transaction('rw', db.plans, db.grants, async () => {
      await db.plans.put({ ...(await first('plans', a.id)), deleted: true });
      await db.grants.put({ ...(await first('grants', a.id)), deleted: true });
    });
    await db.plans.put({ ...(await first('plans', b.id)), deleted: true });
    expect((await db.laoWrites.toArray()).map(({ laoId, table }) => [laoId, table])).toEqual([[a.id, 'plans'], [a.id, 'grants'], [b.id, 'plans']]);
    const since = await laoWritesSince(db, 0);
    expect(since.tables).toEqual(new Map([[a.id, new Set(['plans', 'grants'])], [b.id, new Set(['plans'])]]));
    // A row an older build logged names no table (or a hostile one): that LAO counts as written everywhere.
    await db.laoWrites.bulkAdd([{ laoId: b.id }, { laoId: a.id, table: 'notATable' as never }]);
    expect((await laoWritesSince(db, 0)).tables).toEqual(new Map([[a.id, 'all'], [b.id, 'all']]));
  });
});
