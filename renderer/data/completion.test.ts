import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import fc from 'fast-check';
import { RECORD_TABLES, type RecordTable } from '../../shared/domain/tables';
import { defaultTemplate } from '../../shared/calendar/index';
import { CompletionCache, groupByLao } from '../../shared/calendar/completionCache';
import { generateDemoProvince } from '../../shared/demo/generate';
import { openLocalDb, type EplanDb, type StoredRecord } from './db';
import { loadDemoDataset } from './demo';
import { ProvinceCompletion, provinceCompletion, type CompletionSnapshot } from './completion';
import { deleteRecord, saveRecord } from './records';
import { withMissingItems } from './completionShown';
import { META, writeMeta } from '../sync/meta';
import { recordStores } from '../sync/apply';
import { aroundQueries } from './aroundQueries.testSupport';

const ASOF = '2026-11-25';
const FY = 2570;
const dataset = generateDemoProvince({ seed: 7, laoCount: 12, fiscalYears: [2569, 2570], asOf: ASOF, recordScale: 0.1 });
const officer = { userId: dataset.users.find((u) => u.role === 'officer')!.id, now: () => new Date('2026-11-25T03:00:00Z') };
let db: EplanDb;

beforeEach(async () => {
  db = openLocalDb(`completion-${uuidv7()}`);
  await loadDemoDataset(db, dataset);
});
afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

async function fullRecompute() {
  // Without the stored state, so this really reads and evaluates every LAO again.
  await db.completionState.clear();
  const fresh = new ProvinceCompletion(db, FY, ASOF);
  await fresh.refresh();
  return fresh.snapshot().results;
}

