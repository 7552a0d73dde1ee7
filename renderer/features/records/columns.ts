import type { GridColDef } from '@mui/x-data-grid';
import type { StoredRecord } from '../../data/db';
import { getPath } from './convert';
import type { ColumnContext, ColumnDef, TableDef } from './types';

function header(def: TableDef, column: ColumnDef, ctx: ColumnContext): string {
  const key = column.label ?? `${def.table}.fields.${column.field}`;
  return ctx.t(key, { defaultValue: ctx.t(`${def.table}.columns.${column.field}`) });
}

/** A category's columns as DataGrid columns: values as the officer reads them. */
export function gridColumns(def: TableDef, ctx: ColumnContext): GridColDef<StoredRecord>[] {
  return def.columns.map((column) => {
    const raw = (row: StoredRecord) => (column.value ? column.value(row, ctx) : getPath(row, column.field));
    const base: GridColDef<StoredRecord> = {
      field: column.field,
      headerName: header(def, column, ctx),
      flex: column.flex,
      width: column.width,
      minWidth: column.flex ? 160 : undefined,
    };
    switch (column.kind) {
      case 'money':
        return { ...base, type: 'number', valueGetter: (_v, row) => Number(raw(row) ?? 0), valueFormatter: (v: number) => ctx.format.baht(v) };
      case 'integer':
        return { ...base, type: 'number', valueGetter: (_v, row) => raw(row) as number };
      case 'date':
        return { ...base, valueGetter: (_v, row) => (raw(row) as string | null) ?? '', valueFormatter: (v: string) => (v ? ctx.format.date(v) : '—') };
      case 'option':
        return {
          ...base,
          valueGetter: (_v, row) => {
            const value = String(raw(row) ?? '');
            return column.optionLabel ? column.optionLabel(value, ctx) : ctx.t(`${column.optionsKey}.${value}`);
          },
        };
      case 'reference':
        return {
          ...base,
          valueGetter: (_v, row) => {
            const target = ctx.lookup(column.reference!.table, raw(row));
            return target ? column.reference!.label(target, ctx) : '—';
          },
        };
      default:
        return { ...base, valueGetter: (_v, row) => raw(row) ?? '' };
    }
  });
}

const normalize = (text: string) => text.toLocaleLowerCase().replace(/,/g, '');

/** What the officer sees in a row ('15 พ.ย. 2569', '12,500.50 บาท', names), once per row, for the section's search box. */
export function searchTextOf(def: TableDef, ctx: ColumnContext): (row: StoredRecord) => string {
  const parts = def.columns.map((column) => {
    const raw = (row: StoredRecord) => (column.value ? column.value(row, ctx) : getPath(row, column.field));
    switch (column.kind) {
      case 'money':
        return (row: StoredRecord) => ctx.format.baht(Number(raw(row) ?? 0));
      case 'date':
        return (row: StoredRecord) => { const v = raw(row); return v ? `${ctx.format.date(String(v))} ${String(v)}` : ''; };
      case 'option':
        return (row: StoredRecord) => { const v = String(raw(row) ?? ''); return column.optionLabel ? column.optionLabel(v, ctx) : ctx.t(`${column.optionsKey}.${v}`); };
      case 'reference':
        return (row: StoredRecord) => { const target = ctx.lookup(column.reference!.table, raw(row)); return target ? column.reference!.label(target, ctx) : ''; };
      default:
        return (row: StoredRecord) => String(raw(row) ?? '');
    }
  });
  return (row) => normalize(parts.map((part) => part(row)).join(' '));
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
