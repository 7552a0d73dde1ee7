import { describe, expect, it } from 'vitest';
import { FIXTURE_IDS } from './fixtures';
import type { ItemOutcome } from './ordinance';
import type { ValidationContext } from './rules';
import { disbursementQuarter } from './disbursement';
import { validateRecord } from './index';
import { fixtureRecord } from './fixtures';
import { check } from './testUtil';

// Item allocated 500,000.00; contract 480,000.00; 300,000.00 already paid on both.
function ctx(outcome: ItemOutcome = 'open', paid = 30_000_000): ValidationContext {
  return {
    related: {
      ordinanceItem: (id) => (id === FIXTURE_IDS.item ? { fiscalYear: 2568, allocated: 50_000_000, outcome } : undefined),
      contract: (id) =>
        id === FIXTURE_IDS.contract ? { ordinanceItemId: FIXTURE_IDS.item, amount: 48_000_000, signedOn: '2025-01-15' } : undefined,
      disbursedSum: () => paid,
    },
  };
}

describe('contract', () => {
  it('is signed inside its fiscal year, or the next one when the item is carried over', () => {
    expect(check('contracts', {}, ctx())).toEqual([]);
    expect(check('contracts', { signedOn: '2024-09-30' }, ctx())).toEqual(['signedOn:date.outsideFiscalYear']);
    expect(check('contracts', { signedOn: '2025-10-01' }, ctx())).toEqual(['signedOn:date.outsideFiscalYear']);
    expect(check('contracts', { signedOn: '2025-10-01' }, ctx('carried_over'))).toEqual([]);
    expect(check('contracts', { signedOn: '2026-10-01' }, ctx('carried_over'))).toEqual(['signedOn:date.outsideCarryOverWindow']);
    // Without lookups the plain fiscal-year rule still applies.
    expect(check('contracts', { signedOn: '2025-10-01' })).toEqual(['signedOn:date.outsideFiscalYear']);
  });

  it('belongs to a known item of the same fiscal year', () => {
    expect(check('contracts', { ordinanceItemId: FIXTURE_IDS.plan }, ctx())).toEqual(['ordinanceItemId:ordinanceItem.unknown']);
    expect(check('contracts', { fiscalYear: 2569, signedOn: '2025-10-15' }, ctx())).toEqual(['fiscalYear:fiscalYear.mismatch']);
  });

  it('checks its fields', () => {
    expect(check('contracts', { procurementMethod: 'auction', number: '' })).toEqual([
      'number:field.required',
      'procurementMethod:field.invalidOption',
    ]);
    expect(check('contracts', { amount: -100 })).toEqual(['amount:amount.negative']);
  });
});

describe('disbursement', () => {
  it('derives its quarter from the payment date', () => {
    expect(disbursementQuarter({ paidOn: '2025-04-20' })).toEqual({ fiscalYear: 2568, quarter: 3 });
  });

  it('is paid inside the fiscal year and after the contract was signed', () => {
    expect(check('disbursements', { amount: 1_000_000 }, ctx())).toEqual([]);
    expect(check('disbursements', { amount: 1_000_000, paidOn: '2025-10-01' }, ctx())).toEqual([
      'paidOn:date.outsideFiscalYear',
    ]);
    expect(check('disbursements', { amount: 1_000_000, paidOn: '2025-01-14' }, ctx())).toEqual([
      'paidOn:disbursement.beforeContract',
    ]);
  });

  it('never exceeds the contract or the allocation without a reason', () => {
    // 300,000 paid + 180,000 = contract amount exactly: fine.
    expect(check('disbursements', { amount: 18_000_000 }, ctx())).toEqual([]);
    const over = validateRecord('disbursements', { ...fixtureRecord('disbursements'), amount: 18_000_001 }, ctx());
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.error).toEqual([{ path: 'amount', code: 'disbursement.aboveContract', params: { available: '180,000.00' } }]);
    expect(check('disbursements', { amount: 18_000_001, overrideReason: 'ขยายสัญญาตามมติ' }, ctx())).toEqual([]);
    expect(check('disbursements', { amount: 18_000_001, overrideReason: '  ' }, ctx())).toEqual([
      'amount:disbursement.aboveContract',
    ]);
    // Without a contract the item allocation is the limit.
    expect(check('disbursements', { contractId: null, amount: 20_000_000 }, ctx())).toEqual([]);
    expect(check('disbursements', { contractId: null, amount: 20_000_001 }, ctx())).toEqual([
      'amount:disbursement.aboveAllocation',
    ]);
    expect(check('disbursements', { amount: 60_000_000 }, ctx('open', 0))).toEqual([
      'amount:disbursement.aboveContract',
      'amount:disbursement.aboveAllocation',
    ]);
  });

  it('refers to a known contract of the same item', () => {
    expect(check('disbursements', { amount: 1, contractId: FIXTURE_IDS.plan }, ctx())).toEqual(['contractId:contract.unknown']);
    const other: ValidationContext = {
      related: { ...ctx().related, contract: () => ({ ordinanceItemId: FIXTURE_IDS.plan, amount: 1e9, signedOn: '2024-10-01' }) },
    };
    expect(check('disbursements', { amount: 1 }, other)).toEqual(['contractId:contract.itemMismatch']);
  });

  it('refuses negative and fractional amounts', () => {
    expect(check('disbursements', { amount: -1 })).toEqual(['amount:amount.negative']);
    expect(check('disbursements', { amount: 0.5 })).toEqual(['amount:amount.notInteger']);
    expect(check('disbursements', { paidOn: '2025-02-29' })).toEqual(['paidOn:date.invalid']);
    expect(check('disbursements', { paidOn: '20/04/2568' })).toEqual(['paidOn:date.format']);
  });
});
