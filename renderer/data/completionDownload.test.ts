import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { generateDemoProvince } from '../../shared/demo/generate';
import { RECORD_TABLES } from '../../shared/domain/tables';
import { openLocalDb, type EplanDb } from './db';
import { ProvinceCompletion, provinceCompletion } from './completion';

const ASOF = '2026-11-25';
const FY = 2570;
const dataset = generateDemoProvince({ seed: 9, laoCount: 12, fiscalYears: [2569, 2570], asOf: ASOF, recordScale: 0.1 });
let db: EplanDb;

beforeEach(async () => {
  db = openLocalDb(`download-${uuidv7()}`);
  await db.laos.bulkPut(dataset.laos as never[]);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('the first download after a pass over no records', () => {
  it('re-evaluates every LAO once the records have arrived', async () => {
    const engine = provinceCompletion(db, FY, ASOF);
    await engine.refresh();
    const empty = engine.snapshot().results;
    // The download: pages of records, each table in turn.
    for (const table of RECORD_TABLES) {
      const rows = dataset.records[table] as unknown as Record<string, unknown>[];
      for (let i = 0; i < rows.length; i += 500) await db.table(table).bulkPut(rows.slice(i, i + 500).map((r) => ({ ...r, version: 1, enteredOnBehalf: false })));
    }
    await new Promise((r) => setTimeout(r, 50));
    const seen: Array<{ stale: boolean; complete: number }> = [];
    const stop = engine.subscribe(() => seen.push({ stale: engine.snapshot().stale, complete: [...engine.snapshot().results.values()].filter((r) => Object.values(r).some((t) => t.status === 'complete')).length }));
    await engine.refresh();
    stop();
    // While the pass reads what the download brought, the old results are shown as catching up, not as current.
    expect(seen[0]).toEqual({ stale: true, complete: 0 });
    expect(seen.filter((s) => !s.stale).every((s) => s.complete > 0)).toBe(true);
    expect(seen.at(-1)!.stale).toBe(false);
    // The next start (the app closed right after the download was read) evaluates no LAO.
    const restarted = new ProvinceCompletion(db, FY, ASOF);
    expect(await restarted.refresh()).toEqual({ mode: 'incremental', reread: 0, partly: 0, recomputed: [] });
    expect(restarted.evaluations).toBe(0);
    await db.completionState.clear();
    const fresh = new ProvinceCompletion(db, FY, ASOF);
    await fresh.refresh();
    expect(engine.snapshot().results).toEqual(fresh.snapshot().results);
    expect(engine.snapshot().results).not.toEqual(empty);
  });
});
