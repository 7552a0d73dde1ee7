/**
 * Raw data: one sheet per record table of each category, for the selected
 * LAOs and fiscal year. Written row by row by the streaming writer (xlsx/):
 * a province's raw tables run to 100k rows, which exceljs's in-memory model
 * holds at several times their size.
 */
import { bangkokDateOf, toThaiNumericDate } from '../../shared/calendar/fiscal';
import type { District, Lao } from '../../shared/domain/reference';
import { RECORD_CATEGORIES, type RecordCategory } from '../../shared/domain/tables';
import { flattenRecord, rawColumns, rawValue, selectRows, type RawColumn, type RawTable } from '../../shared/export/rawRows';
import recordsTh from '../i18n/records.th.json';
import recordsEn from '../i18n/records.en.json';
import { Wording } from './labels';
import { headerFacts, type ExportHeader } from './matrixWorkbook';
import { sheetName } from './sheet';
import { writeTableWorkbook, type CellFormat, type CellValue, type TableSheet } from './xlsx/streamingWorkbook';

type StoredRow = { laoId: string; deleted: boolean; fiscalYear?: number } & object;

export interface RawWorkbookInput extends ExportHeader {
  /** The selected LAOs: only their rows are written. */
  laos: readonly Lao[];
  districts: readonly District[];
  records: Partial<Record<RawTable, readonly StoredRow[]>>;
  categories?: readonly RecordCategory[];
  onProgress?: (fraction: number) => void;
}

type TableTexts = { section?: string; title?: string; fields?: Record<string, unknown> };
const RECORDS: Record<'th' | 'en', Record<string, unknown>> = { th: recordsTh, en: recordsEn };

function headerOf(w: Wording, table: string, key: string): string {
  const texts = (RECORDS[w.language][table] ?? {}) as TableTexts;
  const raw = w.labels.raw as Record<string, string>;
  const leaf = key.split('.').pop()!;
  const field = texts.fields?.[key] ?? texts.fields?.[leaf];
  if (typeof field === 'string') return key.includes('.') ? `${key.split('.')[0]}: ${field}` : field;
  return raw[key] ?? key;
}

function sectionOf(w: Wording, table: string): string {
  const texts = (RECORDS[w.language][table] ?? {}) as TableTexts;
  return texts.section ?? (w.labels.raw as Record<string, string>)[table] ?? table;
}

/** '30/08/2568 10:00' (Bangkok time) in Thai, '2025-08-30 10:00' in English; unparsable text as it is. */
function bangkokDateTime(iso: string, language: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const time = new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(11, 16);
  const day = bangkokDateOf(at);
  return `${language === 'th' ? toThaiNumericDate(day) : day} ${time}`;
}

const FORMATS: Partial<Record<RawColumn['kind'], CellFormat>> = { money: 'baht', number: 'count' };

/** A table's rows as cell values, made one at a time as the writer asks for them. */
function* tableRows(w: Wording, input: RawWorkbookInput, columns: readonly RawColumn[], rows: readonly StoredRow[]): Generator<CellValue[]> {
  const laos = new Map(input.laos.map((lao) => [lao.id, lao]));
  const districts = new Map(input.districts.map((d) => [d.code, d]));
  for (const record of rows) {
    const lao = laos.get(record.laoId);
    const district = lao ? districts.get(lao.districtCode) : undefined;
    const flat = flattenRecord(record);
    const values = columns.map((c): CellValue => {
      const v = rawValue(flat, c);
      if (c.kind === 'date' && typeof v === 'string') return w.language === 'th' ? toThaiNumericDate(v) : v;
      if (c.kind === 'timestamp' && typeof v === 'string') return bangkokDateTime(v, w.language);
      if (typeof v === 'boolean') return v ? '✓' : '';
      return v;
    });
    yield [district ? w.name(district) : '', lao?.code ?? '', lao ? w.name(lao) : '', ...values];
  }
}

/** The sheets the raw workbook holds, rows not yet made. */
export function rawSheets(input: RawWorkbookInput): TableSheet[] {
  const w = new Wording(input.language);
  const laoIds = new Set(input.laos.map((lao) => lao.id));
  const categories = input.categories ?? (Object.keys(RECORD_CATEGORIES) as RecordCategory[]);
  const tables = categories.flatMap((c) => RECORD_CATEGORIES[c] as readonly RawTable[]);
  const facts = headerFacts(w, input);
  return tables.map((table) => {
    const rows = selectRows(input.records[table] ?? [], laoIds, input.fiscalYear);
    const columns = rawColumns(rows);
    const l = w.labels;
    return {
      name: sheetName(sectionOf(w, table)),
      title: sectionOf(w, table),
      facts,
      headers: [l.district, l.laoCode, l.lao, ...columns.map((c) => headerOf(w, table, c.key))],
      formats: [undefined, undefined, undefined, ...columns.map((c) => FORMATS[c.kind])],
      rowCount: rows.length,
      rows: tableRows(w, input, columns, rows),
      freezeColumns: 3,
    };
  });
}

export function writeRawWorkbook(input: RawWorkbookInput): Promise<Uint8Array> {
  return writeTableWorkbook(rawSheets(input), { creator: input.exportedBy, onProgress: input.onProgress });
}
