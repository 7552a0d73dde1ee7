import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import fc from 'fast-check';
import { defaultTemplate, type CalendarTemplate, type MissingItem } from '../../shared/calendar/index';
import type { LaoTaskResults } from '../../shared/calendar/completionCache';
import { generateDemoProvince, type DemoDataset } from '../../shared/demo/generate';
import { openLocalDb, type EplanDb, type StoredRecord } from './db';
import { loadDemoDataset } from './demo';
import { ProvinceCompletion, type CompletionSnapshot } from './completion';
import { calendarKey, templateFingerprint, writeChunks } from './completionStore';
import { saveRecord } from './records';
import { statusesAlone, withMissingItems } from './completionShown';

/** The engine's results as the checklist shows them, missing items kept apart read as a panel does. */
const shown = (engine: ProvinceCompletion) => withMissingItems(engine.snapshot().results, (laoId, taskId) => engine.missingItems(laoId, taskId));

const ASOF = '2026-11-25';
const NEXT_DAY = '2027-01-12';
const FY = 2570;
const small = generateDemoProvince({ seed: 7, laoCount: 12, fiscalYears: [2569, 2570], asOf: ASOF, recordScale: 0.1 });
const officer = { userId: small.users.find((u) => u.role === 'officer')!.id, now: () => new Date('2026-11-25T03:00:00Z') };
let db: EplanDb;

async function openWith(dataset: DemoDataset) {
  db = openLocalDb(`completion-store-${uuidv7()}`);
  await loadDemoDataset(db, dataset);
}

beforeEach(() => openWith(small));
afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

/** A new engine on the same database: what a restart of the app does. */
function restart(asOf = ASOF, template?: CalendarTemplate) {
  return new ProvinceCompletion(db, FY, asOf, template);
}

/** Results computed from the records alone, with no stored state to lean on. */
async function fromScratch(asOf = ASOF) {
  await db.completionState.clear();
  const fresh = new ProvinceCompletion(db, FY, asOf);
  expect((await fresh.refresh()).mode).toBe('cold');
  return fresh.snapshot().results;
}

function published(engine: ProvinceCompletion) {
  const seen: Array<CompletionSnapshot & { evaluationsThen: number }> = [];
  engine.subscribe(() => seen.push({ ...engine.snapshot(), evaluationsThen: engine.evaluations }));
  return seen;
}

async function firstSession() {
  const engine = restart();
  expect((await engine.refresh()).mode).toBe('cold');
  return engine.snapshot().results;
}

