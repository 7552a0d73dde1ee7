/** The cross-record facts validateRecord needs, read from the server's rows of one LAO. */
import { buildValidationContext, type ContextRecords, type ValidationContext } from '../../shared/domain/index';
import type { RecordTable } from '../../shared/domain/tables';
import type { Queryable } from '../store/db';
import { RECORD_ROW_COLUMNS, toWireRecord, type RecordRow } from './records';

const CONTEXT_TABLES = ['plans', 'planProjects', 'ordinances', 'ordinanceItems', 'contracts', 'disbursements'] as const;

// The tables whose rules look at other records (shared/domain/rules.ts).
const NEEDS_RELATED = new Set<RecordTable>(['planAmendments', 'planProjects', 'ordinanceItems', 'contracts', 'disbursements']);

export async function contextFor(tx: Queryable, table: RecordTable, laoId: string, savingId: string): Promise<ValidationContext> {
  if (!NEEDS_RELATED.has(table)) return buildValidationContext({ laoIds: [laoId] });
  const { rows } = await tx.query<RecordRow>(
    `SELECT ${RECORD_ROW_COLUMNS} FROM records WHERE lao_id = $1 AND NOT deleted AND table_name = ANY($2::text[]) AND id <> $3`,
    [laoId, CONTEXT_TABLES, savingId],
  );
  const byTable: Record<string, unknown[]> = Object.fromEntries(CONTEXT_TABLES.map((t) => [t, []]));
  for (const row of rows) byTable[row.table_name]?.push(toWireRecord(row));
  return buildValidationContext({ laoIds: [laoId], ...byTable } as unknown as ContextRecords);
}
