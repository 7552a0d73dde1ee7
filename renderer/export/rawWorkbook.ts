/**
 * Raw data: one sheet per record table of each category, for the selected
 * LAOs and fiscal year, columns as the forms lay them out (rawColumns.ts).
 * Written row by row by the streaming writer (xlsx/): a province's raw tables
 * run to 100k rows, which exceljs's in-memory model holds at several times
 * their size.
 */
import type { District, Lao, User } from '../../shared/domain/reference';
import { RECORD_CATEGORIES, type RecordCategory } from '../../shared/domain/tables';
import { selectRows, type RawTable } from '../../shared/export/rawRows';
import type { StoredRecord } from '../data/db';
import { Wording } from './labels';
import { sheetName, type CellValue, type TableSheet } from './layout';
import { headerFacts, type ExportHeader } from './matrixWorkbook';
import { signOffSheet } from './signOffSheet';
import { rawColumns, sortRows, workbookLabelContext, type RawColumn } from './rawColumns';
import { writeTableWorkbook } from './xlsx/streamingWorkbook';

export interface RawWorkbookInput extends ExportHeader {
  /** The selected LAOs: only their rows are written. */
  laos: readonly Lao[];
  districts: readonly District[];
  /** Everyone the records name (who entered, who last changed). */
  users: readonly User[];
  records: Partial<Record<RawTable, readonly StoredRecord[]>>;
  /** Record id → user id of its first author, from this laptop's history; others show "—" unless the server wrote them once. */
  creators?: Readonly<Record<string, string>>;
  categories?: readonly RecordCategory[];
  onProgress?: (fraction: number) => void;
}

/** A table's rows as cell values, made one at a time as the writer asks for them. */
function* tableRows(columns: readonly RawColumn[], rows: readonly StoredRecord[]): Generator<CellValue[]> {
  for (const record of rows) yield columns.map((c) => c.value(record));
}

/** The sheets the raw workbook holds, rows not yet made. */
export function rawSheets(input: RawWorkbookInput): TableSheet[] {
  const w = new Wording(input.language);
  const ctx = workbookLabelContext(input.language);
  const laoIds = new Set(input.laos.map((lao) => lao.id));
  const categories = input.categories ?? (Object.keys(RECORD_CATEGORIES) as RecordCategory[]);
  const tables = categories.flatMap((c) => RECORD_CATEGORIES[c] as readonly RawTable[]);
  const facts = headerFacts(w, input);
  const lookups = { laos: input.laos, districts: input.districts, users: input.users, records: input.records, creators: input.creators ?? {} };
  const sheets = tables.map((table): TableSheet => {
    const rows = sortRows(table, selectRows(input.records[table] ?? [], laoIds, input.fiscalYear), input.laos);
    const columns = rawColumns(table, w, lookups);
    const section = ctx.t(`${table}.section`);
    return {
      name: sheetName(section),
      title: section,
      facts,
      headers: columns.map((c) => c.header),
      formats: columns.map((c) => c.format),
      rowCount: rows.length,
      rows: tableRows(columns, rows),
      freezeColumns: 3,
    };
  });
  const signOffs = signOffSheet(w, input, facts);
  return signOffs ? [...sheets, signOffs] : sheets;
}

export function writeRawWorkbook(input: RawWorkbookInput): Promise<Uint8Array> {
  return writeTableWorkbook(rawSheets(input), { creator: input.exportedBy, onProgress: input.onProgress });
}
