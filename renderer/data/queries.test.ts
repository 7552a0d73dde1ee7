import { describe, expect, it } from 'vitest';
import type { StoredRecord } from './db';
import { fiscalSummary } from './queries';

const row = (fields: Record<string, unknown>) => ({ id: String(Math.random()), laoId: 'l', deleted: false, ...fields }) as unknown as StoredRecord;

describe('an LAO\'s fiscal summary', () => {
  it('takes the plan covering the year, the year\'s ordinance, contracts and payments; deleted ones do not count', () => {
    const summary = fiscalSummary({
      plans: [row({ startYear: 2561, years: 5, status: 'approved' }), row({ startYear: 2566, years: 5, status: 'submitted' })],
      ordinances: [row({ fiscalYear: 2570, total: 1_000_000 }), row({ fiscalYear: 2569, total: 5 })],
      ordinanceItems: [row({ fiscalYear: 2570, allocated: 600_000 }), row({ fiscalYear: 2570, allocated: 100, deleted: true })],
      contracts: [row({ fiscalYear: 2570, amount: 300_000 }), row({ fiscalYear: 2569, amount: 9 })],
      disbursements: [row({ fiscalYear: 2570, amount: 123_450 }), row({ fiscalYear: 2570, amount: 1, deleted: true })],
    }, 2570);
    expect(summary).toEqual({
      plan: { startYear: 2566, endYear: 2570, status: 'submitted' },
      ordinanceTotal: 1_000_000,
      itemsAllocated: 600_000,
      committed: 300_000,
      disbursed: 123_450,
      percentDisbursed: 12.3,
    });
  });

  it('has no percentage without an ordinance', () => {
    const summary = fiscalSummary({ plans: [], ordinances: [], contracts: [], disbursements: [row({ fiscalYear: 2570, amount: 5 })] }, 2570);
    expect(summary.plan).toBeNull();
    expect(summary.ordinanceTotal).toBeNull();
    expect(summary.percentDisbursed).toBeNull();
  });
});