describe('incremental completion engine', () => {
  it('a cold pass evaluates every LAO once and matches a full recompute', async () => {
    const engine = new ProvinceCompletion(db, FY, ASOF);
    const report = await engine.refresh();
    expect(report.mode).toBe('cold');
    expect(engine.evaluations).toBe(12);
    expect(engine.snapshot().ready).toBe(true);
    expect(engine.snapshot().results.size).toBe(12);
    expect(engine.snapshot().results).toEqual(await fullRecompute());
  });

  it('a full pass reads LAOs by key range and gives each exactly its own records, whatever else lies between', async () => {
    // An LAO that sorts among the others is taken off the device while its records stay (a province
    // being removed, an LAO not yet downloaded): a range read over its neighbours meets its records.
    const ids = dataset.laos.map((lao) => lao.id).sort();
    const gone = ids[5]!;
    await db.laos.delete(gone);
    const engine = new ProvinceCompletion(db, FY, ASOF);
    await engine.refresh();
    const results = engine.snapshot().results;
    // Independently: every LAO evaluated from all its rows, read table by table.
    const cache = new CompletionCache(defaultTemplate(FY), { asOf: ASOF, fiscalYear: FY });
    const byLao = groupByLao(Object.fromEntries(await Promise.all(RECORD_TABLES.map(async (table) => [table, await db.table(table).toArray()]))));
    expect(byLao.has(gone)).toBe(true);
    for (const laoId of ids) if (laoId !== gone) cache.update(laoId, byLao.get(laoId) ?? {});
    expect([...results.keys()].sort()).toEqual(ids.filter((id) => id !== gone));
    expect(new Map([...results].sort())).toEqual(new Map([...cache.snapshot()].sort()));
  });

  it('with nothing written, a refresh recomputes nothing', async () => {
    const engine = new ProvinceCompletion(db, FY, ASOF);
    await engine.refresh();
    const report = await engine.refresh();
    expect(report).toEqual({ mode: 'incremental', reread: 0, partly: 0, recomputed: [] });
    expect(engine.evaluations).toBe(12);
  });

  it("changing one LAO's record recomputes only that LAO, and results equal a full recompute", async () => {
    const engine = new ProvinceCompletion(db, FY, ASOF);
    await engine.refresh();
    const before = engine.snapshot().results;
    const item = (await db.ordinanceItems.filter((row) => row.fiscalYear === FY).first()) ?? (await db.ordinanceItems.toCollection().first());
    expect(item).toBeDefined();
    const deleted = await deleteRecord(db, 'ordinanceItems', item!.id, officer);
    expect(deleted.ok).toBe(true);

    const report = await engine.refresh();
    expect(report.mode).toBe('incremental');
    expect(report.recomputed).toEqual([item!.laoId]);
    expect(engine.evaluations).toBe(13);
    const after = engine.snapshot().results;
    expect(after).toEqual(await fullRecompute());
    for (const [laoId, results] of after) if (laoId !== item!.laoId) expect(results).toBe(before.get(laoId));
  });

  it('a new record through the write path recomputes only its LAO', async () => {
    const engine = new ProvinceCompletion(db, FY, ASOF);
    await engine.refresh();
    const lao = dataset.laos[3]!;
    const saved = await saveRecord(db, 'antiDrugActivities', {
      laoId: lao.id, provinceCode: lao.provinceCode, fiscalYear: FY, heldOn: '2026-11-20', kind: 'campaign',
      name: 'เดินรณรงค์', budget: 100_000, participants: 50, result: null, enteredOnBehalf: true,
    }, officer);
    expect(saved.ok).toBe(true);
    const report = await engine.refresh();
    expect(report.recomputed).toEqual([lao.id]);
    expect(engine.snapshot().results).toEqual(await fullRecompute());
  });

  it('a hard delete is logged with the LAO of the row it removed: only that LAO is read again', async () => {
    const engine = new ProvinceCompletion(db, FY, ASOF);
    await engine.refresh();
    const victim = (await db.grants.toCollection().first()) as StoredRecord;
    await db.grants.delete(victim.id);
    const report = await engine.refresh();
    expect(report).toEqual({ mode: 'incremental', reread: 1, partly: 1, recomputed: [victim.laoId] });
    expect(engine.snapshot().results).toEqual(await fullRecompute());
  });

  it('a cleared table, whose LAOs are not known one by one, makes the next pass read every LAO again', async () => {
    const engine = new ProvinceCompletion(db, FY, ASOF);
    await engine.refresh();
    const laosWithGrants = new Set((await db.grants.toArray()).map((row) => row.laoId));
    expect(laosWithGrants.size).toBeGreaterThan(0);
    await db.grants.clear();
    const report = await engine.refresh();
    expect(report.mode).toBe('reread');
    expect(report.reread).toBe(12);
    expect(engine.snapshot().results).toEqual(await fullRecompute());
  });

  it('a failed pass keeps the last results and says so; a pass nobody waits for goes to the error log, and the next one catches up', async () => {
    const failures: unknown[] = [];
    const engine = new ProvinceCompletion(db, FY, ASOF, undefined, { onFailure: (error) => failures.push(error) });
    await engine.refresh();
    const before = engine.snapshot().results;
    const item = (await db.ordinanceItems.filter((row) => row.fiscalYear === FY).first())!;
    expect((await deleteRecord(db, 'ordinanceItems', item.id, officer)).ok).toBe(true);

    // The database goes away under the pass (the browser refused a read): a caller that waits gets the error,
    // a second call made meanwhile becomes a follow-up pass that nobody waits for.
    db.close();
    const waited = engine.refresh();
    void engine.refresh();
    await expect(waited).rejects.toThrow();
    await vi.waitFor(() => expect(failures).toHaveLength(1));
    expect(engine.snapshot()).toMatchObject({ failed: true, ready: true, results: before });

    await db.open();
    engine.snapshot().retry();
    await vi.waitFor(() => expect(engine.snapshot().failed).toBe(false));
    expect(engine.snapshot().results).toEqual(await fullRecompute());
    expect(engine.snapshot().results.get(item.laoId)).not.toBe(before.get(item.laoId));
    expect(failures).toHaveLength(1);
  });

  it('a first pass that fails is not shown as computing forever: the snapshot says it failed', async () => {
    const engine = new ProvinceCompletion(db, FY, ASOF, undefined, { onFailure: () => {} });
    db.close();
    await expect(engine.refresh()).rejects.toThrow();
    expect(engine.snapshot()).toMatchObject({ failed: true, ready: false });
    await db.open();
    await engine.refresh();
    expect(engine.snapshot()).toMatchObject({ failed: false, ready: true });
    expect(engine.snapshot().results).toEqual(await fullRecompute());
  });

  it('the results carry the pulled positions they account for: a pull stored after the pass is not in them until the next pass', async () => {
    const scope = dataset.laos[0]!.provinceCode;
    await writeMeta(db, META.cursor(scope), 5);
    const engine = new ProvinceCompletion(db, FY, ASOF);
    expect(engine.snapshot().seen).toBeUndefined();
    await engine.refresh();
    expect(engine.snapshot().seen).toEqual({ [scope]: 5 });
    // A pull: its records and its cursor in one transaction, as pullChanges stores them.
    const plan = (await db.plans.toCollection().first())!;
    await db.transaction('rw', recordStores(db), async () => {
      await db.plans.put({ ...plan, deleted: true, version: plan.version + 1 });
      await writeMeta(db, META.cursor(scope), 9);
    });
    expect(engine.snapshot().seen).toEqual({ [scope]: 5 });
    const report = await engine.refresh();
    expect(report.recomputed).toEqual([plan.laoId]);
    expect(engine.snapshot().seen).toEqual({ [scope]: 9 });
  });

  it('results published on the way through a pass (a large pull being caught up) never carry its positions', async () => {
    const scope = dataset.laos[0]!.provinceCode;
    await writeMeta(db, META.cursor(scope), 5);
    const engine = new ProvinceCompletion(db, FY, ASOF);
    await engine.refresh();
    // A pull of more rows than a pass takes quietly: the old results are shown as catching up first.
    const items = await db.ordinanceItems.limit(150).toArray();
    expect(items.length).toBe(150);
    await db.transaction('rw', recordStores(db), async () => {
      for (const item of items) await db.ordinanceItems.put({ ...item, deleted: true, version: item.version + 1 });
      await writeMeta(db, META.cursor(scope), 9);
    });
    const published: CompletionSnapshot[] = [];
    const stop = engine.subscribe(() => published.push(engine.snapshot()));
    await engine.refresh();
    stop();
    const final = engine.snapshot();
    expect(final.seen).toEqual({ [scope]: 9 });
    expect(published.some((snapshot) => snapshot.catchingUp)).toBe(true);
    for (const snapshot of published) if (snapshot.seen?.[scope] === 9) expect(snapshot.results).toEqual(final.results);
  });

  it('concurrent refreshes coalesce and end up current', async () => {
    const engine = new ProvinceCompletion(db, FY, ASOF);
    await Promise.all([engine.refresh(), engine.refresh(), engine.refresh()]);
    expect(engine.evaluations).toBe(12);
  });
});

