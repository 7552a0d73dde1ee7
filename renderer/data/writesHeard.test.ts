import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { generateDemoProvince } from '../../shared/demo/generate';
import { openLocalDb, type EplanDb } from './db';
import { loadDemoDataset } from './demo';
import { afterWrites, writtenTable } from './writesHeard';

const dataset = generateDemoProvince({ seed: 5, laoCount: 3, fiscalYears: [2570], asOf: '2026-11-25', recordScale: 0.05 });
let db: EplanDb;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  db = openLocalDb(`writes-heard-${uuidv7()}`);
  await loadDemoDataset(db, dataset);
  await wait(50);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('writes heard from Dexie', () => {
  it('reads the database and table of a part key, and nothing from other keys', () => {
    expect(writtenTable('idb://eplan-field-companion/plans/laoId')).toEqual({ dbName: 'eplan-field-companion', table: 'plans' });
    expect(writtenTable('idb://eplan-field-companion/plans/')).toEqual({ dbName: 'eplan-field-companion', table: 'plans' });
    expect(writtenTable('plans')).toBeUndefined();
  });

  it('calls back once, after the delay, for a burst of writes to the tables named; not for other tables or databases', async () => {
    let calls = 0;
    const stop = afterWrites(db.name, new Set(['plans']), () => { calls += 1; }, 150);
    try {
      const plan = (await db.plans.toCollection().first())!;
      for (let i = 0; i < 3; i++) await db.plans.put({ ...plan, version: plan.version + i + 1 });
      await wait(20);
      expect(calls).toBe(0);
      await wait(250);
      expect(calls).toBe(1);

      await db.meta.put({ key: 'unrelated', value: 1 });
      await db.grants.put({ ...(await db.grants.toCollection().first())! });
      const other = openLocalDb(`writes-heard-other-${uuidv7()}`);
      await loadDemoDataset(other, dataset);
      other.close();
      await other.delete();
      await wait(250);
      expect(calls).toBe(1);

      // A write after the callback ran is heard again.
      await db.plans.put({ ...plan, version: plan.version + 10 });
      await wait(250);
      expect(calls).toBe(2);
    } finally {
      stop();
    }
    // Once stopped, nothing more.
    const plan = (await db.plans.toCollection().first())!;
    await db.plans.put({ ...plan, version: plan.version + 1 });
    await wait(250);
    expect(calls).toBe(2);
  });
});
