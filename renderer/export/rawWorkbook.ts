/** Raw data: one sheet per record table of each category, for the selected LAOs and fiscal year. */
import ExcelJS from 'exceljs';
import { toThaiNumericDate } from '../../shared/calendar/fiscal';
import type { District, Lao } from '../../shared/domain/reference';
import { RECORD_CATEGORIES, type RecordCategory } from '../../shared/domain/tables';
import { flattenRecord, rawColumns, rawValue, selectRows, type RawColumn, type RawTable } from '../../shared/export/rawRows';
import recordsTh from '../i18n/records.th.json';
import recordsEn from '../i18n/records.en.json';
import { Wording } from './labels';
import { headerFacts, type ExportHeader } from './matrixWorkbook';
import { FONT_NAME, FONT_SIZE, FORMAT, finishSheet, sheetName, writeHeaderBlock, writeHeaderRow } from './sheet';

type StoredRow = { laoId: string; deleted: boolean; fiscalYear?: number } & object;

export interface RawWorkbookInput extends ExportHeader {
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

const FORMATS: Partial<Record<RawColumn['kind'], string>> = { money: FORMAT.baht, number: FORMAT.count };

function writeTableSheet(wb: ExcelJS.Workbook, w: Wording, input: RawWorkbookInput, table: RawTable, rows: readonly StoredRow[], tick: () => void): void {
  const ws = wb.addWorksheet(sheetName(sectionOf(w, table)));
  const columns = rawColumns(rows);
  const l = w.labels;
  const fixed = [l.district, l.laoCode, l.lao];
  const headerRow = writeHeaderBlock(ws, { title: sectionOf(w, table), facts: headerFacts(w, input) }) + 1;
  writeHeaderRow(ws, headerRow, [...fixed, ...columns.map((c) => headerOf(w, table, c.key))]);
  const total = fixed.length + columns.length;
  for (let c = 1; c <= total; c += 1) {
    const col = ws.getColumn(c);
    col.font = { name: FONT_NAME, size: FONT_SIZE };
    const fmt = c > fixed.length ? FORMATS[columns[c - fixed.length - 1]!.kind] : undefined;
    if (fmt) col.numFmt = fmt;
  }
  const laos = new Map(input.laos.map((lao) => [lao.id, lao]));
  const districts = new Map(input.districts.map((d) => [d.code, d]));
  let rowNo = headerRow;
  for (const record of rows) {
    const lao = laos.get(record.laoId);
    const district = lao ? districts.get(lao.districtCode) : undefined;
    const flat = flattenRecord(record);
    const values = columns.map((c) => {
      const v = rawValue(flat, c);
      if (c.kind === 'date' && typeof v === 'string') return w.language === 'th' ? toThaiNumericDate(v) : v;
      if (typeof v === 'boolean') return v ? '✓' : '';
      return v;
    });
    rowNo += 1;
    ws.getRow(rowNo).values = [district ? w.name(district) : '', lao?.code ?? '', lao ? w.name(lao) : '', ...values];
    tick();
  }
  finishSheet(ws, { headerRow, columns: total, lastRow: rowNo, freezeColumns: 3, sampleRows: 300 });
}

export function buildRawWorkbook(input: RawWorkbookInput): ExcelJS.Workbook {
  const w = new Wording(input.language);
  const laoIds = new Set(input.laos.map((lao) => lao.id));
  const categories = input.categories ?? (Object.keys(RECORD_CATEGORIES) as RecordCategory[]);
  const tables = categories.flatMap((c) => RECORD_CATEGORIES[c] as readonly RawTable[]);
  const selected = tables.map((table) => [table, selectRows(input.records[table] ?? [], laoIds, input.fiscalYear)] as const);
  const all = selected.reduce((n, [, rows]) => n + rows.length, 0);
  let done = 0;
  const tick = () => {
    done += 1;
    if (done % 5000 === 0) input.onProgress?.(done / Math.max(1, all));
  };
  const workbook = new ExcelJS.Workbook();
  workbook.creator = input.exportedBy;
  for (const [table, rows] of selected) writeTableSheet(workbook, w, input, table, rows, tick);
  input.onProgress?.(1);
  return workbook;
}