describe('a pass on the window thread', () => {
  it('hands the thread back while it evaluates, so a click or a frame waits for one slice, not a whole chunk', async () => {
    const engine = new ProvinceCompletion(db, FY, ASOF);
    // Every reading of the clock 20 ms after the last: evaluating takes long, as a large LAO on a slow laptop does.
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 20));
    let otherTaskRan = false;
    const seen: boolean[] = [];
    const update = CompletionCache.prototype.update;
    vi.spyOn(CompletionCache.prototype, 'update').mockImplementation(function (this: CompletionCache, ...args) {
      if (seen.length === 0) setTimeout(() => { otherTaskRan = true; }, 0);
      seen.push(otherTaskRan);
      return update.apply(this, args);
    });
    await engine.refresh();
    // The twelve LAOs are one chunk, read at once: without the slices all twelve are evaluated in one task.
    expect(seen).toHaveLength(12);
    expect(seen.at(-1)).toBe(true);
    expect(engine.snapshot().results).toEqual(await fullRecompute());
  });
});

describe('an LAO read again only in the tables written', () => {
  /** The record tables each refresh reads, by name. */
  function tablesRead(): string[] {
    const names: string[] = [];
    const table = db.table.bind(db);
    vi.spyOn(db, 'table').mockImplementation((name: string) => {
      names.push(name);
      return table(name);
    });
    return names;
  }

  const planTasks = (engine: ProvinceCompletion) => engine.snapshot().template.tasks.filter((task) => task.rule.kind === 'planSubmitted').map((task) => task.id);

  it("an edit to an LAO's plans reads its plan tables only; the tasks that do not read plans keep their results", async () => {
    const engine = new ProvinceCompletion(db, FY, ASOF);
    await engine.refresh();
    const lao = dataset.laos[5]!;
    const before = engine.snapshot().results.get(lao.id)!;
    const plans = await db.plans.where('laoId').equals(lao.id).toArray();
    expect(plans.length).toBeGreaterThan(0);
    await db.plans.bulkPut(plans.map((plan) => ({ ...plan, deleted: true, version: plan.version + 1 })));
    const read = tablesRead();
    const report = await engine.refresh();
    expect(report).toEqual({ mode: 'incremental', reread: 1, partly: 1, recomputed: [lao.id] });
    expect(new Set(read)).toEqual(new Set(['visions', 'plans', 'planProjects']));
    const after = engine.snapshot().results.get(lao.id)!;
    for (const taskId of Object.keys(before)) {
      if (planTasks(engine).includes(taskId)) expect(after[taskId]).not.toEqual(before[taskId]);
      else expect(after[taskId]).toBe(before[taskId]);
    }
    expect(engine.snapshot().results).toEqual(await fullRecompute());
  });

  it('after a restart, keeps the stored missing items of the tasks not evaluated again, and stores them with the new results', async () => {
    await new ProvinceCompletion(db, FY, ASOF).refresh();
    const lao = dataset.laos[2]!;
    const plans = await db.plans.where('laoId').equals(lao.id).toArray();
    await db.plans.bulkPut(plans.map((plan) => ({ ...plan, deleted: true, version: plan.version + 1 })));
    const restarted = new ProvinceCompletion(db, FY, ASOF);
    expect(await restarted.refresh()).toEqual({ mode: 'incremental', reread: 1, partly: 1, recomputed: [lao.id] });
    const expected = await fullRecompute();
    // The LAO's results are whole again (lists and all) without reading its other tables.
    expect(Object.values(restarted.snapshot().results.get(lao.id)!).every((result) => result.missingApart === undefined)).toBe(true);
    expect(restarted.snapshot().results.get(lao.id)).toEqual(expected.get(lao.id));
    // fullRecompute cleared only the header: the rows stored by the restarted engine are still there.
    const [results, lists] = await Promise.all([db.completionResults.get([FY, lao.id]), db.completionMissing.get([FY, lao.id])]);
    expect(lists!.stamp).toBe(results!.stamp);
    expect(lists!.missing).toEqual(Object.fromEntries(Object.entries(expected.get(lao.id)!).map(([taskId, result]) => [taskId, result.missing])));
  });

  it("reads the LAO whole when its stored lists are gone, or when the log does not say which tables were written (an older build's rows)", async () => {
    await new ProvinceCompletion(db, FY, ASOF).refresh();
    const [gone, older] = [dataset.laos[1]!, dataset.laos[8]!];
    await db.completionMissing.delete([FY, gone.id]);
    const plans = await db.plans.where('laoId').equals(gone.id).toArray();
    await db.plans.bulkPut(plans.map((plan) => ({ ...plan, deleted: true, version: plan.version + 1 })));
    const restarted = new ProvinceCompletion(db, FY, ASOF);
    expect(await restarted.refresh()).toEqual({ mode: 'incremental', reread: 1, partly: 0, recomputed: [gone.id] });

    const grant = (await db.grants.where('laoId').equals(older.id).first())!;
    await db.grants.put({ ...grant, deleted: true, version: grant.version + 1 });
    const logged = (await db.laoWrites.toArray()).at(-1)!;
    expect(logged).toMatchObject({ laoId: older.id, table: 'grants' });
    await db.laoWrites.put({ seq: logged.seq, laoId: older.id });
    expect(await restarted.refresh()).toEqual({ mode: 'incremental', reread: 1, partly: 0, recomputed: [older.id] });
    expect(await withMissingItems(restarted.snapshot().results, (laoId, taskId) => restarted.missingItems(laoId, taskId))).toEqual(await fullRecompute());
  });
});

