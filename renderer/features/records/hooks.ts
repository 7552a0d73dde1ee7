import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { hasFiscalYear, type RecordTable } from '../../../shared/domain/tables';
import { useFormat, withTimes } from '../../app/format';
import { localDb, type StoredRecord } from '../../data/db';
import { laoRecords } from '../../data/queries';
import type { LabelContext, TableDef } from './types';

/** Language, formatters and the records namespace, as category labels need them. */
export function useLabelContext(): LabelContext {
  const { t, i18n } = useTranslation('records');
  const format = useFormat();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  return useMemo(() => ({ lang, format: withTimes(format), t: (key, params) => t(key, params ?? {}) as string }), [lang, format, t]);
}

/** The tables a category's fields and columns point at. */
/** The stored record, live: what a pull or another window wrote since the form opened. */
export function useLiveRecord(table: string, id: string | undefined): StoredRecord | undefined {
  return useLiveQuery(() => (id ? localDb().table<StoredRecord, string>(table).get(id) : undefined), [table, id]);
}

export function referencedTables(def: TableDef): RecordTable[] {
  const tables = [
    ...def.fields.flatMap((f) => (f.reference ? [f.reference.table] : [])),
    ...def.columns.flatMap((c) => (c.reference ? [c.reference.table] : [])),
  ];
  if (def.table === 'disbursements') tables.push('ordinanceItems');
  return [...new Set(tables)];
}

export type ReferenceData = ReadonlyMap<RecordTable, StoredRecord[]>;

/** The LAO's records a category refers to (its items, contracts, plans), kept live. */
export function useReferenceData(def: TableDef, laoId: string, fiscalYear: number) {
  const tables = referencedTables(def);
  const key = tables.join(',');
  const data = useLiveQuery(async () => {
    const db = localDb();
    const entries = await Promise.all(
      key.split(',').filter(Boolean).map(async (table) => {
        const t = table as RecordTable;
        return [t, await laoRecords(db, t, laoId, hasFiscalYear(t) ? fiscalYear : undefined)] as const;
      }),
    );
    return new Map(entries) as ReferenceData;
  }, [key, laoId, fiscalYear]);
  const index = useMemo(() => {
    const byId = new Map<string, StoredRecord>();
    for (const rows of data?.values() ?? []) for (const row of rows) byId.set(row.id, row);
    return byId;
  }, [data]);
  const lookup = useCallback((_table: RecordTable, id: unknown) => (typeof id === 'string' ? index.get(id) : undefined), [index]);
  return { data: data ?? new Map(), lookup, ready: data !== undefined };
}
