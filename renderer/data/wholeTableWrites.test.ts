import 'fake-indexeddb/auto';
import Dexie, { liveQuery, type ObservabilitySet } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { isRecordTable, RECORD_TABLES } from '../../shared/domain/tables';
import { openLocalDb, type EplanDb } from './db';
import { LAO_WRITES } from './laoWriteLog';
import { announceWritesWhole } from './wholeTableWrites';

const TABLE = RECORD_TABLES[0];
let name: string;
let window: EplanDb;
let worker: EplanDb;
let heard: ObservabilitySet[];
const listen = (parts: ObservabilitySet) => void heard.push(parts);

beforeEach(async () => {
  name = `whole-writes-${uuidv7()}`;
  window = openLocalDb(name);
  worker = openLocalDb(name);
  announceWritesWhole(worker, (table) => isRecordTable(table) || table === LAO_WRITES);
  await Promise.all([window.open(), worker.open()]);
  heard = [];
  Dexie.on('storagemutated', listen);
});

afterEach(async () => {
  Dexie.on.storagemutated.unsubscribe(listen);
  window.close();
  worker.close();
  await Dexie.delete(name);
});

/** The part of one table's index as the last write announced it. */
const part = (table: string, index = '') => heard.at(-1)?.[`idb://${name}/${table}/${index}`] as { from?: unknown; to?: unknown; l?: unknown; r?: unknown } | undefined;
const isWhole = (range: ReturnType<typeof part>) => range !== undefined && range.from === -Infinity && Array.isArray(range.to) && !range.l && !range.r;

describe('a connection that announces its writes whole', () => {
  it('announces a one-row record write and the write log row it brings as their whole tables, every index, where Dexie names the keys', async () => {
    const record = () => ({ id: uuidv7(), laoId: 'lao-1', fiscalYear: 2570, updatedAt: '2026-11-25T03:00:00.000Z' });
    const first = record();
    await window.table(TABLE).put(first);
    expect(part(TABLE)?.from).toBe(first.id);
    expect(isWhole(part(LAO_WRITES))).toBe(false);

    const indexes = worker.table(TABLE).schema.indexes.map((index) => index.name);
    expect(indexes.length).toBeGreaterThan(0);
    await worker.table(TABLE).put(record());
    for (const index of ['', ':dels', ...indexes]) expect(isWhole(part(TABLE, index)), `${TABLE} ${index}`).toBe(true);
    expect(await worker.laoWrites.count()).toBe(2);
    expect(isWhole(part(LAO_WRITES))).toBe(true);
  });

  it('announces the other tables key by key, as Dexie does: screens read single keys of meta', async () => {
    await worker.meta.put({ key: 'progress', value: 1 });
    expect(part('meta')?.from).toBe('progress');
    expect(isWhole(part('meta'))).toBe(false);
  });

  it('a write that fails announces nothing', async () => {
    await expect(
      worker.transaction('rw', worker.meta, async () => {
        await worker.meta.put({ key: 'kept-out', value: 1 });
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(heard).toEqual([]);
    expect(await window.meta.get('kept-out')).toBeUndefined();
  });

  it('another connection\'s live query sees the write', async () => {
    const seen: unknown[] = [];
    const subscription = liveQuery(() => window.meta.get('watched')).subscribe((row) => seen.push(row?.value));
    try {
      await expect.poll(() => seen).toEqual([undefined]);
      await worker.meta.put({ key: 'watched', value: 'from the worker' });
      await expect.poll(() => seen).toEqual([undefined, 'from the worker']);
    } finally {
      subscription.unsubscribe();
    }
  });
});
