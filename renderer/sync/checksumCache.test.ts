import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { fixedClock, setClock } from '../../shared/clock';
import { generateDemoProvince } from '../../shared/demo/generate';
import type { RecordTable } from '../../shared/domain/tables';
import { openLocalDb, type EplanDb, type StoredRecord } from '../data/db';
import { loadDemoDataset } from '../data/demo';
import { KEEP_WRITES } from '../data/laoWriteLog';
import { ProvinceCompletion } from '../data/completion';
import { checksumCacheKey, localChecksum, trackedChecksum } from './checksumCache';

const ASOF = '2026-11-25';
const FY = 2570;
const dataset = generateDemoProvince({ seed: 5, laoCount: 8, fiscalYears: [FY], asOf: ASOF, recordScale: 0.1 });
const scope = dataset.laos[0]!.provinceCode;
let db: EplanDb;
let restoreClock: () => void;

beforeEach(async () => {
  restoreClock = setClock(fixedClock(`${ASOF}T10:00:00+07:00`));
  db = openLocalDb(`checksum-${uuidv7()}`);
  await loadDemoDataset(db, dataset);
});
afterEach(async () => {
  vi.restoreAllMocks();
  restoreClock();
  db.close();
  await db.delete();
});

/** Which index each record table was read through since the spy was set: 'provinceCode' is a whole-scope read. */
function readsBy(): () => Set<string> {
  const indexes = new Set<string>();
  for (const table of db.tables) {
    const where = table.where.bind(table);
    vi.spyOn(table, 'where').mockImplementation(((index: string) => {
      indexes.add(index);
      return where(index);
    }) as typeof table.where);
  }
  return () => indexes;
}

const someRow = async (table: RecordTable, laoId: string) => (await db.table<StoredRecord, string>(table).where('laoId').equals(laoId).first())!;

describe('the scope checksum kept per LAO', () => {
  it('equals the full count, and after a write reads only the LAO written', async () => {
    expect(await trackedChecksum(db, scope)).toBe(await localChecksum(db, scope));
    const lao = dataset.laos[3]!;
    const row = await someRow('plans', lao.id);
    await db.plans.put({ ...row, version: row.version + 1 });
    const indexes = readsBy();
    const tracked = await trackedChecksum(db, scope);
    expect(indexes()).toEqual(new Set(['laoId']));
    vi.restoreAllMocks();
    expect(tracked).toBe(await localChecksum(db, scope));
    // Nothing written since: no record read at all, and the kept count not written again.
    const none = readsBy();
    const metaWrites = vi.spyOn(db.meta, 'put');
    expect(await trackedChecksum(db, scope)).toBe(tracked);
    expect(none().size).toBe(0);
    expect(metaWrites).not.toHaveBeenCalled();
  });

  it('follows deletes, hard deletes and new rows, and an LAO left with no rows', async () => {
    await trackedChecksum(db, scope);
    const [a, b] = [dataset.laos[1]!, dataset.laos[2]!];
    await db.grants.put({ ...(await someRow('grants', a.id)), deleted: true });
    await db.visions.put({ ...(await someRow('visions', b.id)), id: uuidv7(), version: 1 });
    for (const table of ['plans', 'planProjects', 'visions', 'grants', 'ordinances', 'ordinanceItems', 'contracts', 'disbursements', 'quarterReports', 'fiscalStats', 'antiDrugActivities', 'fieldVisits'] as const) {
      await db.table(table).where('laoId').equals(dataset.laos[5]!.id).delete();
    }
    expect(await trackedChecksum(db, scope)).toBe(await localChecksum(db, scope));
  });

  it('counts every row again when the kept count cannot be trusted: corrupt, of another day, pruned past, or a cleared table', async () => {
    const full = async () => {
      const indexes = readsBy();
      const tracked = await trackedChecksum(db, scope);
      const readWhole = indexes().has('provinceCode');
      vi.restoreAllMocks();
      expect(tracked).toBe(await localChecksum(db, scope));
      return readWhole;
    };
    expect(await full()).toBe(true);
    await db.meta.put({ key: checksumCacheKey(scope), value: { through: 'x', byLao: { a: -1 } } });
    expect(await full()).toBe(true);
    expect(await full()).toBe(false);
    // The next day.
    restoreClock();
    restoreClock = setClock(fixedClock('2026-11-26T10:00:00+07:00'));
    expect(await full()).toBe(true);
    // A cleared table: its LAOs are not known one by one.
    await db.fieldVisits.clear();
    expect(await full()).toBe(true);
    // The log pruned past the count: more written than the log keeps behind a newer completion state.
    await db.laoWrites.bulkAdd(Array.from({ length: KEEP_WRITES + 5 }, () => ({ laoId: dataset.laos[0]!.id })));
    await new ProvinceCompletion(db, FY, ASOF).refresh();
    expect(await full()).toBe(true);
  });

  it('keeps its place in the log when the completion engine prunes it', async () => {
    await trackedChecksum(db, scope);
    const lao = dataset.laos[4]!;
    const row = await someRow('plans', lao.id);
    await db.plans.put({ ...row, version: row.version + 1 });
    const later = await someRow('plans', dataset.laos[6]!.id);
    await db.plans.put({ ...later, version: later.version + 1 });
    // The engine reads the writes and stores its state; the rows the checksum has not read stay.
    await new ProvinceCompletion(db, FY, ASOF).refresh();
    expect((await db.laoWrites.toArray()).map((entry) => entry.laoId)).toContain(lao.id);
    const indexes = readsBy();
    expect(await trackedChecksum(db, scope)).toBe((vi.restoreAllMocks(), await localChecksum(db, scope)));
    expect(indexes()).toEqual(new Set(['laoId']));
  });

  it('equals the full count after any generated run of writes and counts', async () => {
    const table = fc.constantFrom<RecordTable>('plans', 'visions', 'contracts', 'disbursements', 'grants');
    const step = fc.oneof(
      fc.record({ kind: fc.constant('version' as const), table, lao: fc.nat({ max: 7 }) }),
      fc.record({ kind: fc.constant('delete' as const), table, lao: fc.nat({ max: 7 }), hard: fc.boolean() }),
      fc.record({ kind: fc.constant('add' as const), table, lao: fc.nat({ max: 7 }), province: fc.boolean() }),
      fc.constant({ kind: 'count' as const }),
    );
    await fc.assert(fc.asyncProperty(fc.array(step, { maxLength: 10 }), async (steps) => {
      await db.meta.delete(checksumCacheKey(scope));
      await trackedChecksum(db, scope);
      for (const s of steps) {
        if (s.kind === 'count') {
          await trackedChecksum(db, scope);
          continue;
        }
        const row = await someRow(s.table, dataset.laos[s.lao]!.id);
        if (!row) continue;
        if (s.kind === 'version') await db.table(s.table).put({ ...row, version: row.version + 1 });
        else if (s.kind === 'delete' && s.hard) await db.table(s.table).delete(row.id);
        else if (s.kind === 'delete') await db.table(s.table).put({ ...row, deleted: !row.deleted });
        // A new row, of this scope or (province false) of another, which the scope's count leaves out.
        else await db.table(s.table).put({ ...row, id: uuidv7(), version: 1, provinceCode: s.province ? row.provinceCode : '00' });
      }
      expect(await trackedChecksum(db, scope)).toBe(await localChecksum(db, scope));
    }), { numRuns: 25, seed: 20261206 });
  }, 60_000);
});