describe('stored completion results across restarts', () => {
  it('a completed cold pass is stored before refresh() resolves', async () => {
    await firstSession();
    const row = await db.completionState.get(FY);
    expect(row).toMatchObject({ fiscalYear: FY, asOf: ASOF, template: templateFingerprint(defaultTemplate(FY)) });
    // The place in the write log the results account for: the demo load's rows, all but the last pruned.
    const last = await db.laoWrites.toArray();
    expect(last).toEqual([{ seq: row!.drained, laoId: expect.any(String), table: expect.any(String) }]);
    expect(await db.completionResults.count()).toBe(12);
  });

  it('a restarted engine shows its stored results at once, as catching up, and evaluates no LAO when nothing changed', async () => {
    const before = await firstSession();
    const engine = restart();
    const seen = published(engine);
    const report = await engine.refresh();
    expect(report).toEqual({ mode: 'incremental', reread: 0, partly: 0, recomputed: [] });
    expect(engine.evaluations).toBe(0);
    // Stale until the pass has compared the records: a download may have landed since they were stored.
    expect(seen[0]).toMatchObject({ ready: true, stale: true, catchingUp: true, progress: 1, evaluationsThen: 0 });
    expect(engine.snapshot()).toMatchObject({ ready: true, stale: false, catchingUp: false });
    expect(await shown(engine)).toEqual(before);
  });

  it('an edit made between sessions re-evaluates only its LAO', async () => {
    await firstSession();
    const lao = small.laos[3]!;
    const saved = await saveRecord(db, 'antiDrugActivities', {
      laoId: lao.id, provinceCode: lao.provinceCode, fiscalYear: FY, heldOn: '2026-11-20', kind: 'campaign',
      name: 'เดินรณรงค์', budget: 100_000, participants: 50, result: null, enteredOnBehalf: true,
    }, officer);
    expect(saved.ok).toBe(true);
    const engine = restart();
    const seen = published(engine);
    const report = await engine.refresh();
    expect(report.mode).toBe('incremental');
    expect(report.recomputed).toEqual([lao.id]);
    expect(engine.evaluations).toBe(1);
    // The stored results (without the edit) were never published as current: only the caught-up ones are.
    expect(seen.filter((snapshot) => !snapshot.stale).map((snapshot) => snapshot.evaluationsThen)).toEqual([1]);
    expect(await shown(engine)).toEqual(await fromScratch());
  });

  it('a record hard-deleted between sessions re-evaluates its LAO, the stored results shown meanwhile', async () => {
    await firstSession();
    const victim = (await db.grants.toCollection().first()) as StoredRecord;
    await db.grants.delete(victim.id);
    const engine = restart();
    const seen = published(engine);
    const report = await engine.refresh();
    // Only its grants (and the tables of the tasks that read grants) are read, the stored lists of its other tasks with them.
    expect(report).toEqual({ mode: 'incremental', reread: 1, partly: 1, recomputed: [victim.laoId] });
    expect(seen.every((snapshot) => snapshot.ready)).toBe(true);
    expect(await shown(engine)).toEqual(await fromScratch());
  });

  it('results of another day are shown as stale, then every LAO is evaluated for the new day', async () => {
    const yesterday = await firstSession();
    const engine = restart(NEXT_DAY);
    const seen = published(engine);
    const report = await engine.refresh();
    expect(report.mode).toBe('newDay');
    expect(engine.evaluations).toBe(12);
    expect(seen[0]).toMatchObject({ ready: true, stale: true, evaluationsThen: 0 });
    expect(statusesAlone(seen[0]!.results)).toEqual(statusesAlone(yesterday));
    expect(engine.snapshot()).toMatchObject({ ready: true, stale: false, progress: 1 });
    const today = engine.snapshot().results;
    expect(today).not.toEqual(yesterday);
    expect((await db.completionState.get(FY))?.asOf).toBe(NEXT_DAY);
    expect(today).toEqual(await fromScratch(NEXT_DAY));
  });

  it('an edit within a session is stored too, so the next start evaluates nothing', async () => {
    const engine = restart();
    await engine.refresh();
    const item = (await db.ordinanceItems.toCollection().first()) as StoredRecord;
    await db.ordinanceItems.put({ ...item, version: item.version + 1, updatedAt: '2026-11-25T04:00:00.000Z' });
    expect((await engine.refresh()).recomputed).toEqual([item.laoId]);
    // A second edit, stored apart: the log is pruned past the rows of the LAOs this session did not touch.
    const other = (await db.ordinanceItems.where('laoId').notEqual(item.laoId).first()) as StoredRecord;
    await db.ordinanceItems.put({ ...other, version: other.version + 1, updatedAt: '2026-11-25T04:00:00.000Z' });
    expect((await engine.refresh()).recomputed).toEqual([other.laoId]);
    const next = restart();
    expect(await next.refresh()).toEqual({ mode: 'incremental', reread: 0, partly: 0, recomputed: [] });
    expect(next.evaluations).toBe(0);
    expect(await shown(next)).toEqual(await shown(engine));
  });

  it('an LAO removed from the device between sessions leaves the results through a reread', async () => {
    await firstSession();
    const gone = small.laos[5]!.id;
    await db.laos.delete(gone);
    const engine = restart();
    const report = await engine.refresh();
    expect(report.mode).toBe('reread');
    expect(engine.evaluations).toBe(0);
    expect(engine.snapshot().results.has(gone)).toBe(false);
    expect(await db.completionResults.count()).toBe(11);
    expect(await shown(engine)).toEqual(await fromScratch());
  });

  it('results of another app build with the same rules are shown as stale and evaluated again', async () => {
    const before = await firstSession();
    const row = (await db.completionState.get(FY))!;
    await db.completionState.put({ ...row, rules: row.rules.replace(/[^|]*$/, '0.0.1') });
    const engine = restart();
    const seen = published(engine);
    expect((await engine.refresh()).mode).toBe('newDay');
    expect(seen[0]).toMatchObject({ ready: true, stale: true });
    expect(engine.evaluations).toBe(12);
    expect(await shown(engine)).toEqual(before);
  });

  it('results stored under older rules are never shown, not even as stale: a task not yet due was "in progress" then', async () => {
    const current = await firstSession();
    // What a build before the status not_yet_due stored: `format|app version`, and in November the Q2 task in progress.
    const row = (await db.completionState.get(FY))!;
    await db.completionState.put({ ...row, rules: '1|0.1.0' });
    const laoId = small.laos[0]!.id;
    const stored = (await db.completionResults.get([FY, laoId]))!;
    expect(stored.results['q2-progress']!.status).toBe('not_yet_due');
    await db.completionResults.put({ ...stored, results: { ...stored.results, 'q2-progress': { ...stored.results['q2-progress']!, status: 'in_progress' } } });
    const engine = restart();
    const seen = published(engine);
    expect((await engine.refresh()).mode).toBe('cold');
    expect(seen.slice(0, -1).every((snapshot) => !snapshot.ready && !snapshot.stale)).toBe(true);
    expect(seen.every((snapshot) => snapshot.results.get(laoId)?.['q2-progress']?.status !== 'in_progress')).toBe(true);
    expect(engine.snapshot().results).toEqual(current);
    expect((await db.completionState.get(FY))?.rules).not.toBe('1|0.1.0');
  });

  it('each fiscal year keeps its own state: replacing one leaves the other', async () => {
    await new ProvinceCompletion(db, FY - 1, ASOF).refresh();
    await firstSession();
    const row = (await db.completionState.get(FY))!;
    await db.completionState.put({ ...row, asOf: '2026-11-24' });
    await restart().refresh();
    const previousYear = new ProvinceCompletion(db, FY - 1, ASOF);
    await previousYear.refresh();
    expect(previousYear.evaluations).toBe(0);
    expect(await db.completionResults.count()).toBe(24);
  });

  it('a state stored before the write log is shown at once, then every LAO is read again; the next start reads none', async () => {
    const before = await firstSession();
    const { drained: _drained, ...header } = (await db.completionState.get(FY))!;
    await db.completionState.put({ ...header, marks: { plans: { count: 1, latest: '' } } } as never);
    const engine = restart();
    const seen = published(engine);
    const report = await engine.refresh();
    expect(report.mode).toBe('reread');
    expect(report.reread).toBe(12);
    expect(seen[0]).toMatchObject({ ready: true, stale: true, catchingUp: true, evaluationsThen: 0 });
    expect(await shown(engine)).toEqual(before);
    const next = restart();
    expect(await next.refresh()).toEqual({ mode: 'incremental', reread: 0, partly: 0, recomputed: [] });
  });

  it('the log keeps what another year\'s stored state still needs; a year left too far behind reads every LAO again', async () => {
    await new ProvinceCompletion(db, FY - 1, ASOF).refresh();
    const lao = small.laos[3]!;
    const saved = await saveRecord(db, 'antiDrugActivities', {
      laoId: lao.id, provinceCode: lao.provinceCode, fiscalYear: FY - 1, heldOn: '2025-11-20', kind: 'campaign',
      name: 'เดินรณรงค์', budget: 100_000, participants: 50, result: null, enteredOnBehalf: true,
    }, officer);
    expect(saved.ok).toBe(true);
    // This year's pass stores its state and prunes the log, but not the edit the other year has not read.
    await firstSession();
    const previousYear = new ProvinceCompletion(db, FY - 1, ASOF);
    expect(await previousYear.refresh()).toMatchObject({ mode: 'incremental', reread: 1, recomputed: [lao.id] });
    // Much written since (more than the log keeps behind a stored state), all read by this year's engine.
    await db.laoWrites.bulkAdd(Array.from({ length: 20_001 }, () => ({ laoId: small.laos[0]!.id })));
    expect((await restart().refresh()).mode).toBe('incremental');
    expect(await db.laoWrites.count()).toBeLessThanOrEqual(20_001);
    const leftBehind = new ProvinceCompletion(db, FY - 1, ASOF);
    const seen = published(leftBehind);
    const report = await leftBehind.refresh();
    expect(report.mode).toBe('reread');
    expect(seen[0]).toMatchObject({ ready: true, stale: true, catchingUp: true, evaluationsThen: 0 });
  });

  it('results of another calendar are never reused', async () => {
    await firstSession();
    const base = defaultTemplate(FY);
    const changed: CalendarTemplate = { ...base, tasks: base.tasks.map((task) => (task.rule.kind === 'grantsCurrent' ? { ...task, rule: { kind: 'grantsCurrent', staleAfterDays: 10 } } : task)) };
    expect(templateFingerprint(changed)).not.toBe(templateFingerprint(base));
    const engine = restart(ASOF, changed);
    const seen = published(engine);
    const report = await engine.refresh();
    expect(report.mode).toBe('cold');
    expect(engine.evaluations).toBe(12);
    expect(seen.at(-1)).toMatchObject({ ready: true, stale: false });
    expect(seen.slice(0, -1).every((snapshot) => !snapshot.ready)).toBe(true);
    expect((await db.completionState.get(FY))?.template).toBe(templateFingerprint(changed));
  });

  it('a new calendar version that only rewords its tasks keeps the stored results and shows its own words', async () => {
    await firstSession();
    const base = defaultTemplate(FY);
    const reworded: CalendarTemplate = { ...base, tasks: base.tasks.map((task) => ({ ...task, label: { th: `${task.label.th} (ฉบับใหม่)`, en: task.label.en } })) };
    const engine = restart(ASOF, reworded);
    const report = await engine.refresh();
    expect(report.mode).toBe('incremental');
    expect(engine.evaluations).toBe(0);
    expect(engine.snapshot().template.tasks[0]!.label.th).toMatch(/\(ฉบับใหม่\)$/);
  });
});

