/** The shared layout (layout.ts) applied to exceljs worksheets: header block, header row, widths, print setup, filters. */
import type ExcelJS from 'exceljs';
import type { TaskStatus } from '../../shared/calendar/index';
import { STATUS_COLOURS } from '../features/checklist/statusColours';
import {
  afterFacts, argb, clampWidth, factPosition, fittedWidths, FONT_NAME, FONT_SIZE, FORMAT, GRID_GREY, headerRowHeight, NAVY, PAGE, shownLength, tableHeaderRow,
  TITLE_SIZE, type CellFormat, type TableSheet,
} from './layout';

export { displayLength, FONT_NAME, FONT_SIZE, FORMAT, sheetName } from './layout';

export const solid = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } });
const HEADER_FILL = solid(NAVY);
const TOTAL_FILL = solid('#e8eaf6');
const thin: ExcelJS.Border = { style: 'thin', color: { argb: argb(GRID_GREY) } };
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** A status cell in the colours the screens use (statusColours.ts). */
export function paintStatus(cell: ExcelJS.Cell, status: TaskStatus, text: string): void {
  const { color, tint } = STATUS_COLOURS[status];
  cell.value = text;
  cell.fill = solid(tint);
  cell.font = { name: FONT_NAME, size: FONT_SIZE, color: { argb: argb(color) }, bold: status === 'overdue' };
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
  cell.border = BORDER;
}

export interface HeaderBlock {
  title: string;
  /** Label-value pairs: province, fiscal year, as-of, exported by. */
  facts: Array<[string, string]>;
}

/** Title and facts on top of the sheet; returns the next free row. */
export function writeHeaderBlock(ws: ExcelJS.Worksheet, block: HeaderBlock): number {
  const title = ws.getCell(1, 1);
  title.value = block.title;
  title.font = { name: FONT_NAME, size: TITLE_SIZE, bold: true, color: { argb: argb(NAVY) } };
  block.facts.forEach(([label, value], i) => {
    const { row, column } = factPosition(i);
    ws.getCell(row, column).value = label;
    ws.getCell(row, column).font = { name: FONT_NAME, size: FONT_SIZE, bold: true };
    ws.getCell(row, column + 1).value = value;
    ws.getCell(row, column + 1).font = { name: FONT_NAME, size: FONT_SIZE };
  });
  return afterFacts(block.facts.length);
}

/** The legend of status colours on one row; returns the next free row. */
export function writeLegend(ws: ExcelJS.Worksheet, rowNo: number, label: string, entries: Array<[TaskStatus, string]>): number {
  ws.getCell(rowNo, 1).value = label;
  ws.getCell(rowNo, 1).font = { name: FONT_NAME, size: FONT_SIZE, bold: true };
  // Entries start in column C so the label can run over the empty column B.
  entries.forEach(([status, text], i) => paintStatus(ws.getCell(rowNo, 3 + i), status, text));
  return rowNo + 2;
}

export function writeHeaderRow(ws: ExcelJS.Worksheet, rowNo: number, headers: readonly string[]): void {
  const row = ws.getRow(rowNo);
  headers.forEach((text, i) => {
    const cell = row.getCell(i + 1);
    cell.value = text;
    cell.fill = HEADER_FILL;
    cell.font = { name: FONT_NAME, size: FONT_SIZE, bold: true, color: { argb: 'FFFFFFFF' } };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = BORDER;
  });
  row.height = headerRowHeight(headers);
}

export function styleTotalRow(row: ExcelJS.Row, columns: number): void {
  for (let c = 1; c <= columns; c += 1) {
    const cell = row.getCell(c);
    cell.fill = TOTAL_FILL;
    cell.font = { ...(cell.font ?? {}), name: FONT_NAME, size: FONT_SIZE, bold: true };
    cell.border = BORDER;
  }
}

const FORMAT_OF = new Map<string, CellFormat>(Object.entries(FORMAT).map(([name, code]) => [code, name as CellFormat]));

function cellLength(cell: ExcelJS.Cell): number {
  const v = cell.value;
  if (typeof v === 'number') return shownLength(v, FORMAT_OF.get(typeof cell.numFmt === 'string' ? cell.numFmt : ''));
  return v === null || v === undefined ? 0 : shownLength(String(v), undefined);
}

