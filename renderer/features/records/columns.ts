import type { StoredRecord } from '../../data/db';
import { getPath } from './convert';
import type { ColumnContext, ColumnDef, TableDef } from './types';

/** One column of a record list: what it is called, how a row reads in it and how rows sort by it. */
export interface TableColumn {
  field: string;
  header: string;
  /** Fixed width in px, or a share of the free width (at least minWidth). */
  width?: number;
  flex?: number;
  minWidth?: number;
  align: 'left' | 'right';
  /** The cell as the officer reads it ('15 พ.ย. 2569', '12,500.00 บาท'). */
  text: (row: StoredRecord) => string;
  /** What the column sorts by: the number or ISO date behind the text. */
  sortValue: (row: StoredRecord) => string | number;
  /** What the section's search box matches: the text, a date also as ISO, nothing for an empty cell. */
  searchText: (row: StoredRecord) => string;
}

export type TableSort = { field: string; direction: 'asc' | 'desc' } | null;

const collator = new Intl.Collator('th', { numeric: true });

/** The rows in the column's order (numbers as numbers, text in Thai dictionary order); the list's own order without a sort. */
export function sortRows(rows: readonly StoredRecord[], columns: readonly TableColumn[], sort: TableSort): readonly StoredRecord[] {
  const column = sort && columns.find((c) => c.field === sort.field);
  if (!sort || !column) return rows;
  const keyed = rows.map((row) => ({ row, key: column.sortValue(row) }));
  const sign = sort.direction === 'asc' ? 1 : -1;
  keyed.sort((a, b) => sign * (typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : collator.compare(String(a.key), String(b.key))));
  return keyed.map((entry) => entry.row);
}

/** A click on a column header: ascending, then descending, then back to the list's order. */
export function nextSort(sort: TableSort, field: string): TableSort {
  if (sort?.field !== field) return { field, direction: 'asc' };
  return sort.direction === 'asc' ? { field, direction: 'desc' } : null;
}

function header(def: TableDef, column: ColumnDef, ctx: ColumnContext): string {
  const key = column.label ?? `${def.table}.fields.${column.field}`;
  return ctx.t(key, { defaultValue: ctx.t(`${def.table}.columns.${column.field}`) });
}

/** A category's columns as the list shows them: values as the officer reads them. */
export function tableColumns(def: TableDef, ctx: ColumnContext): TableColumn[] {
  return def.columns.map((column) => {
    const raw = (row: StoredRecord) => (column.value ? column.value(row, ctx) : getPath(row, column.field));
    const base = { field: column.field, header: header(def, column, ctx), flex: column.flex, width: column.width, minWidth: column.flex ? 160 : undefined };
    switch (column.kind) {
      case 'money': {
        const value = (row: StoredRecord) => Number(raw(row) ?? 0);
        const text = (row: StoredRecord) => ctx.format.baht(value(row));
        return { ...base, align: 'right', sortValue: value, text, searchText: text };
      }
      case 'integer': {
        const value = (row: StoredRecord) => Number(raw(row) ?? 0);
        const text = (row: StoredRecord) => (raw(row) === null || raw(row) === undefined ? '' : String(value(row)));
        return { ...base, align: 'right', sortValue: value, text, searchText: text };
      }
      case 'date': {
        const value = (row: StoredRecord) => (raw(row) as string | null) ?? '';
        return {
          ...base, align: 'left', sortValue: value,
          text: (row) => (value(row) ? ctx.format.date(value(row)) : '—'),
          searchText: (row) => (value(row) ? `${ctx.format.date(value(row))} ${value(row)}` : ''),
        };
      }
      case 'option': {
        const text = (row: StoredRecord) => {
          const value = String(raw(row) ?? '');
          return column.optionLabel?.(value, ctx) ?? value;
        };
        return { ...base, align: 'left', sortValue: text, text, searchText: text };
      }
      case 'reference': {
        const label = (row: StoredRecord) => {
          const target = ctx.lookup(column.reference!.table, raw(row));
          return target ? column.reference!.label(target, ctx) : '';
        };
        const text = (row: StoredRecord) => label(row) || '—';
        return { ...base, align: 'left', sortValue: text, text, searchText: label };
      }
      default: {
        const text = (row: StoredRecord) => String(raw(row) ?? '');
        const value = (row: StoredRecord) => { const v = raw(row); return typeof v === 'number' ? v : String(v ?? ''); };
        return { ...base, align: 'left', sortValue: value, text, searchText: text };
      }
    }
  });
}

const normalize = (text: string) => text.toLocaleLowerCase().replace(/,/g, '');

/** What the officer sees in a row ('15 พ.ย. 2569', '12,500.50 บาท', names), once per row, for the section's search box. */
export function searchTextOf(columns: readonly TableColumn[]): (row: StoredRecord) => string {
  return (row) => normalize(columns.map((column) => column.searchText(row)).join(' '));
}

/** The rows whose search text holds every word typed, in the list's order; all rows when nothing is typed. */
export function filterBySearch<T extends { id: string }>(rows: readonly T[], texts: ReadonlyMap<string, string>, search: string): readonly T[] {
  const words = normalize(search).split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const text = texts.get(row.id) ?? '';
    return words.every((word) => text.includes(word));
  });
}