describe('missing items stored apart from the statuses', () => {
  /** An LAO and a task whose stored result lists missing items. */
  function withMissing(results: ReadonlyMap<string, LaoTaskResults>): { laoId: string; taskId: string; missing: MissingItem[] } {
    for (const [laoId, tasks] of results) {
      for (const [taskId, result] of Object.entries(tasks)) if (result.missing.length > 1) return { laoId, taskId, missing: result.missing };
    }
    throw new Error('no result lists missing items');
  }

  it('a start reads the statuses alone; a panel reads its LAO\'s list, of the same stamp', async () => {
    const before = await firstSession();
    const rows = await db.completionResults.toArray();
    expect(rows).toHaveLength(12);
    for (const row of rows) for (const result of Object.values(row.results)) expect(result).toMatchObject({ missing: [], missingApart: true });
    const lists = await db.completionMissing.toArray();
    expect(lists.map((row) => [row.laoId, row.stamp]).sort()).toEqual(rows.map((row) => [row.laoId, row.stamp]).sort());
    // The statuses are a small part of what was stored.
    expect(JSON.stringify(rows).length * 2).toBeLessThan(JSON.stringify(lists).length);

    const read = vi.spyOn(db.completionMissing, 'get');
    const engine = restart();
    await engine.refresh();
    expect(engine.evaluations).toBe(0);
    expect(read).not.toHaveBeenCalled();
    const { laoId, taskId, missing } = withMissing(before);
    expect(engine.snapshot().results.get(laoId)![taskId]).toMatchObject({ missing: [], missingApart: true });
    expect(await engine.missingItems(laoId, taskId)).toEqual(missing);
    expect(read).toHaveBeenCalledTimes(1);
    expect(engine.evaluations).toBe(0);
  });

  it('a list of other records, or none, is never shown: the LAO is evaluated for the panel instead', async () => {
    const before = await firstSession();
    const { laoId, taskId, missing } = withMissing(before);
    const engine = restart();
    await engine.refresh();
    await db.completionMissing.update([FY, laoId], { stamp: 'of other records', missing: { [taskId]: [{ code: 'vision.missing', params: { fy: 1 } }] } });
    expect(await engine.missingItems(laoId, taskId)).toEqual(missing);
    await db.completionMissing.delete([FY, laoId]);
    expect(await engine.missingItems(laoId, taskId)).toEqual(missing);
    await db.completionMissing.put({ fiscalYear: FY, laoId, stamp: (await db.completionResults.get([FY, laoId]))!.stamp, missing: { [taskId]: 'not a list' } as never });
    expect(await engine.missingItems(laoId, taskId)).toEqual(missing);
  });

  it('an edit after a restart stores its LAO\'s new list, and a full store keeps the lists of LAOs not evaluated again', async () => {
    await firstSession();
    const lao = small.laos[3]!;
    const engine = restart();
    await engine.refresh();
    const saved = await saveRecord(db, 'antiDrugActivities', {
      laoId: lao.id, provinceCode: lao.provinceCode, fiscalYear: FY, heldOn: '2026-11-20', kind: 'campaign',
      name: 'เดินรณรงค์', budget: 100_000, participants: 50, result: null, enteredOnBehalf: true,
    }, officer);
    expect(saved.ok).toBe(true);
    await engine.refresh();
    const stampOf = async (laoId: string) => [(await db.completionResults.get([FY, laoId]))!.stamp, (await db.completionMissing.get([FY, laoId]))?.stamp];
    for (const { id } of small.laos) {
      const [results, lists] = await stampOf(id);
      expect(lists, id).toBe(results);
    }
    // A cleared table between sessions: the next start rereads and stores every LAO at once.
    await db.grants.clear();
    const next = restart();
    expect((await next.refresh()).mode).toBe('reread');
    for (const { id } of small.laos) {
      const [results, lists] = await stampOf(id);
      expect(lists, id).toBe(results);
    }
    const third = restart();
    await third.refresh();
    expect(third.evaluations).toBe(0);
    expect(await shown(third)).toEqual(await fromScratch());
  });

  it('results stored before the lists were kept apart (inline) are read as they are', async () => {
    const before = await firstSession();
    // The format of schema 5: each result with its list, no row of lists.
    await db.completionResults.bulkPut([...before].map(([laoId, results]) => ({ fiscalYear: FY, laoId, stamp: '', results })));
    for (const row of await db.completionResults.toArray()) {
      const stored = (await db.completionMissing.get([FY, row.laoId]))!;
      await db.completionResults.put({ ...row, stamp: stored.stamp });
    }
    await db.completionMissing.clear();
    const engine = restart();
    await engine.refresh();
    expect(engine.evaluations).toBe(0);
    expect(engine.snapshot().results).toEqual(before);
  });
});

