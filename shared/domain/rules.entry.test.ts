/**
 * The cross-record rules an officer meets at entry (issue 15): one ordinance
 * per LAO and fiscal year, contracts within their item, items within their
 * ordinance, no dates after today; and every issue of a record at once.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, setClock } from '../clock';
import { buildValidationContext, type ContextRecords } from './context';
import { FIXTURE_IDS, fixtureRecord } from './fixtures';
import { validateRecord } from './index';
import { PAST_DATE_FIELDS } from './rules';
import type { RecordTable } from './tables';

const OTHER_LAO = '0190c4e2-0000-7000-8000-0000000000aa';
let n = 0;
const newId = () => `0190c4e2-0000-7000-8000-${String(++n).padStart(12, '0')}`;
const record = (table: RecordTable, patch: Record<string, unknown> = {}) => ({ ...fixtureRecord(table), id: newId(), ...patch });
const codes = (table: RecordTable, input: Record<string, unknown>, records: ContextRecords, today = '2025-06-01') => {
  const result = validateRecord(table, input, { ...buildValidationContext({ laoIds: [FIXTURE_IDS.lao, OTHER_LAO], ...records }), today });
  return result.ok ? [] : result.error.map((i) => `${i.path}:${i.code}`);
};
const ordinance = fixtureRecord('ordinances') as never;
const item = fixtureRecord('ordinanceItems') as never;

describe('one ordinance per LAO and fiscal year', () => {
  const held = { ordinances: [ordinance] };

  it('refuses a second ordinance of the same LAO and year, under the fiscal year, naming it', () => {
    const second = record('ordinances');
    const result = validateRecord('ordinances', second, buildValidationContext(held));
    expect(result.ok ? [] : result.error).toContainEqual({ path: 'fiscalYear', code: 'ordinance.duplicateYear', params: { fy: 2568 } });
  });

  it('accepts another year, another LAO, an edit of the one held, and a second once the first is deleted', () => {
    expect(codes('ordinances', record('ordinances', { fiscalYear: 2569, councilPassedOn: '2025-05-20', announcedOn: null }), held)).toEqual([]);
    expect(codes('ordinances', record('ordinances', { laoId: OTHER_LAO }), held)).toEqual([]);
    expect(codes('ordinances', { ...fixtureRecord('ordinances'), total: 3_100_000_000 }, held)).toEqual([]);
    expect(codes('ordinances', record('ordinances'), { ordinances: [{ ...fixtureRecord('ordinances'), deleted: true } as never] })).toEqual([]);
  });
});

describe('an item\'s contracts stay within its allocation', () => {
  it('refuses a contract of 900,000 baht on an 850,000 baht item, under the amount, with what remains', () => {
    const items = [{ ...fixtureRecord('ordinanceItems'), allocated: 85_000_000 } as never];
    const result = validateRecord('contracts', record('contracts', { amount: 90_000_000 }), { ...buildValidationContext({ ordinanceItems: items, contracts: [] }), today: '2025-06-01' });
    expect(result.ok ? [] : result.error).toEqual([{ path: 'amount', code: 'contract.aboveAllocation', params: { available: '850,000.00' } }]);
  });

  it('counts the item\'s other live contracts, not deleted ones nor the contract being edited (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e8 }), fc.array(fc.record({ amount: fc.integer({ min: 0, max: 5e7 }), deleted: fc.boolean() }), { maxLength: 4 }), fc.integer({ min: 0, max: 1e8 }), (allocated, others, amount) => {
        const contracts = others.map((o) => record('contracts', o)) as never[];
        const editing = record('contracts', { amount: 1 });
        const live = others.filter((o) => !o.deleted).reduce((sum, o) => sum + o.amount, 0);
        const found = codes('contracts', { ...editing, amount }, { ordinanceItems: [{ ...fixtureRecord('ordinanceItems'), allocated } as never], contracts: [...contracts, editing as never] });
        expect(found.includes('amount:contract.aboveAllocation')).toBe(live + amount > allocated);
      }),
    );
  });
});

describe('an ordinance\'s items stay within its total', () => {
  it('refuses an item that takes the items above the total, and a total lowered below the items (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e8 }), fc.array(fc.integer({ min: 0, max: 5e7 }), { maxLength: 5 }), fc.integer({ min: 0, max: 1e8 }), (total, others, allocated) => {
        const items = others.map((a) => record('ordinanceItems', { allocated: a })) as never[];
        const sum = others.reduce((s, a) => s + a, 0);
        const withTotal = { ...fixtureRecord('ordinances'), total } as never;
        const itemCodes = codes('ordinanceItems', record('ordinanceItems', { allocated }), { ordinances: [withTotal], ordinanceItems: items });
        expect(itemCodes.includes('allocated:ordinanceItem.aboveOrdinanceTotal')).toBe(sum + allocated > total);
        const totalCodes = codes('ordinances', { ...fixtureRecord('ordinances'), total }, { ordinanceItems: items });
        expect(totalCodes.includes('total:ordinance.totalBelowItems')).toBe(sum > total);
      }),
    );
  });

  it('says how much remains', () => {
    const result = validateRecord('ordinanceItems', record('ordinanceItems', { allocated: 20_000_000 }), buildValidationContext({
      ordinances: [{ ...fixtureRecord('ordinances'), total: 50_000_000 } as never],
      ordinanceItems: [item],
    }));
    expect(result.ok ? [] : result.error).toEqual([{ path: 'allocated', code: 'ordinanceItem.aboveOrdinanceTotal', params: { available: '0.00' } }]);
  });
});

describe('dates of what has happened are not after today', () => {
  let restore = () => {};
  afterEach(() => restore());

  it.each(Object.entries(PAST_DATE_FIELDS).flatMap(([table, fields]) => fields.map((field) => [table, field] as const)))('%s.%s: today is fine, tomorrow is not', (table, field) => {
    const base = fixtureRecord(table as RecordTable);
    // The record's latest date, in the field under test (a plan submitted the day it was approved).
    const day = (PAST_DATE_FIELDS as Record<string, readonly string[]>)[table]!.map((f) => String(base[f] ?? '')).sort().at(-1)!;
    const at = (today: string) => codes(table as RecordTable, { ...base, [field]: day }, {}, today);
    expect(at(day)).toEqual([]);
    const yesterday = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(at(yesterday)).toContain(`${field}:date.inFuture`);
  });

  it('takes today from the one clock when the context names none (Asia/Bangkok)', () => {
    const contract = fixtureRecord('contracts');
    const check = () => validateRecord('contracts', contract, buildValidationContext({}));
    restore = setClock(fixedClock('2025-01-14T16:59:59Z')); // 23:59 on 14 Jan in Bangkok
    expect(check()).toMatchObject({ ok: false, error: [{ path: 'signedOn', code: 'date.inFuture' }] });
    restore();
    restore = setClock(fixedClock('2025-01-14T17:00:00Z')); // 00:00 on 15 Jan in Bangkok
    expect(check().ok).toBe(true);
  });

  it('leaves activities and field visits free to be planned ahead', () => {
    expect(codes('antiDrugActivities', fixtureRecord('antiDrugActivities'), {}, '2025-01-01')).toEqual([]);
    expect(codes('fieldVisits', fixtureRecord('fieldVisits'), {}, '2025-01-01')).toEqual([]);
  });
});

describe('every issue of a record at once', () => {
  it('gives format, cross-field and cross-record issues together, each at its field', () => {
    const items = [{ ...fixtureRecord('ordinanceItems'), allocated: 85_000_000 } as never];
    const contract = record('contracts', { number: '', contractor: 42, signedOn: '2025-07-01', amount: 90_000_000 });
    expect(codes('contracts', contract, { ordinanceItems: items, contracts: [] }).sort()).toEqual([
      'amount:contract.aboveAllocation', 'contractor:field.invalidType', 'number:field.required', 'signedOn:date.inFuture',
    ]);
    const ordinanceInput = { ...record('ordinances'), total: 'many', announcedOn: '2024-08-01' };
    expect(codes('ordinances', ordinanceInput, { ordinances: [ordinance] }).sort()).toEqual([
      'announcedOn:ordinance.announcedBeforePassed', 'fiscalYear:ordinance.duplicateYear', 'total:amount.invalid',
    ]);
  });

  it('holds back a rule whose own field is malformed (it would read a value of the wrong type)', () => {
    const items = [{ ...fixtureRecord('ordinanceItems'), allocated: 85_000_000 } as never];
    expect(codes('contracts', record('contracts', { amount: '900000', signedOn: '2025-07-01' }), { ordinanceItems: items, contracts: [] })).toEqual([
      'amount:amount.invalid', 'signedOn:date.inFuture',
    ]);
  });
});
