import { describe, expect, it } from 'vitest';
import { generateDemoProvince } from '../../shared/demo/generate';
import { buildValidationContext, type ContextRecords } from '../../shared/domain/index';
import type { WireRecord } from '../../shared/sync/protocol';
import type { Queryable } from '../store/db';
import { BatchContexts } from './batch-context';
import type { RecordRow } from './records';

const TABLES = ['plans', 'planProjects', 'ordinances', 'ordinanceItems', 'contracts', 'disbursements'] as const;
const dataset = generateDemoProvince({ seed: 'batch-context', laoCount: 3, fiscalYears: [2568, 2569], asOf: '2026-11-25', recordScale: 0.3 });
const lao = dataset.laos[1]!;
const rowsOf = (table: (typeof TABLES)[number]) => (dataset.records[table] as unknown as WireRecord[]).filter((r) => r.laoId === lao.id);

/** A transaction that answers the context query from the demo rows and counts the reads (not the locks). */
function fakeTx(): Queryable & { queries: number } {
  const rows: RecordRow[] = TABLES.flatMap((table) =>
    rowsOf(table).map(({ id, laoId, provinceCode, fiscalYear, deleted, version, updatedAt, updatedBy, ...data }) => ({
      id, table_name: table, lao_id: laoId, province_code: provinceCode, fiscal_year: fiscalYear ?? null,
      data, deleted, version, updated_at: updatedAt, updated_by: updatedBy, field_versions: {},
    })),
  );
  const tx = {
    queries: 0,
    async query<T>(sql: string, params?: unknown[]) {
      if (sql.includes('pg_advisory_xact_lock')) return { rows: [] as T[], rowCount: 0 };
      tx.queries += 1;
      const laoIds = params?.[0] as string[];
      return { rows: rows.filter((r) => laoIds.includes(r.lao_id)) as T[], rowCount: 0 };
    },
    async exec() {},
  };
  return tx;
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

describe('batch validation context', () => {
  it('answers like a context rebuilt from the current rows after every write of the batch, with one query', async () => {
    const tx = fakeTx();
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
    for (const write of writes) {
      contexts.written(write.table, write.record);
      current.set(write.record.id, write);
      const got = (await contexts.contextFor('disbursements', lao.id)).related!;
      const want = fresh(current);
      for (const probe of [write.record, disbursements[3]!, disbursements[11]!]) {
        const others = [probe.id, write.record.id, '', disbursements[0]!.id];
        for (const excludeId of others) {
          expect(got.disbursedSum!({ ordinanceItemId: String(probe.ordinanceItemId) }, excludeId)).toBe(want.disbursedSum!({ ordinanceItemId: String(probe.ordinanceItemId) }, excludeId));
          if (probe.contractId) expect(got.disbursedSum!({ contractId: String(probe.contractId) }, excludeId)).toBe(want.disbursedSum!({ contractId: String(probe.contractId) }, excludeId));
        }
      }
      for (const id of [contracts[0]!.id, contracts[1]!.id, contracts[2]!.id, items[0]!.id]) {
        expect(got.contract!(id)).toEqual(want.contract!(id));
        expect(got.ordinanceItem!(id)).toEqual(want.ordinanceItem!(id));
      }
    }
    expect(tx.queries).toBe(1);
  });

  it('reads an LAO it was not told about when first asked, and none for tables without cross-record rules', async () => {
    const tx = fakeTx();
    const contexts = await BatchContexts.load(tx, [{ table: 'fieldVisits', laoId: lao.id }]);
    expect(tx.queries).toBe(0);
    expect((await contexts.contextFor('fieldVisits', lao.id)).related).toEqual({});
    const context = await contexts.contextFor('contracts', lao.id);
    expect(tx.queries).toBe(1);
    expect(context.related!.ordinanceItem!(rowsOf('ordinanceItems')[0]!.id)).toBeTruthy();
    expect(context.knownLaoIds?.has(lao.id)).toBe(true);
  });

  it('locks an LAO\'s one-per-period table before reading it, and reads only the tables the rules of the written table read', async () => {
    const { sql, tx } = recordingTx();
    const contexts = await BatchContexts.load(tx, [{ table: 'fiscalStats', laoId: lao.id }]);
    expect(sql.map((q) => q.text.includes('pg_advisory_xact_lock'))).toEqual([true, false]);
    expect(sql[0]!.params).toEqual([`records ${lao.id} fiscalStats`]);
    expect(sql[1]!.params[1]).toEqual(['fiscalStats']);
    await contexts.contextFor('fiscalStats', lao.id);
    await contexts.periodHolder(lao.id, { laoId: lao.id, table: 'fiscalStats', year: 2024, month: 10 }, '');
    expect(sql).toHaveLength(2);
  });

  it('locks the tables a payment is summed against, in one order, before reading them', async () => {
    const { sql, tx } = recordingTx();
    await BatchContexts.load(tx, [{ table: 'disbursements', laoId: lao.id }, { table: 'disbursements', laoId: 'a-second-lao' }]);
    const locks = sql.filter((q) => q.text.includes('pg_advisory_xact_lock')).map((q) => String(q.params[0]));
    expect(locks).toEqual([...locks].sort());
    for (const laoId of [lao.id, 'a-second-lao']) expect(locks).toContain(`records ${laoId} disbursements`);
    // Every lock comes before the read it guards.
    expect(sql.at(-1)!.text).toContain('FROM records');
    expect(sql.slice(0, -1).every((q) => q.text.includes('pg_advisory_xact_lock'))).toBe(true);
  });
});
