import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECORD_TABLES } from '../domain/tables';
import { judgesRecord, lockingSignOff, type SignOff } from './signoff';
import type { RuleSpec } from './template';

const LAO = '0190c4e2-0000-7000-8000-000000000001';
const signOff = (rule: RuleSpec, overrides: Partial<SignOff> = {}): SignOff => ({
  id: '0190c4e2-0000-7000-8000-0000000005f1', provinceCode: '99', laoId: LAO, fiscalYear: 2570, taskId: 't', rule, month: null,
  signedBy: 'sup', signedAt: '2027-04-10T03:00:00.000Z', note: '', reopenedBy: null, reopenedAt: null, reopenReason: null, ...overrides,
});

describe('what a signed-off task locks', () => {
  it('locks a quarter\'s report and its disbursements, not the next quarter\'s; verified also the quarters before and the ordinance', () => {
    const progress = { kind: 'quarterProgress', quarter: 2 } as const;
    expect(judgesRecord(progress, 2570, null, 'quarterReports', { fiscalYear: 2570, quarter: 2 })).toBe(true);
    expect(judgesRecord(progress, 2570, null, 'quarterReports', { fiscalYear: 2570, quarter: 1 })).toBe(false);
    expect(judgesRecord(progress, 2570, null, 'disbursements', { fiscalYear: 2570, paidOn: '2027-02-10' })).toBe(true);
    expect(judgesRecord(progress, 2570, null, 'disbursements', { fiscalYear: 2570, paidOn: '2027-04-01' })).toBe(false);
    expect(judgesRecord(progress, 2570, null, 'ordinances', { fiscalYear: 2570 })).toBe(false);
    const verified = { kind: 'quarterVerified', quarter: 2 } as const;
    expect(judgesRecord(verified, 2570, null, 'quarterReports', { fiscalYear: 2570, quarter: 1 })).toBe(true);
    expect(judgesRecord(verified, 2570, null, 'disbursements', { fiscalYear: 2570, paidOn: '2026-10-01' })).toBe(true);
    expect(judgesRecord(verified, 2570, null, 'ordinances', { fiscalYear: 2570 })).toBe(true);
    expect(judgesRecord(verified, 2570, null, 'ordinances', { fiscalYear: 2571 })).toBe(false);
  });

  it('leaves an item\'s outcome open under the ordinance\'s sign-off, not under a closed year\'s', () => {
    const item = { laoId: LAO, fiscalYear: 2570, allocated: 100, outcome: 'open' };
    const passed = [signOff({ kind: 'ordinancePassed' })];
    expect(lockingSignOff(passed, 'ordinanceItems', item, { ...item, outcome: 'completed' }, ['outcome'])).toBeUndefined();
    expect(lockingSignOff(passed, 'ordinanceItems', item, { ...item, allocated: 90 }, ['allocated'])).toBeDefined();
    const closed = [signOff({ kind: 'yearDisbursed' })];
    expect(lockingSignOff(closed, 'ordinanceItems', item, { ...item, outcome: 'completed' }, ['outcome'])).toBeDefined();
  });

  it('refuses moving a record into or out of a locked period, and locks nothing once reopened or for another LAO', () => {
    const locks = [signOff({ kind: 'ordinancePassed' })];
    const ordinance = { laoId: LAO, fiscalYear: 2569 };
    expect(lockingSignOff(locks, 'ordinances', ordinance, { ...ordinance, fiscalYear: 2570 }, ['fiscalYear'])).toBeDefined();
    expect(lockingSignOff(locks, 'ordinances', { ...ordinance, fiscalYear: 2570 }, ordinance, ['fiscalYear'])).toBeDefined();
    expect(lockingSignOff(locks, 'ordinances', undefined, ordinance, ['fiscalYear'])).toBeUndefined();
    expect(lockingSignOff([signOff({ kind: 'ordinancePassed' }, { reopenedAt: '2027-05-01T00:00:00.000Z' })], 'ordinances', undefined, { ...ordinance, fiscalYear: 2570 }, [])).toBeUndefined();
    expect(lockingSignOff(locks, 'ordinances', undefined, { laoId: 'other', fiscalYear: 2570 }, [])).toBeUndefined();
  });

  it('locks the months up to the one signed off for an every-month task, and nothing for grants', () => {
    const march = { year: 2027, month: 3 };
    expect(judgesRecord({ kind: 'fiscalStatsCurrent' }, 2570, march, 'fiscalStats', { fiscalYear: 2570, year: 2027, month: 3 })).toBe(true);
    expect(judgesRecord({ kind: 'fiscalStatsCurrent' }, 2570, march, 'fiscalStats', { fiscalYear: 2570, year: 2027, month: 4 })).toBe(false);
    expect(judgesRecord({ kind: 'antiDrugCurrent' }, 2570, march, 'antiDrugActivities', { fiscalYear: 2570, heldOn: '2027-03-31' })).toBe(true);
    expect(judgesRecord({ kind: 'antiDrugCurrent' }, 2570, march, 'antiDrugActivities', { fiscalYear: 2570, heldOn: '2027-04-01' })).toBe(false);
    fc.assert(fc.property(fc.constantFrom(...RECORD_TABLES), fc.dictionary(fc.string(), fc.anything()), (table, record) => {
      expect(judgesRecord({ kind: 'grantsCurrent' }, 2570, march, table, record)).toBe(false);
    }));
  });

  it('never throws on any record shape', () => {
    const kinds: RuleSpec[] = [
      { kind: 'previousYearDisbursed' }, { kind: 'planSubmitted' }, { kind: 'ordinancePassed' }, { kind: 'quarterProgress', quarter: 3 },
      { kind: 'quarterVerified', quarter: 4 }, { kind: 'yearDisbursed' }, { kind: 'fiscalStatsCurrent' }, { kind: 'antiDrugCurrent' },
    ];
    fc.assert(fc.property(fc.constantFrom(...kinds), fc.constantFrom(...RECORD_TABLES), fc.dictionary(fc.string(), fc.anything()), (rule, table, record) => {
      expect(typeof judgesRecord(rule, 2570, { year: 2027, month: 1 }, table, record)).toBe('boolean');
    }));
  });
});
