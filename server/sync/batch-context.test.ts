import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoProvince } from '../../shared/demo/generate';
import { SUM_LOOKUPS, type SumLookup } from '../../shared/domain/context';
import { buildValidationContext, type ContextRecords } from '../../shared/domain/index';
import type { RelatedLookups } from '../../shared/domain/rules';
import type { WireRecord } from '../../shared/sync/protocol';
import type { Database, Queryable } from '../store/db';
import { seedRecords, seedReference } from '../store/seed';
import { openMigrated, testBackends } from '../store/test-backends';
import { BatchContexts, sumStatement } from './batch-context';

const TABLES = ['plans', 'planProjects', 'ordinances', 'ordinanceItems', 'contracts', 'disbursements'] as const;
const dataset = generateDemoProvince({ seed: 'batch-context', laoCount: 3, fiscalYears: [2568, 2569], asOf: '2026-11-25', recordScale: 0.3 });
const lao = dataset.laos[1]!;
/** An LAO's records as the server stores them: every stored row is at least version 1. */
const rowsOf = (table: (typeof TABLES)[number]) =>
  (dataset.records[table] as unknown as WireRecord[]).filter((r) => r.laoId === lao.id).map((r): WireRecord => ({ ...r, version: Math.max(1, r.version) }));

/** The demo LAOs' records in a real database; `counted` wraps a transaction to count the statements and the rows they return. */
async function seeded(db: Database): Promise<void> {
  await seedReference(db, dataset);
  await seedRecords(db, Object.fromEntries(TABLES.map((table) => [table, dataset.records[table]])) as unknown as Parameters<typeof seedRecords>[1]);
}

function counted(tx: Queryable): Queryable & { reads: number; rows: number } {
  const wrapped = {
    reads: 0,
    rows: 0,
    async query<T>(sql: string, params?: unknown[]) {
      const result = await tx.query<T>(sql, params);
      if (!sql.includes('pg_advisory_xact_lock')) {
        wrapped.reads += 1;
        wrapped.rows += result.rows.length;
      }
      return result;
    },
    exec: (sql: string) => tx.exec(sql),
  };
  return wrapped;
}

/** A transaction that answers every query with no rows and keeps each statement. */
function recordingTx(): { sql: Array<{ text: string; params: unknown[] }>; tx: Queryable } {
  const sql: Array<{ text: string; params: unknown[] }> = [];
  const tx: Queryable = {
    async query<T>(text: string, params: unknown[] = []) {
      sql.push({ text, params });
      return { rows: [] as T[], rowCount: 0 };
    },
    async exec() {},
  };
  return { sql, tx };
}

/** The state after the writes, built from scratch: what a per-mutation query would have shown. */
function fresh(current: Map<string, { table: string; record: WireRecord }>) {
  const byTable = Object.fromEntries(TABLES.map((t) => [t, [] as WireRecord[]]));
  for (const { table, record } of current.values()) if (!record.deleted) byTable[table]!.push(record);
  return buildValidationContext({ laoIds: [lao.id], ...byTable } as unknown as ContextRecords).related!;
}