describe('the engine hears about writes from Dexie', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('tells its listeners of committed writes to record tables and the LAO list, not to other tables', async () => {
    const engine = provinceCompletion(db, FY, ASOF);
    await engine.refresh();
    let heard = 0;
    const stop = engine.subscribeWrites(() => (heard += 1));
    await db.meta.put({ key: 'unrelated', value: 1 });
    await settle();
    expect(heard).toBe(0);
    const item = (await db.ordinanceItems.toCollection().first())!;
    await deleteRecord(db, 'ordinanceItems', item.id, officer);
    await settle();
    expect(heard).toBe(1);
    stop();
    // Only the written table is looked at again, and the change is found.
    const report = await engine.refresh();
    expect(report.recomputed).toEqual([item.laoId]);
    expect(engine.snapshot().results).toEqual(await fullRecompute());
  });

  it('a row stored with an older updatedAt (a sync page) into a written table is still found', async () => {
    const engine = provinceCompletion(db, FY, ASOF);
    await engine.refresh();
    const lao = dataset.laos[3]!;
    const old = { ...(await db.plans.where('laoId').equals(lao.id).first())!, id: uuidv7(), updatedAt: '2001-01-01T00:00:00.000Z', version: 1 };
    await db.plans.put(old as StoredRecord);
    await settle();
    const report = await engine.refresh();
    expect(report).toMatchObject({ mode: 'incremental', reread: 1 });
    expect(engine.snapshot().results).toEqual(await fullRecompute());
  });

  it('an edit to an existing record stored with an older updatedAt (a pulled edit, a conflict) re-evaluates its LAO', async () => {
    const engine = provinceCompletion(db, FY, ASOF);
    await engine.refresh();
    const lao = dataset.laos[5]!;
    const plans = await db.plans.where('laoId').equals(lao.id).toArray();
    expect(plans.length).toBeGreaterThan(0);
    // Neither the count nor the newest updatedAt moves: only what Dexie says was written can tell.
    for (const plan of plans) await db.plans.put({ ...plan, deleted: true, updatedAt: '2001-01-01T00:00:00.000Z' });
    await settle();
    const report = await engine.refresh();
    expect(report.recomputed).toEqual([lao.id]);
    expect(engine.snapshot().results).toEqual(await fullRecompute());
  });

  it('after a restart, an edit made through another connection to the database (another window) re-evaluates only its LAO', async () => {
    // The stored state of an earlier start, then a new start that shows it and catches up.
    const earlier = new ProvinceCompletion(db, FY, ASOF);
    await earlier.refresh();
    const engine = provinceCompletion(db, FY, ASOF);
    expect((await engine.refresh()).mode).toBe('incremental');
    const lao = dataset.laos[7]!;
    // Another window of the app: its own connection, with the app's schema and write log.
    const other = openLocalDb(db.name);
    await other.open();
    try {
      const plans = await other.table('plans').where('laoId').equals(lao.id).toArray();
      expect(plans.length).toBeGreaterThan(0);
      const updatedAt = new Date('2026-11-25T04:00:00Z').toISOString();
      await other.table('plans').bulkPut(plans.map((plan) => ({ ...plan, deleted: true, updatedAt, version: Number(plan.version) + 1 })));
    } finally {
      other.close();
    }
    await settle();
    const report = await engine.refresh();
    expect(report).toMatchObject({ mode: 'incremental', reread: 1, recomputed: [lao.id] });
    expect(await withMissingItems(engine.snapshot().results, (laoId, taskId) => engine.missingItems(laoId, taskId))).toEqual(await fullRecompute());
  });

  it('an LAO added to the device gets results without a full pass; a removed one loses them', async () => {
    const engine = provinceCompletion(db, FY, ASOF);
    await engine.refresh();
    const added = { ...dataset.laos[0]!, id: uuidv7(), code: '9999999' };
    await db.laos.put(added);
    await settle();
    const report = await engine.refresh();
    expect(report.mode).toBe('incremental');
    expect(report.recomputed).toEqual([added.id]);
    expect(engine.snapshot().results.has(added.id)).toBe(true);
    await db.laos.delete(added.id);
    await settle();
    await engine.refresh();
    expect(engine.snapshot().results.has(added.id)).toBe(false);
  });
});

