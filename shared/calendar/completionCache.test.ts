import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RECORD_TABLES, type RecordTable } from '../domain/tables';
import { CompletionCache, stampOf, stampParts, type LaoTaskResults } from './completionCache';
import { evaluateLao, type LaoRecords, type MissingItem } from './completion';
import { defaultTemplate } from './seedTemplate';
import { recordOp } from './testArbitraries';
import { LaoRecordsBuilder, TEST_LAO } from './testRecords';

const FY = 2554;
const template = defaultTemplate(FY);
const asOfs = fc.constantFrom('2010-10-15', '2011-01-20', '2011-04-15', '2011-08-01', '2011-10-20');
const PROJECT = '0190c4e2-0000-7000-8000-00000000f001';

/** Only the given tables of an LAO's records: what a partial update reads. */
const only = (records: LaoRecords, tables: ReadonlySet<RecordTable>): LaoRecords =>
  Object.fromEntries(Object.entries(records).filter(([table]) => tables.has(table as RecordTable))) as LaoRecords;

/** Results as the store gives them back at a start: statuses only, the missing items apart. */
const statusesOf = (results: LaoTaskResults): LaoTaskResults =>
  Object.fromEntries(Object.entries(results).map(([id, { status, done, total }]) => [id, { status, done, total, missing: [], missingApart: true as const }]));

const listsOf = (results: LaoTaskResults): Record<string, MissingItem[]> => Object.fromEntries(Object.entries(results).map(([id, r]) => [id, r.missing]));

function built(itemCount: number): LaoRecordsBuilder {
  const b = new LaoRecordsBuilder();
  for (const fy of [FY - 1, FY]) {
    const o = b.ordinance(fy, itemCount * 100_00);
    for (let i = 0; i < itemCount; i++) b.item(o, `รายการ ${i}`, 100_00, { planProjectId: i % 2 ? null : PROJECT });
  }
  return b;
}

/** An edit that soft-deletes one row of a table (a synced deletion), with a new version. */
const deletion = fc.record({ table: fc.constantFrom(...RECORD_TABLES), n: fc.nat() }).map(({ table, n }) => ({
  table,
  apply: (b: LaoRecordsBuilder) => {
    const rows = b.rows[table] as Array<{ deleted: boolean; version: number }>;
    const row = rows[n % Math.max(1, rows.length)];
    if (row) Object.assign(row, { deleted: true, version: row.version + 1 });
  },
}));
const ops = fc.array(fc.oneof(recordOp(FY), recordOp(FY - 1), deletion), { maxLength: 20 });

describe('the stamp of an LAO, table by table', () => {
  it('names each table with rows, and none without; an older stamp (one part for all tables) has no parts', () => {
    const b = built(2);
    b.plan(FY, 3);
    const parts = stampParts(stampOf(b.records()));
    expect([...parts!.keys()].sort()).toEqual(['ordinanceItems', 'ordinances', 'plans']);
    expect(parts!.get('plans')).toBe('1|2011-01-01T03:00:00.000Z|0|0');
    expect(stampParts('12|2011-01-01T03:00:00.000Z|4|0')).toBeUndefined();
    expect(stampParts('{"notATable":"1||0|0"}')).toBeUndefined();
    expect(stampParts('[]')).toBeUndefined();
  });
});

describe('a partial update of one LAO', () => {
  it('after an edit to its plans reads only the tables of the tasks that read plans', () => {
    const cache = new CompletionCache(template, { asOf: '2011-04-15', fiscalYear: FY });
    cache.update(TEST_LAO, built(2).records());
    const read = cache.partialRead(TEST_LAO, new Set(['plans']));
    expect([...read!.tables].sort()).toEqual(['planProjects', 'plans', 'visions']);
    expect(read!.lists).toBe(false);
    expect(cache.partialRead('another LAO', new Set(['plans']))).toBeUndefined();
  });

  it('gives the results and stamp a full evaluation of the records gives, whatever was written', () => {
    fc.assert(
      fc.property(ops, ops, fc.nat({ max: 3 }), asOfs, fc.boolean(), (before, after, itemCount, asOf, restored) => {
        const b = built(itemCount);
        for (const op of before) op.apply(b);
        const ctx = { asOf, fiscalYear: FY };
        const cache = new CompletionCache(template, ctx);
        const first = b.records();
        // Taken now: the deletions below change rows in place, which `first` shares.
        const firstStamp = stampOf(first);
        let lists: Record<string, MissingItem[]> | undefined;
        if (restored) {
          // As a start restores them: statuses only, the lists in the store under the same stamp.
          const full = evaluateLao(template, first, ctx);
          cache.seed([[TEST_LAO, { stamp: firstStamp, results: statusesOf(full) }]]);
          lists = listsOf(full);
        } else cache.update(TEST_LAO, first);

        for (const op of after) op.apply(b);
        const written = new Set(after.map((op) => op.table));
        const read = cache.partialRead(TEST_LAO, written)!;
        for (const table of written) expect(read.tables.has(table)).toBe(true);
        const records = b.records();
        const changed = cache.updateTables(TEST_LAO, read, only(records, read.tables), read.lists ? lists : undefined);
        const [[, entry]] = cache.stamped([TEST_LAO]) as [[string, { stamp: string; results: LaoTaskResults }]];
        expect(entry.stamp).toBe(stampOf(records));
        expect(changed).toBe(stampOf(records) !== firstStamp);
        if (changed || !restored) expect(entry.results).toEqual(evaluateLao(template, records, ctx));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses, rather than guess, when the lists of results read back from the store are not given', () => {
    const b = built(1);
    const ctx = { asOf: '2011-04-15', fiscalYear: FY };
    const cache = new CompletionCache(template, ctx);
    cache.seed([[TEST_LAO, { stamp: stampOf(b.records()), results: statusesOf(evaluateLao(template, b.records(), ctx)) }]]);
    b.plan(FY, 3);
    const read = cache.partialRead(TEST_LAO, new Set(['plans']))!;
    expect(read.lists).toBe(true);
    expect(() => cache.updateTables(TEST_LAO, read, only(b.records(), read.tables))).toThrow(/missing items/);
    expect(() => cache.updateTables(TEST_LAO, read, only(b.records(), read.tables), { someTask: [] })).toThrow(/missing items/);
  });

  it('refuses a plan made before the LAO was evaluated again', () => {
    const b = built(1);
    const cache = new CompletionCache(template, { asOf: '2011-04-15', fiscalYear: FY });
    cache.update(TEST_LAO, b.records());
    const read = cache.partialRead(TEST_LAO, new Set(['grants']))!;
    b.grant(FY, 'เงินอุดหนุน', '2011-01-10');
    expect(cache.update(TEST_LAO, b.records())).toBe(true);
    expect(() => cache.updateTables(TEST_LAO, read, only(b.records(), read.tables))).toThrow(/changed since/);
  });
});
