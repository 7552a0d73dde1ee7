/**
 * The server refuses what the laptop refuses (issue 14): for every code a
 * cross-record rule of shared/domain/rules.ts gives, the same write is made on
 * the laptop (saveRecord over Dexie) and pushed to the server (each backend),
 * and both refuse it with that code.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { openLocalDb, type EplanDb } from '../renderer/data/db';
import { saveRecord } from '../renderer/data/records';
import { fixedClock, setClock } from '../shared/clock';
import type { ValidationCode } from '../shared/domain/codes';
import { CONTEXT_RULES } from '../shared/domain/rules';
import type { RecordTable } from '../shared/domain/tables';
import { testBackends } from '../server/store/test-backends';
import { createMutation, editMutation, LAO_A, P1, push, sampleRecord, useTestWorld } from '../server/sync/test-kit';

type Row = [RecordTable, Record<string, unknown>];
/** Records to store first, then the write that breaks the rule: a new record, or an edit of a stored one. */
interface Scenario { code: ValidationCode; stored: Row[]; breaking: Row | { edit: Row; changes: Record<string, unknown> } }

const rec = (table: RecordTable, fields: Record<string, unknown> = {}) => sampleRecord(table, LAO_A, P1, fields);

/** The LAO's one FY 2568 ordinance: every scenario's items hang from it (a second would be a duplicate). */
const ORDINANCE = rec('ordinances');

/** A fresh plan, project, item and contract under the year's ordinance, linked as the fixtures are. */
function chain(item: Record<string, unknown> = {}) {
  const plan = rec('plans');
  const project = rec('planProjects', { planId: plan.id });
  const ordinance = ORDINANCE;
  const ordinanceItem = rec('ordinanceItems', { ordinanceId: ordinance.id, planProjectId: project.id, ...item });
  const contract = rec('contracts', { ordinanceItemId: ordinanceItem.id });
  const stored: Row[] = [['plans', plan], ['planProjects', project], ['ordinances', ordinance], ['ordinanceItems', ordinanceItem], ['contracts', contract]];
  return { plan, project, ordinance, item: ordinanceItem, contract, stored };
}

function scenarios(): Scenario[] {
  const c = chain();
  const carried = chain({ outcome: 'carried_over' });
  const other = chain();
  const pay = (fields: Record<string, unknown>): Row => ['disbursements', rec('disbursements', { ordinanceItemId: c.item.id, contractId: c.contract.id, ...fields })];
  const october = rec('fiscalStats', { year: 2024, month: 10 });
  const november = rec('fiscalStats', { year: 2024, month: 11 });
  const q1 = rec('quarterReports', { quarter: 1, reportedOn: '2025-01-10' });
  const q2 = rec('quarterReports', { quarter: 2, reportedOn: '2025-04-10' });
  const fy2569 = rec('ordinances', { fiscalYear: 2569, councilPassedOn: '2025-08-20', announcedOn: '2025-09-10' });
  return [
    { code: 'plan.unknown', stored: [], breaking: ['planProjects', rec('planProjects', { planId: uuidv7() })] },
    { code: 'budget.yearOutsidePlan', stored: c.stored, breaking: ['planProjects', rec('planProjects', { planId: c.plan.id, budgets: [{ year: 2575, amount: 1 }] })] },
    { code: 'ordinance.unknown', stored: [], breaking: ['ordinanceItems', rec('ordinanceItems', { ordinanceId: uuidv7(), planProjectId: null })] },
    { code: 'planProject.unknown', stored: c.stored, breaking: ['ordinanceItems', rec('ordinanceItems', { ordinanceId: c.ordinance.id, planProjectId: uuidv7() })] },
    { code: 'fiscalYear.mismatch', stored: c.stored, breaking: ['contracts', rec('contracts', { ordinanceItemId: c.item.id, fiscalYear: 2569, signedOn: '2025-11-01' })] },
    { code: 'ordinanceItem.unknown', stored: [], breaking: ['contracts', rec('contracts', { ordinanceItemId: uuidv7() })] },
    { code: 'date.outsideFiscalYear', stored: c.stored, breaking: ['contracts', rec('contracts', { ordinanceItemId: c.item.id, signedOn: '2025-11-01' })] },
    { code: 'date.outsideCarryOverWindow', stored: carried.stored, breaking: ['contracts', rec('contracts', { ordinanceItemId: carried.item.id, signedOn: '2026-11-01' })] },
    { code: 'contract.unknown', stored: c.stored, breaking: pay({ contractId: uuidv7() }) },
    { code: 'contract.itemMismatch', stored: [...c.stored, ...other.stored], breaking: pay({ ordinanceItemId: other.item.id }) },
    { code: 'disbursement.beforeContract', stored: c.stored, breaking: pay({ paidOn: '2025-01-01', amount: 1 }) },
    { code: 'disbursement.aboveContract', stored: c.stored, breaking: pay({ amount: 48_000_001 }) },
    { code: 'disbursement.aboveAllocation', stored: c.stored, breaking: pay({ contractId: null, amount: 50_000_001 }) },
    { code: 'fiscalStats.duplicateMonth', stored: [['fiscalStats', october], ['fiscalStats', november]], breaking: { edit: ['fiscalStats', november], changes: { month: 10 } } },
    { code: 'ordinance.duplicateYear', stored: [['ordinances', ORDINANCE], ['ordinances', fy2569]], breaking: { edit: ['ordinances', fy2569], changes: { fiscalYear: 2568 } } },
    { code: 'ordinance.totalBelowItems', stored: c.stored, breaking: { edit: ['ordinances', c.ordinance], changes: { total: 49_999_999 } } },
    { code: 'ordinanceItem.aboveOrdinanceTotal', stored: c.stored, breaking: ['ordinanceItems', rec('ordinanceItems', { ordinanceId: c.ordinance.id, planProjectId: null, allocated: 2_950_000_001 })] },
    { code: 'contract.aboveAllocation', stored: c.stored, breaking: ['contracts', rec('contracts', { ordinanceItemId: c.item.id, amount: 2_000_001 })] },
    // Both clocks read 15 Jan 2026 (below): a report dated in February has not happened yet.
    { code: 'date.inFuture', stored: [], breaking: ['quarterReports', rec('quarterReports', { quarter: 1, reportedOn: '2026-02-01' })] },
    { code: 'quarterReport.duplicate', stored: [['quarterReports', q1], ['quarterReports', q2]], breaking: { edit: ['quarterReports', q2], changes: { quarter: 1 } } },
  ];
}

