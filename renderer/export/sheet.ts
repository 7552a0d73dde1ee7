/** Formatting every workbook shares: Sarabun, header block, header row, widths, print setup, filters. */
import type ExcelJS from 'exceljs';
import type { TaskStatus } from '../../shared/calendar/index';
import { STATUS_COLOURS } from '../features/checklist/statusColours';

export const FONT_NAME = 'Sarabun';
export const FONT_SIZE = 11;
export const FORMAT = { baht: '#,##0.00', percent: '0.0%', count: '#,##0' } as const;

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
export const solid = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } });
const HEADER_FILL = solid('#23307a');
const TOTAL_FILL = solid('#e8eaf6');
const thin: ExcelJS.Border = { style: 'thin', color: { argb: 'FFB0B4C0' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** Excel forbids []:*?/\ in sheet names and allows 31 characters. */
export const sheetName = (name: string): string => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim();

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
  title.font = { name: FONT_NAME, size: 16, bold: true, color: { argb: argb('#23307a') } };
  block.facts.forEach(([label, value], i) => {
    const row = 2 + Math.floor(i / 2);
    const col = 1 + (i % 2) * 3;
    ws.getCell(row, col).value = label;
    ws.getCell(row, col).font = { name: FONT_NAME, size: FONT_SIZE, bold: true };
    ws.getCell(row, col + 1).value = value;
  });
  return 2 + Math.ceil(block.facts.length / 2);
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
  const longest = Math.max(...headers.map(displayLength));
  // Task headers wrap in columns ~16 wide: about 9 Thai characters a line in LibreOffice.
  row.height = Math.min(160, 16 * Math.max(1, Math.ceil(longest / 9)));
}

export function styleTotalRow(row: ExcelJS.Row, columns: number): void {
  for (let c = 1; c <= columns; c += 1) {
    const cell = row.getCell(c);
    cell.fill = TOTAL_FILL;
    cell.font = { ...(cell.font ?? {}), name: FONT_NAME, size: FONT_SIZE, bold: true };
    cell.border = BORDER;
  }
}

/** Thai vowel and tone marks above or below a consonant take no width. */
const COMBINING = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g;
export const displayLength = (text: string): number => text.replace(COMBINING, '').length;

function cellLength(cell: ExcelJS.Cell): number {
  const v = cell.value;
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') {
    const fmt = typeof cell.numFmt === 'string' ? cell.numFmt : '';
    if (fmt.includes('%')) return 7;
    const digits = Math.trunc(Math.abs(v)).toString().length;
    return digits + Math.floor((digits - 1) / 3) + (fmt.includes('.00') ? 3 : 0) + 1;
  }
  return displayLength(String(v));
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
}

/** Freeze, filter, fit widths, Sarabun everywhere, A4 landscape with the header row repeated on each page. */
export function finishSheet(ws: ExcelJS.Worksheet, layout: SheetLayout): void {
  const { headerRow, columns, lastRow, freezeColumns } = layout;
  ws.views = [{ state: 'frozen', xSplit: freezeColumns, ySplit: headerRow, topLeftCell: ws.getCell(headerRow + 1, freezeColumns + 1).address, activeCell: 'A1' }];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: Math.max(headerRow, lastRow), column: columns } };
  const widths = Array.from({ length: columns }, () => 6);
  // Big raw sheets: their columns carry the font, and a sample of rows sets the widths.
  const last = Math.min(ws.rowCount, layout.sampleRows ? headerRow + layout.sampleRows : ws.rowCount);
  for (let rowNo = 1; rowNo <= last; rowNo += 1) {
    ws.getRow(rowNo).eachCell({ includeEmpty: false }, (cell, col) => {
      if (!cell.font?.name) cell.font = { ...(cell.font ?? {}), name: FONT_NAME, size: FONT_SIZE };
      // Header-block text runs over empty neighbours, and header cells wrap: neither sets the width.
      if (rowNo <= headerRow || col > columns) return;
      widths[col - 1] = Math.max(widths[col - 1]!, cellLength(cell) + 2);
    });
  }
  widths.forEach((width, i) => {
    ws.getColumn(i + 1).width = Math.min(layout.maxWidths?.[i + 1] ?? 45, Math.max(width, 8));
  });
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRow}:${headerRow}`,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&L&"Sarabun"&A&R&"Sarabun"&P / &N' };
}