describe.each(testBackends)('batch validation context ($kind)', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(backend);
    await seeded(db);
  });
  afterAll(async () => db?.close());

  it('answers like a context rebuilt from the current rows after every write of the batch, reading only what is asked', async () => {
    await db.transaction(async (raw) => {
      const tx = counted(raw);
      const contexts = await BatchContexts.load(tx, [{ table: 'disbursements', laoId: lao.id }]);
      const current = new Map<string, { table: string; record: WireRecord }>();
      for (const table of TABLES) for (const record of rowsOf(table)) current.set(record.id, { table, record });
      const disbursements = rowsOf('disbursements');
      const contracts = rowsOf('contracts');
      const items = rowsOf('ordinanceItems');
      expect(disbursements.length).toBeGreaterThan(50);
      // Edits of amounts, moves to another item, deletions, restores and new rows, as one batch might hold.
      const writes: Array<{ table: 'disbursements' | 'contracts'; record: WireRecord }> = [];
      for (let i = 0; i < 40; i++) {
        const base = current.get(disbursements[(i * 7) % disbursements.length]!.id)!.record;
        const kind = i % 5;
        const record =
          kind === 0 ? { ...base, amount: Number(base.amount) + 1234 }
          : kind === 1 ? { ...base, ordinanceItemId: items[i % items.length]!.id }
          : kind === 2 ? { ...base, deleted: !base.deleted }
          : kind === 3 ? { ...base, id: `0190c4e2-0000-7000-8000-${String(i).padStart(12, '0')}`, contractId: contracts[i % contracts.length]?.id }
          : { ...base, contractId: undefined };
        writes.push({ table: 'disbursements', record });
      }
      writes.push({ table: 'contracts', record: { ...contracts[0]!, amount: 1 } }, { table: 'contracts', record: { ...contracts[1]!, deleted: true } });
      let asked = 0;
      const ids = new Set<string>();
      const sums = new Set<string>();
      for (const write of writes) {
        contexts.written(write.table, write.record);
        current.set(write.record.id, write);
        const want = fresh(current);
        // Answers are compared once resolved: a round that asked for something unread is thrown away.
        const probes: Array<(related: RelatedLookups) => unknown> = [];
        for (const probe of [write.record, disbursements[3]!, disbursements[11]!]) {
          for (const excludeId of [probe.id, write.record.id, '', disbursements[0]!.id]) {
            const byItem = { ordinanceItemId: String(probe.ordinanceItemId) };
            probes.push((related) => related.disbursedSum!(byItem, excludeId));
            sums.add(`item ${probe.ordinanceItemId}`);
            if (probe.contractId) probes.push((related) => related.disbursedSum!({ contractId: String(probe.contractId) }, excludeId));
            if (probe.contractId) sums.add(`contract ${probe.contractId}`);
            ids.add(probe.id).add(write.record.id).add(excludeId);
          }
        }
        for (const id of [contracts[0]!.id, contracts[1]!.id, contracts[2]!.id, items[0]!.id, 'not-an-id']) {
          probes.push((related) => related.contract!(id), (related) => related.ordinanceItem!(id));
          ids.add(id);
        }
        const got = await contexts.resolve('disbursements', lao.id, ({ related }) => probes.map((probe) => probe(related!)));
        probes.forEach((probe, i) => {
          const expected = probe(want);
          if (typeof expected === 'number') expect(got[i]).toBeCloseTo(expected, 6);
          else expect(got[i]).toEqual(expected);
        });
        asked += probes.length;
      }
      // A row for each record asked about and each sum, however many the LAO holds; statements a few per write.
      expect(tx.rows).toBeLessThanOrEqual(ids.size + sums.size);
      expect(tx.reads).toBeLessThanOrEqual(3 * writes.length);
      expect(asked).toBeGreaterThan(10 * writes.length);
    });
  });

  it('answers like the rebuilt context for generated batches of payment and contract writes (fast-check)', async () => {
    const disbursements = rowsOf('disbursements');
    const contracts = rowsOf('contracts');
    const items = rowsOf('ordinanceItems');
    const amount = fc.integer({ min: 0, max: 5_000_000 }).map((satang) => satang / 100);
    const writeOf = fc.oneof(
      fc.record({ kind: fc.constant('amount' as const), pick: fc.nat(), amount }),
      fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), item: fc.nat() }),
      fc.record({ kind: fc.constant('toggle' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('new' as const), pick: fc.nat(), contract: fc.option(fc.nat()), amount }),
      fc.record({ kind: fc.constant('contract' as const), pick: fc.nat(), amount, deleted: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(writeOf, { minLength: 1, maxLength: 12 }), fc.nat(), async (writes, probeAt) => {
        const current = new Map<string, { table: string; record: WireRecord }>();
        for (const table of TABLES) for (const record of rowsOf(table)) current.set(record.id, { table, record });
        await db.transaction(async (tx) => {
          const contexts = await BatchContexts.load(tx, [{ table: 'disbursements', laoId: lao.id }]);
          let made = 0;
          for (const write of writes) {
            const of = <T>(rows: T[], i: number) => rows[i % rows.length]!;
            const base = (table: 'disbursements' | 'contracts', id: string) => current.get(id)?.record ?? rowsOf(table).find((r) => r.id === id)!;
            const [table, record]: ['disbursements' | 'contracts', WireRecord] =
              write.kind === 'amount' ? ['disbursements', { ...base('disbursements', of(disbursements, write.pick).id), amount: write.amount }]
              : write.kind === 'move' ? ['disbursements', { ...base('disbursements', of(disbursements, write.pick).id), ordinanceItemId: of(items, write.item).id }]
              : write.kind === 'toggle' ? ['disbursements', { ...base('disbursements', of(disbursements, write.pick).id), deleted: !base('disbursements', of(disbursements, write.pick).id).deleted }]
              : write.kind === 'new' ? ['disbursements', { ...of(disbursements, write.pick), id: `0190c4e2-0000-7000-8000-${String(++made).padStart(12, '0')}`, amount: write.amount, contractId: write.contract === null ? undefined : of(contracts, write.contract).id }]
              : ['contracts', { ...base('contracts', of(contracts, write.pick).id), amount: write.amount, deleted: write.deleted }];
            contexts.written(table, record);
            current.set(record.id, { table, record });
          }
          const want = fresh(current);
          const payments = [...current.values()].filter((c) => c.table === 'disbursements');
          const probe = payments[probeAt % payments.length]!;
          const ask = (related: RelatedLookups) => [
            related.disbursedSum!({ ordinanceItemId: String(probe.record.ordinanceItemId) }, probe.record.id),
            related.disbursedSum!({ ordinanceItemId: String(probe.record.ordinanceItemId) }, ''),
            probe.record.contractId ? related.disbursedSum!({ contractId: String(probe.record.contractId) }, probe.record.id) : 0,
            related.contractedSum!({ ordinanceItemId: String(probe.record.ordinanceItemId) }, ''),
            related.contract!(String(probe.record.contractId)) ?? null,
          ];
          const got = await contexts.resolve('disbursements', lao.id, ({ related }) => ask(related!));
          const expected = ask(want);
          expected.forEach((value, i) => (typeof value === 'number' ? expect(got[i]).toBeCloseTo(value, 4) : expect(got[i]).toEqual(value)));
        });
      }),
      { numRuns: 25 },
    );
  });

  it('reads an LAO it was not told about when first asked, and none for tables without cross-record rules', async () => {
    await db.transaction(async (raw) => {
      const tx = counted(raw);
      const contexts = await BatchContexts.load(tx, [{ table: 'fieldVisits', laoId: lao.id }]);
      expect(tx.reads).toBe(0);
      expect(await contexts.resolve('fieldVisits', lao.id, (context) => context.related)).toEqual({});
      const item = rowsOf('ordinanceItems')[0]!;
      const context = await contexts.resolve('contracts', lao.id, (found) => ({ item: found.related!.ordinanceItem!(item.id), known: found.knownLaoIds }));
      expect(tx.reads).toBe(1);
      expect(context.item).toEqual(item);
      expect(context.known?.has(lao.id)).toBe(true);
      // Another LAO's record is no record of this one.
      const other = (dataset.records.ordinanceItems as unknown as WireRecord[]).find((r) => r.laoId !== lao.id)!;
      expect(await contexts.resolve('contracts', lao.id, (found) => found.related!.ordinanceItem!(other.id))).toBeUndefined();
    });
  });

  it('checks a record with the rules of its table: a payment above its contract is refused by the sum the database added up', async () => {
    const contract = rowsOf('contracts').find((c) => !c.deleted)!;
    const paid = rowsOf('disbursements').filter((d) => !d.deleted && d.contractId === contract.id).reduce((sum, d) => sum + Number(d.amount), 0);
    const payment = { ...rowsOf('disbursements').find((d) => !d.deleted && d.contractId === contract.id)!, id: '0190c4e2-0000-7000-8000-00000000fff1', version: 0 };
    await db.transaction(async (tx) => {
      const contexts = await BatchContexts.load(tx, [{ table: 'disbursements', laoId: lao.id, recordId: payment.id }]);
      const today = '2099-01-01';
      const within = await contexts.validate('disbursements', { ...payment, amount: Math.max(0.01, Number(contract.amount) - paid) }, today);
      const above = await contexts.validate('disbursements', { ...payment, amount: Number(contract.amount) - paid + 1 }, today);
      const codes = (result: typeof above) => (result.ok ? [] : result.error.map((found) => found.code));
      expect(codes(within)).not.toContain('disbursement.aboveContract');
      expect(codes(above)).toContain('disbursement.aboveContract');
    });
  });

  it('adds up every sum the rules weigh by an index of its own (migration 013), not by reading the LAO', async () => {
    for (const [lookup, { by }] of Object.entries(SUM_LOOKUPS) as Array<[SumLookup, { by: readonly string[] }]>) {
      for (const field of by) {
        const plan = await db.transaction(async (tx) => {
          // The demo LAOs are small enough that a plain scan would win; this asks whether an index can answer at all.
          await tx.query('SET LOCAL enable_seqscan = off');
          const { rows } = await tx.query<Record<string, string>>(`EXPLAIN ${sumStatement(lookup, field)}`, [[lao.id], ['x']]);
          return rows.map((row) => Object.values(row)[0]).join('\n');
        });
        expect(plan, `${lookup} by ${field}`).toMatch(/Index Scan using records_\w+_by_\w+_idx/);
      }
    }
    expect(() => sumStatement('disbursedSum', "amount') OR true --")).toThrow();
  });
});