const codesOf = (issues: Array<{ code: string }> | undefined) => (issues ?? []).map((i) => i.code);

async function laptopCodes(db: EplanDb, scenario: Scenario): Promise<string[]> {
  const userId = uuidv7();
  for (const [table, record] of scenario.stored) {
    const saved = await saveRecord(db, table, record, { userId });
    if (!saved.ok) throw new Error(`${scenario.code}: storing ${table} failed: ${JSON.stringify(saved.error)}`);
  }
  const [table, input] = 'edit' in scenario.breaking ? [scenario.breaking.edit[0], { ...scenario.breaking.edit[1], ...scenario.breaking.changes }] : scenario.breaking;
  const saved = await saveRecord(db, table, input, { userId });
  return saved.ok || saved.error.code !== 'VALIDATION_FAILED' ? [] : codesOf(saved.error.issues);
}

describe('the rules declared in shared/domain/rules.ts', () => {
  it('each have a scenario here, for each of their codes', () => {
    expect(scenarios().map((s) => s.code).sort()).toEqual([...new Set(CONTEXT_RULES.flatMap((r) => r.codes))].sort());
  });
});

/** The one instant both sides read: the laptop through shared/clock, the server through its own clock. */
const NOW = '2026-01-15T03:00:00Z';
let restoreClock = () => {};
beforeAll(() => {
  restoreClock = setClock(fixedClock(NOW));
});
afterAll(() => restoreClock());

describe.each(testBackends)('the server on $kind refuses every write the laptop refuses', (backend) => {
  const world = useTestWorld(backend, { now: () => new Date(NOW) });

  // Fresh records for each: scenarios() makes new ids on every call.
  it.each(scenarios().map((s) => s.code))('%s', async (code) => {
    const scenario = scenarios().find((s) => s.code === code)!;
    const db = openLocalDb(`parity-${backend.kind}-${code}`);
    await db.laos.put({ id: LAO_A, code: '9900001', type: 'SAO', nameTh: 'อบต.เอ', nameEn: 'SAO A', provinceCode: P1, districtCode: '9901' });
    expect(await laptopCodes(db, scenario)).toContain(code);
    db.close();

    const officer = await world.t.login('officer');
    const stored = await push(world.t, officer, scenario.stored.map(([table, record]) => createMutation(table, record)));
    // Applied, or merged for the year's ordinance that an earlier scenario stored already.
    expect(stored.body.results.map((r) => (r.status === 'merged' ? 'applied' : r.status))).toEqual(scenario.stored.map(() => 'applied'));
    const write = scenario.breaking;
    const breaking = 'edit' in write
      ? editMutation(write.edit[0], String(write.edit[1].id), 1, Object.fromEntries(Object.entries(write.changes).map(([field, value]) => [field, { old: write.edit[1][field], new: value }])))
      : createMutation(write[0], write[1]);
    const refused = await push(world.t, officer, [breaking]);
    expect(refused.body.results[0]).toMatchObject({ status: 'rejected', code: 'VALIDATION_FAILED' });
    expect(codesOf(refused.body.results[0]!.issues)).toContain(code);
  });
});
