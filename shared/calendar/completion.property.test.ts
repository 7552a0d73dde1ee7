import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RecordTable } from '../domain/tables';
import { evaluateLao, RULE_TABLES, type LaoRecords } from './completion';
import { defaultTemplate } from './seedTemplate';
import { recordOp } from './testArbitraries';
import { completeLao, LaoRecordsBuilder } from './testRecords';

const template = defaultTemplate(2554);
const asOfs = fc.constantFrom('2010-10-15', '2011-01-20', '2011-03-31', '2011-04-15', '2011-06-30', '2011-08-01', '2011-09-30', '2011-10-20', '2012-03-01');
const PROJECT = '0190c4e2-0000-7000-8000-00000000f001';
const done = (results: ReturnType<typeof evaluateLao>) => Object.fromEntries(Object.entries(results).map(([id, r]) => [id, r.done]));

describe('completion properties', () => {
  it('adding a missing record of a complete LAO never lowers any task’s done', () => {
    const all = Object.entries(completeLao().b.rows).flatMap(([table, rows]) => rows.map((r) => [table, r] as const));
    fc.assert(
      fc.property(fc.subarray(all.map((_, i) => i)), fc.nat(), asOfs, (kept, n, asOf) => {
        const missing = all.map((_, i) => i).filter((i) => !kept.includes(i));
        if (missing.length === 0) return;
        const extra = missing[n % missing.length]!;
        const recordsOf = (indexes: number[]) => {
          const out: Record<string, unknown[]> = {};
          for (const i of indexes) (out[all[i]![0]] ??= []).push(all[i]![1]);
          return out as LaoRecords;
        };
        const ctx = { asOf, fiscalYear: 2554 };
        const before = done(evaluateLao(template, recordsOf(kept), ctx));
        const after = done(evaluateLao(template, recordsOf([...kept, extra]), ctx));
        for (const id of Object.keys(before)) expect(after[id], `${id} after adding ${all[extra]![0]}`).toBeGreaterThanOrEqual(before[id]!);
      }),
      { numRuns: 300 },
    );
  });

  it('adding evidence (payments, reports, statistics, activities, plans…) to any LAO never lowers done', () => {
    const base = fc.array(fc.oneof(recordOp(2554), recordOp(2553)), { maxLength: 25 });
    fc.assert(
      fc.property(base, fc.oneof(recordOp(2554), recordOp(2553)), asOfs, fc.nat({ max: 3 }), (ops, extra, asOf, itemCount) => {
        const b = new LaoRecordsBuilder();
        for (const fy of [2553, 2554]) {
          const o = b.ordinance(fy, itemCount * 100_00);
          for (let i = 0; i < itemCount; i++) b.item(o, `รายการ ${i}`, 100_00, { planProjectId: i % 2 ? null : PROJECT });
        }
        for (const op of ops) op.apply(b);
        const ctx = { asOf, fiscalYear: 2554 };
        const before = done(evaluateLao(template, b.records(), ctx));
        extra.apply(b);
        const after = done(evaluateLao(template, b.records(), ctx));
        for (const id of Object.keys(before)) expect(after[id], `${id} after adding to ${extra.table}`).toBeGreaterThanOrEqual(before[id]!);
      }),
      { numRuns: 300 },
    );
  });

  it('a task’s result does not change when unrelated records change', () => {
    const task = fc.constantFrom(...template.tasks);
    const otherYearOps = fc.array(fc.oneof(recordOp(2549), recordOp(2550)), { maxLength: 10 });
    const anyOps = fc.array(fc.oneof(recordOp(2553), recordOp(2554)), { maxLength: 10 });
    fc.assert(
      fc.property(task, anyOps, otherYearOps, fc.array(fc.nat(), { maxLength: 5 }), asOfs, (t, ops, otherYears, deletions, asOf) => {
        const related = RULE_TABLES[t.rule.kind];
        const { b } = completeLao();
        const ctx = { asOf, fiscalYear: 2554 };
        const before = evaluateLao(template, b.records(), ctx)[t.id];
        for (const op of ops) if (!related.includes(op.table)) op.apply(b);
        for (const op of otherYears) if (op.table !== 'planProjects') op.apply(b);
        const unrelated = (Object.entries(b.rows) as [RecordTable, { deleted: boolean }[]][])
          .filter(([table]) => !related.includes(table))
          .flatMap(([, rows]) => rows);
        for (const n of deletions) if (unrelated.length) unrelated[n % unrelated.length]!.deleted = true;
        expect(evaluateLao(template, b.records(), ctx)[t.id]).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});
