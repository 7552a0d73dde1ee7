/** Which rows of a record table the raw workbook holds. Pure. */
import type { RecordTable } from '../domain/tables';

/** Live rows of the selected LAOs and fiscal year (tables without a fiscal year keep every row). */
export function selectRows<T extends { laoId: string; deleted: boolean; fiscalYear?: number }>(
  rows: readonly T[], laoIds: ReadonlySet<string>, fiscalYear: number,
): T[] {
  return rows.filter((r) => !r.deleted && laoIds.has(r.laoId) && (r.fiscalYear === undefined || r.fiscalYear === fiscalYear));
}

export type RawTable = Exclude<RecordTable, 'fieldVisits'>;
