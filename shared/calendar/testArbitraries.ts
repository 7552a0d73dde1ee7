/**
 * Test helpers: fast-check arbitraries of one LAO's records, for the property
 * tests of the completion rules. Built on LaoRecordsBuilder and the demo generator.
 */
import fc from 'fast-check';
import { generateDemoLaoRecords, generateDemoReference } from '../demo/generate';
import type { RecordTable } from '../domain/tables';
import { addDays } from './isoDate';
import type { LaoRecords } from './recordIndex';
import { LaoRecordsBuilder } from './testRecords';

const fyDate = (fy: number, offset: number) => addDays(`${fy - 544}-10-01`, offset % 365);
const quarter = fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const);
const PROJECT = '0190c4e2-0000-7000-8000-00000000f001';

/** A change to a builder's records, touching one table. */
export interface Op {
  table: RecordTable;
  apply(b: LaoRecordsBuilder): void;
}

/** Records of any table for a fiscal year (B.E.), linked to what the builder already holds. */
export function recordOp(fy: number): fc.Arbitrary<Op> {
  const day = fc.integer({ min: 0, max: 364 });
  const pick = <T>(rows: T[], i: number): T | undefined => rows[i % Math.max(1, rows.length)];
  return fc.oneof(
    fc.record({ d: day, n: fc.nat() }).map(({ d, n }): Op => ({
      table: 'disbursements',
      apply: (b) => {
        const item = pick(b.rows.ordinanceItems.filter((i) => i.fiscalYear === fy), n);
        if (item) b.pay(item, fyDate(fy, d), 10_00);
      },
    })),
    fc.record({ d: day, n: fc.nat() }).map(({ d, n }): Op => ({
      table: 'contracts',
      apply: (b) => {
        const item = pick(b.rows.ordinanceItems.filter((i) => i.fiscalYear === fy), n);
        if (item) b.contract(item, fyDate(fy, d), 10_00);
      },
    })),
    fc.record({ q: quarter, d: day }).map(({ q, d }): Op => ({ table: 'quarterReports', apply: (b) => void b.reported(fy, q, fyDate(fy, d)) })),
    fc.nat({ max: 11 }).map((i): Op => ({
      table: 'fiscalStats',
      apply: (b) => void b.stats(fy, i < 3 ? fy - 544 : fy - 543, ((i + 9) % 12) + 1),
    })),
    fc.record({ d: day, done: fc.boolean() }).map(({ d, done }): Op => ({
      table: 'antiDrugActivities',
      apply: (b) => void b.antiDrug(fy, fyDate(fy, d), done ? 'ดำเนินการแล้ว' : null),
    })),
    fc.record({ d: day, paid: fc.nat({ max: 900_000_00 }) }).map(({ d, paid }): Op => ({
      table: 'grants',
      apply: (b) => void b.grant(fy, 'เงินอุดหนุน', fyDate(fy, d), { disbursed: paid }),
    })),
    fc.boolean().map((hasMissions): Op => ({ table: 'visions', apply: (b) => void b.vision(fy, fy + 2, hasMissions ? {} : { missions: [] }) })),
    fc.boolean().map((draft): Op => ({
      table: 'plans',
      apply: (b) => void b.plan(fy, 3, draft ? { status: 'draft', submittedOn: null } : {}),
    })),
    fc.nat().map((n): Op => ({
      table: 'planProjects',
      apply: (b) => {
        const plan = pick(b.rows.plans, n);
        if (plan) b.project(plan.id, fy);
      },
    })),
  );
}

/** An LAO's records of the fiscal years around `fy`, made by hand: ordinances with items, then any records. */
export function builtRecords(fy: number): fc.Arbitrary<LaoRecords> {
  const years = [fy - 2, fy - 1, fy, fy + 1];
  const ops = fc.array(fc.oneof(...years.map(recordOp)), { maxLength: 30 });
  return fc.record({ ops, itemCount: fc.nat({ max: 3 }), ordinanceYears: fc.subarray(years) }).map(({ ops, itemCount, ordinanceYears }) => {
    const b = new LaoRecordsBuilder();
    for (const year of ordinanceYears) {
      const o = b.ordinance(year, itemCount * 100_00);
      for (let i = 0; i < itemCount; i++) b.item(o, `รายการ ${i}`, 100_00, { planProjectId: i % 2 ? null : PROJECT });
    }
    for (const op of ops) op.apply(b);
    return b.records();
  });
}

const DEMO_LAOS = 6;
const demoReference = generateDemoReference({ seed: 'arbitraries', laoCount: DEMO_LAOS });

/** An LAO of the demo generator (complete, lagging or stalled) with data of the years around `fy`, as of a day near it. */
export function demoRecords(fy: number): fc.Arbitrary<LaoRecords> {
  return fc.record({ seed: fc.nat(), lao: fc.nat({ max: DEMO_LAOS - 1 }), daysAfterStart: fc.nat({ max: 3 * 366 }) }).map(({ seed, lao, daysAfterStart }) =>
    generateDemoLaoRecords(demoReference, lao, {
      seed, fiscalYears: [fy - 1, fy, fy + 1], asOf: addDays(`${fy - 545}-10-01`, daysAfterStart), recordScale: 0.1,
    }) as unknown as LaoRecords,
  );
}

/** Arbitrary records of one LAO around a fiscal year: hand-made or from the demo generator. */
export const laoRecordsAround = (fy: number): fc.Arbitrary<LaoRecords> => fc.oneof(builtRecords(fy), demoRecords(fy));