describe('engines per day', () => {
  it('a new day\'s pass asks for one table\'s records at a time; a cold pass (the first download running) asks for every table at once', async () => {
    // How many reads of record tables were waiting for the database at most, on a connection of its own.
    const watched = (name: string) => {
      const connection = openLocalDb(name);
      const seen = { waiting: 0, most: 0 };
      aroundQueries(connection, async (table, query) => {
        if (!(RECORD_TABLES as readonly string[]).includes(table)) return query();
        seen.most = Math.max(seen.most, (seen.waiting += 1));
        try {
          return await query();
        } finally {
          seen.waiting -= 1;
        }
      });
      return { connection, seen };
    };
    const cold = watched(db.name);
    const first = new ProvinceCompletion(cold.connection, FY, ASOF);
    expect((await first.refresh()).mode).toBe('cold');
    expect(cold.seen.most).toBeGreaterThan(1);
    cold.connection.close();
    const nextDay = watched(db.name);
    const engine = new ProvinceCompletion(nextDay.connection, FY, '2026-11-26');
    expect((await engine.refresh()).mode).toBe('newDay');
    expect(nextDay.seen.most).toBe(1);
    expect(engine.snapshot().results.size).toBe(12);
    nextDay.connection.close();
  });

  it('a new day lets the engines of earlier days go, and keeps other fiscal years of the same day', () => {
    const yesterday = provinceCompletion(db, FY, '2026-11-25');
    const otherYear = provinceCompletion(db, FY - 1, '2026-11-26');
    const today = provinceCompletion(db, FY, '2026-11-26');
    expect(provinceCompletion(db, FY - 1, '2026-11-26')).toBe(otherYear);
    expect(provinceCompletion(db, FY, '2026-11-26')).toBe(today);
    expect(provinceCompletion(db, FY, '2026-11-25')).not.toBe(yesterday);
  });
});

