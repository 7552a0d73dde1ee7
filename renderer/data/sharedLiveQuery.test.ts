import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { generateDemoProvince } from '../../shared/demo/generate';
import { openLocalDb, type EplanDb } from './db';
import { loadDemoDataset } from './demo';
import { sharedLiveQuery } from './sharedLiveQuery';

const dataset = generateDemoProvince({ seed: 9, laoCount: 3, fiscalYears: [2570], asOf: '2026-11-25', recordScale: 0.05 });
let db: EplanDb;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  db = openLocalDb(`shared-live-query-${uuidv7()}`);
  await loadDemoDataset(db, dataset);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('a live query shared by its users', () => {
  it('reads once per change however many users listen, and tells each of them', async () => {
    let reads = 0;
    const shared = sharedLiveQuery(async () => {
      reads += 1;
      return (await db.laos.toArray()).map((lao) => lao.nameTh as string);
    });
    const heard = [0, 0, 0];
    const stops = heard.map((_, i) => shared.subscribe(() => { heard[i]! += 1; }));
    await wait(50);
    expect(reads).toBe(1);
    expect(shared.current().value).toHaveLength(3);
    expect(heard).toEqual([1, 1, 1]);
    const before = shared.current();

    const lao = (await db.laos.toCollection().first())!;
    await db.laos.put({ ...lao, nameTh: 'อบต.ทดสอบ' });
    await wait(50);
    expect(reads).toBe(2);
    expect(heard).toEqual([2, 2, 2]);
    expect(shared.current().value).toContain('อบต.ทดสอบ');
    // A new result is a new object (useSyncExternalStore renders on identity); between results it is the same.
    expect(shared.current()).not.toBe(before);
    expect(shared.current()).toBe(shared.current());
    for (const stop of stops) stop();
  });

  it('keeps running for a while after its last user leaves (a page change), then stops and forgets', async () => {
    let reads = 0;
    const shared = sharedLiveQuery(async () => {
      reads += 1;
      return db.laos.count();
    }, 100);
    const stop = shared.subscribe(() => {});
    await wait(50);
    stop();
    // The next page's user finds the result at once, and no second read is made for it.
    const again = shared.subscribe(() => {});
    expect(shared.current().value).toBe(3);
    await wait(50);
    expect(reads).toBe(1);
    again();
    await wait(150);
    // Stopped: nothing observes the table, so the old count is not offered as current.
    expect(shared.current().value).toBeUndefined();
    const lao = (await db.laos.toCollection().first())!;
    await db.laos.delete(lao.id as string);
    await wait(50);
    expect(reads).toBe(1);
    const late = shared.subscribe(() => {});
    await wait(50);
    expect(shared.current().value).toBe(2);
    expect(reads).toBe(2);
    late();
  });

  it('reports a failed read to its users, and starts afresh for the next user once they have left', async () => {
    let fail = true;
    const shared = sharedLiveQuery(async () => {
      if (fail) throw new Error('disk full');
      return db.laos.count();
    });
    const stop = shared.subscribe(() => {});
    await wait(50);
    expect((shared.current().failure?.error as Error).message).toBe('disk full');
    // The error boundary unmounts its users; a reload mounts them again.
    stop();
    fail = false;
    expect(shared.current().failure).toBeUndefined();
    const again = shared.subscribe(() => {});
    await wait(50);
    expect(shared.current()).toEqual({ value: 3 });
    again();
  });
});