export interface SheetLayout {
  headerRow: number;
  columns: number;
  lastRow: number;
  /** Columns kept visible when scrolling right (LAO code and name). */
  freezeColumns: number;
  /** Upper bound of a column's width in characters; header text wraps beyond it. */
  maxWidths?: Record<number, number>;
  /** Only this many data rows are read for widths and fonts (the columns carry the font). */
  sampleRows?: number;
  /** Widths already fitted (a plain table's, from layout.ts fittedWidths). */
  widths?: readonly number[];
}

/** Freeze, filter, fit widths, Sarabun everywhere, A4 landscape with the header row repeated on each page. */
export function finishSheet(ws: ExcelJS.Worksheet, layout: SheetLayout): void {
  const { headerRow, columns, lastRow, freezeColumns } = layout;
  ws.views = [{ state: 'frozen', xSplit: freezeColumns, ySplit: headerRow, topLeftCell: ws.getCell(headerRow + 1, freezeColumns + 1).address, activeCell: 'A1' }];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: Math.max(headerRow, lastRow), column: columns } };
  const longest = Array.from({ length: columns }, () => 0);
  // Big raw sheets: their columns carry the font, and a sample of rows sets the widths.
  const last = Math.min(ws.rowCount, layout.sampleRows !== undefined ? headerRow + layout.sampleRows : ws.rowCount);
  for (let rowNo = 1; rowNo <= last; rowNo += 1) {
    ws.getRow(rowNo).eachCell({ includeEmpty: false }, (cell, col) => {
      if (!cell.font?.name) cell.font = { ...(cell.font ?? {}), name: FONT_NAME, size: FONT_SIZE };
      // Header-block text runs over empty neighbours, and header cells wrap: neither sets the width.
      if (rowNo <= headerRow || col > columns) return;
      longest[col - 1] = Math.max(longest[col - 1]!, cellLength(cell));
    });
  }
  longest.forEach((n, i) => {
    ws.getColumn(i + 1).width = layout.widths?.[i] ?? clampWidth(n, layout.maxWidths?.[i + 1]);
  });
  ws.pageSetup = {
    paperSize: PAGE.paperSize,
    orientation: PAGE.orientation,
    fitToPage: true,
    fitToWidth: PAGE.fitToWidth,
    fitToHeight: PAGE.fitToHeight,
    printTitlesRow: `${headerRow}:${headerRow}`,
    horizontalCentered: true,
    margins: { ...PAGE.margins },
  };
  ws.headerFooter = { oddFooter: PAGE.footer };
}

const NUM_FMT: Record<CellFormat, string> = FORMAT;

/**
 * A plain table (the streamed writer's input) as an exceljs worksheet, laid
 * out as xlsx/streamingWorkbook.ts writes it: the same rows, widths from the
 * same first sampleRows rows, number formats on the cells.
 */
export function writeTableSheet(wb: ExcelJS.Workbook, sheet: TableSheet, sampleRows = 300): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheet.name);
  writeHeaderBlock(ws, { title: sheet.title, facts: sheet.facts.map(([label, value]) => [label, value]) });
  const headerRow = tableHeaderRow(sheet.facts.length);
  writeHeaderRow(ws, headerRow, sheet.headers);
  const sample: Array<readonly (string | number | null | undefined)[]> = [];
  let rowNo = headerRow;
  for (const values of sheet.rows) {
    rowNo += 1;
    if (sample.length < sampleRows) sample.push(values);
    const row = ws.getRow(rowNo);
    sheet.headers.forEach((_h, i) => {
      const value = values[i];
      if (value === null || value === undefined || value === '') return;
      const cell = row.getCell(i + 1);
      cell.value = value;
      cell.font = { name: FONT_NAME, size: FONT_SIZE };
      const format = sheet.formats[i];
      if (format) cell.numFmt = NUM_FMT[format];
    });
  }
  const widths = fittedWidths(sheet.headers.length, sample, sheet.formats);
  finishSheet(ws, { headerRow, columns: sheet.headers.length, lastRow: rowNo, freezeColumns: sheet.freezeColumns, widths, sampleRows: 0 });
  return ws;
}
