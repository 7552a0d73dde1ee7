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