describe('a stale pass over a larger province', () => {
  const larger = generateDemoProvince({ seed: 11, laoCount: 50, fiscalYears: [2570], asOf: ASOF, recordScale: 0.02 });

  it('reports progress in chunks while the stored results stay on screen', async () => {
    db.close();
    await db.delete();
    await openWith(larger);
    const first = restart();
    await first.refresh();
    const yesterday = first.snapshot().results;
    const engine = restart(NEXT_DAY);
    const seen = published(engine);
    await engine.refresh();
    const during = seen.filter((snapshot) => snapshot.stale);
    expect(during.length).toBeGreaterThan(1);
    for (const snapshot of during) {
      expect(snapshot.ready).toBe(true);
      expect(snapshot.results).toBe(during[0]!.results);
    }
    expect(statusesAlone(during[0]!.results)).toEqual(statusesAlone(yesterday));
    expect(during.some((snapshot) => snapshot.progress > 0 && snapshot.progress < 1)).toBe(true);
    expect(engine.snapshot()).toMatchObject({ stale: false, progress: 1 });
    expect(engine.evaluations).toBe(50);
  });
});

describe('a stored state that cannot be used', () => {
  const firstResultRow = async () => (await db.completionResults.toCollection().first())!;
  const corruptions: Array<[string, () => Promise<unknown>]> = [
    ['a header of the wrong shape', () => db.completionState.put({ fiscalYear: FY, junk: true } as never)],
    ['a place in the write log that is not a whole number', async () => {
      const header = (await db.completionState.get(FY))!;
      await db.completionState.put({ ...header, drained: 1.5 });
    }],
    ['results that are a string', async () => db.completionResults.put({ ...(await firstResultRow()), results: 'garbage' as never })],
    ['a task result with an unknown status', async () => {
      const row = await firstResultRow();
      const [taskId] = Object.keys(row.results);
      await db.completionResults.put({ ...row, results: { ...row.results, [taskId!]: { status: 'bogus' } as never } });
    }],
    ['a missing item without a code', async () => {
      const row = await firstResultRow();
      const [taskId, result] = Object.entries(row.results)[0]!;
      await db.completionResults.put({ ...row, results: { ...row.results, [taskId]: { ...result, missing: [{ params: {} }] } as never } });
    }],
  ];

  it.each(corruptions)('is ignored when it has %s: a cold pass runs and stores a good state', async (_name, corrupt) => {
    const expected = await firstSession();
    await corrupt();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const engine = restart();
    const report = await engine.refresh();
    expect(report.mode).toBe('cold');
    expect(engine.snapshot().results).toEqual(expected);
    const next = restart();
    await next.refresh();
    expect(next.evaluations).toBe(0);
  });

  it('a failing read or write of the stored state never reaches the UI', async () => {
    const expected = await firstSession();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(db.completionState, 'get').mockRejectedValue(new Error('read failed'));
    vi.spyOn(db.completionState, 'put').mockRejectedValue(new Error('quota exceeded'));
    const engine = restart();
    await expect(engine.refresh()).resolves.toMatchObject({ mode: 'cold' });
    expect(engine.snapshot()).toMatchObject({ ready: true, stale: false });
    expect(engine.snapshot().results).toEqual(expected);
  });
});