describe('writes made while no engine listened', () => {
  it('a pulled edit stored with an older updatedAt, then a restart, re-evaluates its LAO', async () => {
    const earlier = new ProvinceCompletion(db, FY, ASOF);
    await earlier.refresh();
    // No engine is told (the app was closed right after the sync wrote it): neither the count nor the newest updatedAt moves.
    const lao = dataset.laos[4]!;
    const plans = await db.plans.where('laoId').equals(lao.id).toArray();
    expect(plans.length).toBeGreaterThan(0);
    await db.plans.bulkPut(plans.map((plan) => ({ ...plan, deleted: true, updatedAt: '2001-01-01T00:00:00.000Z' })));
    const restarted = new ProvinceCompletion(db, FY, ASOF);
    const report = await restarted.refresh();
    expect(report).toMatchObject({ mode: 'incremental', reread: 1, recomputed: [lao.id] });
    expect(await withMissingItems(restarted.snapshot().results, (laoId, taskId) => restarted.missingItems(laoId, taskId))).toEqual(await fullRecompute());
  });
});

describe('the engine against generated writes, restarts and passes', () => {
  type Step =
    | { kind: 'edit'; table: RecordTable; pick: number; deleted: boolean; stamp: 'older' | 'newer' }
    | { kind: 'copy'; table: RecordTable; pick: number }
    | { kind: 'remove'; table: RecordTable; pick: number }
    | { kind: 'clear'; table: RecordTable }
    | { kind: 'refresh' }
    | { kind: 'restart' };
  const table = fc.constantFrom<RecordTable>('plans', 'planProjects', 'ordinanceItems', 'contracts', 'disbursements', 'grants', 'visions');
  const pick = fc.nat({ max: 10_000 });
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), table, pick, deleted: fc.boolean(), stamp: fc.constantFrom('older' as const, 'newer' as const) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('copy' as const), table, pick }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), table, pick }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const), table }) },
    { weight: 3, arbitrary: fc.constant({ kind: 'refresh' as const }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'restart' as const }) },
  );

  async function rowOf(t: RecordTable, n: number): Promise<StoredRecord | undefined> {
    const count = await db.table(t).count();
    return count === 0 ? undefined : db.table<StoredRecord, string>(t).offset(n % count).first();
  }

  async function apply(s: Step): Promise<void> {
    if (s.kind === 'refresh' || s.kind === 'restart') return;
    if (s.kind === 'clear') return void (await db.table(s.table).clear());
    const row = await rowOf(s.table, s.pick);
    if (!row) return;
    if (s.kind === 'remove') await db.table(s.table).delete(row.id);
    else if (s.kind === 'copy') await db.table(s.table).put({ ...row, id: uuidv7(), updatedAt: '2001-01-01T00:00:00.000Z' });
    // An edit stamped older than the table's newest (pulled, a conflict kept) or newer (a save here).
    else await db.table(s.table).put({ ...row, deleted: s.deleted, updatedAt: s.stamp === 'older' ? '2001-01-01T00:00:00.000Z' : '2026-11-25T04:00:00.000Z' });
  }

  it('always ends with the results a pass from the records alone gives', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
      db.close();
      await db.delete();
      db = openLocalDb(`completion-property-${uuidv7()}`);
      await loadDemoDataset(db, dataset);
      // Not registered with Dexie's events: only the write log tells this engine what was written.
      let engine = new ProvinceCompletion(db, FY, ASOF);
      await engine.refresh();
      for (const s of steps) {
        await apply(s);
        if (s.kind === 'restart') engine = new ProvinceCompletion(db, FY, ASOF);
        if (s.kind === 'refresh' || s.kind === 'restart') await engine.refresh();
      }
      await engine.refresh();
      const results = await withMissingItems(engine.snapshot().results, (laoId, taskId) => engine.missingItems(laoId, taskId));
      expect(results).toEqual(await fullRecompute());
    }), { numRuns: 15, seed: 20261206 });
  }, 120_000);
});
