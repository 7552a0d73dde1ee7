import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import Dexie, { type Table } from 'dexie';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { readLaoRange } from './pagedReads';
import { aroundQueries } from './aroundQueries.testSupport';

interface Row {
  id: string;
  laoId: string;
}

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** A table of rows, and the size of every result it handed back. */
async function tableOf(rows: readonly Row[]): Promise<{ table: Table<Row, string>; results: number[] }> {
  const results: number[] = [];
  const db = new Dexie(`paged-${uuidv7()}`);
  db.version(1).stores({ rows: '&id, laoId' });
  aroundQueries(db, async (_table, query) => {
    const response = await query();
    results.push(response.result.length);
    return response;
  });
  opened.push(db);
  const table = db.table<Row, string>('rows');
  await table.bulkAdd([...rows]);
  results.length = 0;
  return { table, results };
}

const lao = (n: number) => `lao-${String(n).padStart(2, '0')}`;
const rowsOf = (counts: readonly number[]) => counts.flatMap((count, n) => Array.from({ length: count }, (_, i) => ({ id: `${lao(n)}-${uuidv7()}-${i}`, laoId: lao(n) })));

describe('readLaoRange', () => {
  it('reads what one range read reads, in the same order, and no result is larger than a page unless one LAO alone is', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 1, max: 25 }),
      fc.nat(),
      fc.nat(),
      async (counts, pageRows, a, b) => {
        const { table, results } = await tableOf(rowsOf(counts));
        const [first, last] = [a % counts.length, b % counts.length].sort((x, y) => x - y).map(lao) as [string, string];
        const expected = await table.where('laoId').between(first, last, true, true).toArray();
        results.length = 0;
        const read = await readLaoRange(table, first, last, pageRows);
        expect(read.map((row) => row.id)).toEqual(expected.map((row) => row.id));
        const largestLao = Math.max(...counts);
        for (const size of results) expect(size).toBeLessThanOrEqual(Math.max(pageRows, largestLao));
      },
    ), { numRuns: 60, seed: 20261207 });
  });

  it('pages a range of many LAOs: each result at most a page, each LAO read once or twice', async () => {
    const counts = Array.from({ length: 20 }, (_, n) => 40 + ((n * 37) % 60));
    const { table, results } = await tableOf(rowsOf(counts));
    const read = await readLaoRange(table, lao(0), lao(19), 300);
    expect(read).toHaveLength(counts.reduce((sum, n) => sum + n, 0));
    expect(Math.max(...results)).toBeLessThanOrEqual(300);
    // A cut page re-reads only the LAO it ended in: less than one LAO's records per page more than one read.
    expect(results.reduce((sum, n) => sum + n, 0)).toBeLessThan(read.length + results.length * Math.max(...counts));
    expect(results.length).toBeGreaterThan(read.length / 300);
  });

  it('reads an LAO with more records than a page alone, whole, and goes on past it', async () => {
    const { table, results } = await tableOf(rowsOf([3, 50, 4]));
    const read = await readLaoRange(table, lao(0), lao(2), 10);
    expect(read.map((row) => row.laoId)).toEqual([...Array(3).fill(lao(0)), ...Array(50).fill(lao(1)), ...Array(4).fill(lao(2))]);
    expect(results).toContain(50);
  });

  it('reads nothing from an empty range', async () => {
    const { table } = await tableOf(rowsOf([0, 0, 5]));
    expect(await readLaoRange(table, lao(0), lao(1), 2)).toEqual([]);
  });
});
