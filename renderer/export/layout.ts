/**
 * The layout every workbook shares, whichever writer puts it on disk: where the
 * title, facts and header row go, how tall the header row is, how wide each
 * column is, the number formats, fonts and print setup. sheet.ts applies it
 * to exceljs worksheets (the small styled workbooks); xlsx/ writes it as sheet
 * XML row by row (the raw workbook). No exceljs here: the layout is numbers.
 */

export const FONT_NAME = 'Sarabun';
export const FONT_SIZE = 11;
export const TITLE_SIZE = 16;
export const NAVY = '#23307a';
export const GRID_GREY = '#b0b4c0';
/** '#23307a' as exceljs and sheet XML spell a colour: 'FF23307A'. */
export const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;
export const FORMAT = { baht: '#,##0.00', percent: '0.0%', count: '#,##0' } as const;
export type CellFormat = keyof typeof FORMAT;
export type CellValue = string | number | null | undefined;

/** A4 landscape, one page wide, the header row repeated on each printed page; footer: sheet name and page numbers. */
export const PAGE = {
  paperSize: 9,
  orientation: 'landscape',
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  footer: '&L&"Sarabun"&A&R&"Sarabun"&P / &N',
} as const;

/** A plain table: title and facts on top, one header row, one row per record. Both writers take it. */
export interface TableSheet {
  /** Sheet name, already valid for Excel (sheetName). */
  name: string;
  title: string;
  /** Label-value pairs under the title, two to a row. */
  facts: ReadonlyArray<readonly [string, string]>;
  headers: readonly string[];
  formats: ReadonlyArray<CellFormat | undefined>;
  rowCount: number;
  rows: Iterable<readonly CellValue[]>;
  /** Columns kept visible when scrolling right. */
  freezeColumns: number;
}

/** Excel forbids []:*?/\ in sheet names and allows 31 characters. */
export const sheetName = (name: string): string => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim();

/** Where the i-th fact's label goes (its value is one column right): two facts to a row from row 2, in columns A and D. */
export const factPosition = (i: number): { row: number; column: number } => ({ row: 2 + Math.floor(i / 2), column: 1 + (i % 2) * 3 });

/** The first row after the title and facts. */
export const afterFacts = (factCount: number): number => 2 + Math.ceil(factCount / 2);

/** A plain table's header row: one blank row after the facts. */
export const tableHeaderRow = (factCount: number): number => afterFacts(factCount) + 1;

/** Thai vowel and tone marks above or below a consonant take no width. */
const COMBINING = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g;
export const displayLength = (text: string): number => text.replace(COMBINING, '').length;

/** Header cells wrap in their column: about 9 Thai characters a line in LibreOffice, 16 points a line, at most 160. */
export function headerRowHeight(headers: readonly string[]): number {
  const longest = Math.max(0, ...headers.map(displayLength));
  return Math.min(160, 16 * Math.max(1, Math.ceil(longest / 9)));
}

/** Characters a value shows, for column widths. */
export function shownLength(value: CellValue, format: CellFormat | undefined): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') {
    if (format === 'percent') return 7;
    const digits = Math.trunc(Math.abs(value)).toString().length;
    return digits + Math.floor((digits - 1) / 3) + (format === 'baht' ? 3 : 0) + 1;
  }
  return displayLength(value);
}

export const MIN_WIDTH = 8;
export const MAX_WIDTH = 45;

/** A column's width in characters: its longest shown value and a margin, within MIN_WIDTH..max. */
export const clampWidth = (longest: number, max: number = MAX_WIDTH): number => Math.min(max, Math.max(longest + 2, MIN_WIDTH));

/** Widths from the longest shown value of each column (header text wraps and does not count). */
export function fittedWidths(columns: number, rows: Iterable<readonly CellValue[]>, formats: ReadonlyArray<CellFormat | undefined>, maxWidths: Readonly<Record<number, number>> = {}): number[] {
  const longest = Array.from({ length: columns }, () => 0);
  for (const row of rows) {
    for (let i = 0; i < columns; i += 1) longest[i] = Math.max(longest[i]!, shownLength(row[i], formats[i]));
  }
  return longest.map((n, i) => clampWidth(n, maxWidths[i + 1]));
}
