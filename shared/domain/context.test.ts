import { describe, expect, it } from 'vitest';
import { buildValidationContext } from './context';
import { FIXTURE_IDS, fixtureRecord } from './fixtures';
import { validateRecord, type RecordOf } from './index';

const rec = <T extends Parameters<typeof fixtureRecord>[0]>(table: T, patch: Record<string, unknown> = {}) =>
  ({ ...fixtureRecord(table), ...patch }) as unknown as RecordOf<T>;

describe('buildValidationContext', () => {
  const paid = rec('disbursements', { amount: 30_000_000 });
  const ctx = buildValidationContext({
    laoIds: [FIXTURE_IDS.lao],
    plans: [rec('plans')],
    ordinances: [rec('ordinances')],
    ordinanceItems: [rec('ordinanceItems')],
    contracts: [rec('contracts')],
    disbursements: [paid, rec('disbursements', { id: FIXTURE_IDS.grant, amount: 99, deleted: true })],
  });

  it('looks up live records and sums disbursements, excluding the record itself and tombstones', () => {
    expect(ctx.knownLaoIds?.has(FIXTURE_IDS.lao)).toBe(true);
    expect(ctx.related?.plan?.(FIXTURE_IDS.plan)?.years).toBe(5);
    expect(ctx.related?.disbursedSum?.({ ordinanceItemId: FIXTURE_IDS.item }, 'new')).toBe(30_000_000);
    expect(ctx.related?.disbursedSum?.({ contractId: FIXTURE_IDS.contract }, paid.id)).toBe(0);
    expect(ctx.related?.planProject).toBeUndefined();
  });

  it('lets an edit of an existing payment reuse its own amount', () => {
    expect(validateRecord('disbursements', { ...paid, amount: 48_000_000 }, ctx).ok).toBe(true);
    const second = { ...paid, id: '0190c4e2-0000-7000-8000-0000000000ff', amount: 18_000_001 };
    expect(validateRecord('disbursements', second, ctx).ok).toBe(false);
  });
});

describe('one record per period', () => {
  const stats = fixtureRecord('fiscalStats') as RecordOf<'fiscalStats'>;
  const report = fixtureRecord('quarterReports') as RecordOf<'quarterReports'>;
  const other = '0190c4e2-0000-7000-8000-0000000000ff';

  it('refuses a second month of fiscal statistics and a second report of a quarter', () => {
    const ctx = buildValidationContext({ fiscalStats: [stats], quarterReports: [report] });
    const secondStats = validateRecord('fiscalStats', { ...stats, id: other }, ctx);
    expect(!secondStats.ok && secondStats.error).toContainEqual(expect.objectContaining({ path: 'month', code: 'fiscalStats.duplicateMonth' }));
    const secondReport = validateRecord('quarterReports', { ...report, id: other }, ctx);
    expect(!secondReport.ok && secondReport.error).toContainEqual(expect.objectContaining({ path: 'quarter', code: 'quarterReport.duplicate' }));
  });

  it('lets the record itself be edited, another month be added, and a deleted one be replaced', () => {
    expect(validateRecord('fiscalStats', stats, buildValidationContext({ fiscalStats: [stats] })).ok).toBe(true);
    const nextMonth = { ...stats, id: other, month: stats.month === 12 ? 1 : stats.month + 1, year: stats.month === 12 ? stats.year + 1 : stats.year };
    expect(validateRecord('fiscalStats', nextMonth, buildValidationContext({ fiscalStats: [stats] })).ok).toBe(true);
    const deleted = { ...stats, deleted: true };
    expect(validateRecord('fiscalStats', { ...stats, id: other }, buildValidationContext({ fiscalStats: [deleted] })).ok).toBe(true);
  });
});