describe('templateFingerprint', () => {
  it('ignores key order and changes with any rule threshold', () => {
    const base = defaultTemplate(FY);
    const shuffled: CalendarTemplate = { tasks: base.tasks.map((task) => Object.fromEntries(Object.entries(task).reverse()) as never), fiscalYear: base.fiscalYear };
    expect(templateFingerprint(shuffled)).toBe(templateFingerprint(base));
    const tuned: CalendarTemplate = { ...base, tasks: base.tasks.map((task) => (task.rule.kind === 'antiDrugCurrent' ? { ...task, rule: { kind: 'antiDrugCurrent', resultGraceDays: 8 } } : task)) };
    expect(templateFingerprint(tuned)).not.toBe(templateFingerprint(base));
    expect(templateFingerprint(defaultTemplate(FY + 1))).not.toBe(templateFingerprint(base));
  });

  it('stays the same when a calendar only rewords or reorders its tasks, and changes with a month', () => {
    const base = defaultTemplate(FY);
    const reworded: CalendarTemplate = { ...base, tasks: [...base.tasks].reverse().map((task) => ({ ...task, label: { th: `${task.label.th} (ปรับถ้อยคำ)`, en: task.label.en }, guidance: { th: 'ใหม่', en: 'new' } })) };
    expect(templateFingerprint(reworded)).toBe(templateFingerprint(base));
    expect(calendarKey(reworded)).not.toBe(calendarKey(base));
    const moved: CalendarTemplate = { ...base, tasks: base.tasks.map((task, i) => (i === 0 ? { ...task, months: [base.tasks[1]!.months[0]!] } : task)) };
    expect(templateFingerprint(moved)).not.toBe(templateFingerprint(base));
  });
});

