import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildValidationContext, tableOfLookup, type ContextRecords } from './context';
import { FIXTURE_IDS, fixtureRecord } from './fixtures';
import { ITEM_OUTCOMES } from './ordinance';
import type { RecordBase } from './record';
import { CONTEXT_RULES, checkContextRules, tablesReadBy, type RelatedLookups } from './rules';
import { RECORD_TABLES, type RecordTable } from './tables';

const OTHER = '0190c4e2-0000-7000-8000-0000000000ff';
const id = (own: string) => fc.constantFrom(own, OTHER);
const fiscalYear = fc.integer({ min: 2567, max: 2569 });
const day = fc.date({ min: new Date('2023-06-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const satang = fc.integer({ min: 0, max: 60_000_000 });

/** Records of every table, linked or not to each other, live or deleted: sometimes a lookup finds, sometimes not. */
const relatedRecords = fc.record({
  plans: fc.record({ deleted: fc.boolean(), startYear: fc.integer({ min: 2564, max: 2570 }), years: fc.integer({ min: 1, max: 5 }) }),
  planProjects: fc.record({ deleted: fc.boolean(), planId: id(FIXTURE_IDS.plan) }),
  ordinances: fc.record({ deleted: fc.boolean(), fiscalYear, total: satang }),
  ordinanceItems: fc.record({ deleted: fc.boolean(), fiscalYear, allocated: satang, outcome: fc.constantFrom(...ITEM_OUTCOMES), ordinanceId: id(FIXTURE_IDS.ordinance) }),
  contracts: fc.record({ deleted: fc.boolean(), fiscalYear, amount: satang, signedOn: day, ordinanceItemId: id(FIXTURE_IDS.item) }),
  disbursements: fc.record({ deleted: fc.boolean(), fiscalYear, amount: satang, ordinanceItemId: id(FIXTURE_IDS.item), contractId: fc.option(id(FIXTURE_IDS.contract)) }),
  fiscalStats: fc.record({ deleted: fc.boolean(), year: fc.integer({ min: 2024, max: 2025 }), month: fc.integer({ min: 1, max: 12 }) }),
  quarterReports: fc.record({ deleted: fc.boolean(), fiscalYear, quarter: fc.integer({ min: 1, max: 4 }) }),
});
type Related = Record<string, Record<string, unknown>>;

/** A record of `table` to judge: the fixture with its links, amounts, dates and period varied. */
const judged = (table: RecordTable) =>
  fc.record({
    id: fc.constantFrom(OTHER, (fixtureRecord(table) as RecordBase).id),
    planId: id(FIXTURE_IDS.plan),
    ordinanceId: id(FIXTURE_IDS.ordinance),
    planProjectId: fc.option(id(FIXTURE_IDS.project)),
    ordinanceItemId: id(FIXTURE_IDS.item),
    contractId: fc.option(id(FIXTURE_IDS.contract)),
    fiscalYear,
    amount: satang,
    allocated: satang,
    total: satang,
    signedOn: day,
    paidOn: day,
    councilPassedOn: day,
    announcedOn: fc.option(day),
    reportedOn: day,
    submittedOn: fc.option(day),
    approvedOn: fc.option(day),
    updatedOn: day,
    overrideReason: fc.option(fc.constant('budget transfer')),
    budgets: fc.array(fc.record({ year: fc.integer({ min: 2563, max: 2572 }), amount: satang }), { maxLength: 3 }),
    year: fc.integer({ min: 2024, max: 2025 }),
    month: fc.integer({ min: 1, max: 12 }),
    quarter: fc.integer({ min: 1, max: 4 }),
  }).map((patch) => {
    const base = fixtureRecord(table) as Record<string, unknown>;
    // Only the fields the table has: a plan project gets budgets, an amendment does not.
    const own = Object.fromEntries(Object.entries(patch).filter(([field]) => field in base || field === 'contractId' || field === 'overrideReason'));
    return { ...base, ...own } as unknown as RecordBase;
  });

function contextRecords(related: Related, tables: Iterable<RecordTable>): ContextRecords {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) out[table] = [{ ...(fixtureRecord(table) as object), ...related[table] }];
  return { laoIds: [FIXTURE_IDS.lao], ...out } as ContextRecords;
}

const ALL_READ = new Set(CONTEXT_RULES.flatMap((r) => r.reads));
const TODAY = '2025-06-01';

/** The record, recording each of its fields a rule reads. */
function recordingFields(record: RecordBase, read: Set<string>): RecordBase {
  return new Proxy(record, {
    get(target, name: string) {
      read.add(name);
      return (target as unknown as Record<string, unknown>)[name];
    },
  });
}
const ENVELOPE_READ = new Set(['id', 'laoId', 'deleted']);

/** The related lookups, each recording the table it reads when the rule touches it. */
function recording(related: RelatedLookups, read: Set<RecordTable>): RelatedLookups {
  return new Proxy(related, {
    get(target, name: keyof RelatedLookups) {
      const lookup = target[name] as ((...args: unknown[]) => unknown) | undefined;
      if (name !== 'periodTaken') read.add(tableOfLookup(name, []));
      if (!lookup) return undefined;
      return (...args: unknown[]) => {
        read.add(tableOfLookup(name, args));
        return lookup(...args);
      };
    },
  });
}

describe('the tables each rule declares it reads', () => {
  for (const rule of CONTEXT_RULES) {
    for (const table of rule.judges) {
      it(`cover what the ${table} rule reads (${rule.codes[0]}…)`, () => {
        fc.assert(
          fc.property(judged(table), relatedRecords, (record, related) => {
            const read = new Set<RecordTable>();
            const context = buildValidationContext(contextRecords(related, ALL_READ));
            rule.check([], record, recording(context.related ?? {}, read), TODAY);
            expect([...read].filter((t) => !rule.reads.includes(t))).toEqual([]);
          }),
          { numRuns: 300 },
        );
      });
    }
  }

  for (const rule of CONTEXT_RULES) {
    for (const table of rule.judges) {
      it(`and the fields of the ${table} record it reads (${rule.codes[0]}…)`, () => {
        fc.assert(
          fc.property(judged(table), relatedRecords, (record, related) => {
            const read = new Set<string>();
            const context = buildValidationContext(contextRecords(related, ALL_READ));
            rule.check([], recordingFields(record, read), context.related ?? {}, TODAY);
            expect([...read].filter((f) => !ENVELOPE_READ.has(f) && !rule.fields.includes(f))).toEqual([]);
          }),
          { numRuns: 200 },
        );
      });
    }
  }

  it.each(RECORD_TABLES)('suffice for %s: a context of only those tables judges as one of every table', (table) => {
    fc.assert(
      fc.property(judged(table), relatedRecords, (record, related) => {
        const declared = buildValidationContext(contextRecords(related, tablesReadBy(table)));
        const everything = buildValidationContext(contextRecords(related, RECORD_TABLES));
        expect(checkContextRules(table, record, { ...declared, today: TODAY })).toEqual(checkContextRules(table, record, { ...everything, today: TODAY }));
      }),
      { numRuns: 100 },
    );
  });

  it('name every code their checks give', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CONTEXT_RULES), relatedRecords, fc.nat(), (rule, related, pick) => {
        const table = rule.judges[pick % rule.judges.length]!;
        const record = fc.sample(judged(table), { numRuns: 1, seed: pick })[0]!;
        const out: Parameters<typeof rule.check>[0] = [];
        rule.check(out, record, buildValidationContext(contextRecords(related, rule.reads)).related ?? {}, TODAY);
        for (const issue of out) expect(rule.codes).toContain(issue.code);
      }),
      { numRuns: 500 },
    );
  });
});
