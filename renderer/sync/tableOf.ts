/**
 * Which table a snapshot row belongs to. The server's snapshot rows carry no
 * table name yet (WireRecord lacks it); until they do, the table whose shared
 * schema accepts the row is taken, trying first the tables whose required
 * fields the row has (almost always exactly one).
 */
import { RECORD_SCHEMAS, validateRecord } from '../../shared/domain';
import { isEnvelopeField } from '../../shared/domain/record';
import { RECORD_TABLES, type RecordTable } from '../../shared/domain/tables';
import type { WireRecord } from '../../shared/sync/protocol';
import { isRecordTable } from '../../shared/domain/tables';

type Shaped = { shape?: Record<string, { isOptional?: () => boolean }> };

/** Per table, the required fields beyond the envelope (empty when the schema shows no shape). */
const REQUIRED: ReadonlyArray<[RecordTable, string[]]> = RECORD_TABLES.map((table) => {
  const shape = (RECORD_SCHEMAS[table] as unknown as Shaped).shape ?? {};
  return [table, Object.entries(shape).filter(([field, type]) => !isEnvelopeField(field) && field !== 'fiscalYear' && !type.isOptional?.()).map(([field]) => field)];
});

export function tableOfSnapshotRecord(record: WireRecord): RecordTable | null {
  const named = record.table ?? record.tableName;
  if (typeof named === 'string' && isRecordTable(named)) return named;
  const likely = REQUIRED.filter(([, fields]) => fields.every((field) => field in record)).map(([table]) => table);
  for (const table of [...likely, ...RECORD_TABLES.filter((t) => !likely.includes(t))]) {
    if (validateRecord(table, record, {}).ok) return table;
  }
  return null;
}