describe('batch validation context locks', () => {
  it('locks an LAO\'s one-per-period table before reading it, and reads only the tables the rules of the written table read', async () => {
    const { sql, tx } = recordingTx();
    const contexts = await BatchContexts.load(tx, [{ table: 'fiscalStats', laoId: lao.id }]);
    expect(sql.map((q) => q.text.includes('pg_advisory_xact_lock'))).toEqual([true, false]);
    expect(sql[0]!.params).toEqual([[`records ${lao.id} fiscalStats`]]);
    expect(sql[1]!.params[1]).toEqual(['fiscalStats']);
    await contexts.resolve('fiscalStats', lao.id, (context) => context.related?.periodTaken?.({ laoId: lao.id, table: 'fiscalStats', year: 2024, month: 10 }, ''));
    await contexts.periodHolder(lao.id, { laoId: lao.id, table: 'fiscalStats', year: 2024, month: 10 }, '');
    expect(sql).toHaveLength(2);
  });

  it('locks the tables a payment is summed against, in one order, before anything is read', async () => {
    const { sql, tx } = recordingTx();
    const contexts = await BatchContexts.load(tx, [{ table: 'disbursements', laoId: lao.id }, { table: 'disbursements', laoId: 'a-second-lao' }]);
    // One statement takes them all, in the order of its sorted keys.
    expect(sql).toHaveLength(1);
    expect(sql[0]!.text).toContain('pg_advisory_xact_lock');
    const locks = sql[0]!.params[0] as string[];
    expect(locks).toEqual([...locks].sort());
    for (const laoId of [lao.id, 'a-second-lao']) for (const table of ['ordinanceItems', 'contracts', 'disbursements']) expect(locks).toContain(`records ${laoId} ${table}`);
    // Reads later in the batch take no lock again.
    await contexts.resolve('disbursements', lao.id, (context) => context.related!.disbursedSum!({ ordinanceItemId: rowsOf('ordinanceItems')[0]!.id }, ''));
    expect(sql.filter((q) => q.text.includes('pg_advisory_xact_lock'))).toHaveLength(1);
  });
});
