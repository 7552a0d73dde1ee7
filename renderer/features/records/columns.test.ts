import { describe, expect, it } from 'vitest';
import { makeFormatters } from '../../app/format';
import type { StoredRecord } from '../../data/db';
import { disbursementDef } from './categories';
import { filterBySearch, nextSort, searchTextOf, sortRows, tableColumns } from './columns';
import type { ColumnContext } from './types';

const format = makeFormatters('th');
const items: Record<string, StoredRecord> = {
  'item-road': { id: 'item-road', name: 'ถนนคอนกรีต หมู่ 3', outcome: 'completed' } as unknown as StoredRecord,
  'item-well': { id: 'item-well', name: 'ขุดลอกบ่อน้ำ', outcome: 'carried_over' } as unknown as StoredRecord,
};
const ctx: ColumnContext = {
  lang: 'th',
  format: { ...format, time: () => '10:00', dateTime: (iso) => iso },
  t: (key, params) => (params?.quarter ? `ไตรมาส ${String(params.quarter)}` : key),
  lookup: (table, id) => (table === 'ordinanceItems' ? items[String(id)] : undefined),
};
const payment = (id: string, paidOn: string, amount: number, item: string) =>
  ({ id, paidOn, amount, ordinanceItemId: item, contractId: null } as unknown as StoredRecord);
const rows = [payment('a', '2026-12-01', 1_250_050, 'item-road'), payment('b', '2026-10-15', 90_000_00, 'item-well'), payment('c', '2027-01-20', 500_00, 'item-road')];

describe('the columns of a record list', () => {
  const columns = tableColumns(disbursementDef, ctx);
  const column = (field: string) => columns.find((c) => c.field === field)!;

  it('shows cells as the officer reads them and sorts by the value behind them', () => {
    expect(column('amount').text(rows[0]!)).toBe(format.baht(1_250_050));
    expect(column('amount').align).toBe('right');
    expect(column('amount').sortValue(rows[0]!)).toBe(1_250_050);
    expect(column('paidOn').text(rows[1]!)).toBe(format.date('2026-10-15'));
    expect(column('paidOn').sortValue(rows[1]!)).toBe('2026-10-15');
    expect(column('ordinanceItemId').text(rows[1]!)).toBe('ขุดลอกบ่อน้ำ');
    expect(column('contractId').text(rows[1]!)).toBe('—');
  });

  it('sorts numbers as numbers, dates by their ISO value and names in Thai order, and back to the list order', () => {
    const ids = (sorted: readonly StoredRecord[]) => sorted.map((row) => row.id).join('');
    let sort = nextSort(null, 'amount');
    expect(sort).toEqual({ field: 'amount', direction: 'asc' });
    expect(ids(sortRows(rows, columns, sort))).toBe('cab');
    sort = nextSort(sort, 'amount');
    expect(ids(sortRows(rows, columns, sort))).toBe('bac');
    sort = nextSort(sort, 'amount');
    expect(sort).toBeNull();
    expect(sortRows(rows, columns, sort)).toBe(rows);
    expect(ids(sortRows(rows, columns, { field: 'paidOn', direction: 'asc' }))).toBe('bac');
    // ข (kho khai) comes before ถ (tho thung) in the Thai alphabet.
    expect(ids(sortRows(rows, columns, { field: 'ordinanceItemId', direction: 'asc' }))[0]).toBe('b');
  });

  it('finds rows by what they show: every typed word, commas and case ignored', () => {
    const text = searchTextOf(columns);
    const texts = new Map(rows.map((row) => [row.id, text(row)]));
    expect(filterBySearch(rows, texts, '')).toBe(rows);
    expect(filterBySearch(rows, texts, '12,500.50').map((row) => row.id)).toEqual(['a']);
    expect(filterBySearch(rows, texts, '12500.50').map((row) => row.id)).toEqual(['a']);
    expect(filterBySearch(rows, texts, 'ถนน 2027-01').map((row) => row.id)).toEqual(['c']);
    expect(filterBySearch(rows, texts, 'ไม่มีคำนี้')).toEqual([]);
  });
});