describe('writeChunks', () => {
  const results = (items: number): LaoTaskResults => ({
    t1: { status: 'in_progress', done: 0, total: 1, missing: Array.from({ length: items }, () => ({ code: 'x' }) as MissingItem) },
  });

  it('keeps every LAO once, in order, in as few writes as hold at most 20 LAOs and 2,000 missing items each, a larger LAO alone', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 3_000 }), { maxLength: 80 }), (sizes) => {
      const laos = sizes.map((items, i) => [`lao-${i}`, { stamp: 's', results: results(items) }] as const);
      const chunks = writeChunks(laos);
      expect(chunks.flat()).toEqual(laos);
      const count = (chunk: readonly (typeof laos)[number][]) => chunk.reduce((sum, [, entry]) => sum + entry.results.t1!.missing.length, 0);
      chunks.forEach((chunk, i) => {
        expect(chunk.length).toBeGreaterThan(0);
        expect(chunk.length).toBeLessThanOrEqual(20);
        if (chunk.length > 1) expect(count(chunk)).toBeLessThanOrEqual(2_000);
        // As few writes as the limits allow: the next LAO would have broken one.
        const next = chunks[i + 1]?.[0];
        if (next) expect(chunk.length === 20 || count([...chunk, next]) > 2_000).toBe(true);
      });
    }));
  });
});
