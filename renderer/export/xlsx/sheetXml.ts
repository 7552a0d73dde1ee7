/** The pieces of a worksheet's XML: escaping, cell references, cells, and what comes before and after the rows. */
import { PAGE, type CellFormat, type CellValue } from '../layout';
import { STYLE } from './styles';

// XML 1.0 cannot hold these control characters at all, not even escaped: they are matched to be dropped.
// eslint-disable-next-line no-control-regex
const SPECIAL = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const SPECIAL_ALL = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text as XML character data; control characters XML cannot hold are dropped. */
export function escapeXml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ENTITY[c] ?? '') : text;
}

/** The same, for an attribute value in double quotes. */
export const escapeAttr = (text: string): string => escapeXml(text).replace(/"/g, '&quot;');

/** 1 -> 'A', 27 -> 'AA'. */
export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const FORMAT_STYLE: Record<CellFormat, number> = { baht: STYLE.baht, count: STYLE.count, percent: STYLE.percent };
export const styleOf = (format: CellFormat | undefined): number => (format ? FORMAT_STYLE[format] : STYLE.text);

/**
 * One cell; nothing for an empty value. Strings are inline (t="inlineStr"):
 * a shared-string table would have to hold every distinct text until the end.
 */
export function cellXml(ref: string, value: CellValue, style: number): string {
  if (value === null || value === undefined || value === '') return '';
  const s = style ? ` s="${style}"` : '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${escapeXml(value)}</t></is></c>`;
}

export interface SheetFrame {
  columns: number;
  headerRow: number;
  lastRow: number;
  freezeColumns: number;
  widths: readonly number[];
  formats: ReadonlyArray<CellFormat | undefined>;
}

export const range = (f: SheetFrame) => `A${f.headerRow}:${columnName(f.columns)}${Math.max(f.headerRow, f.lastRow)}`;

/** Everything before the first row: fit-to-page flag, frozen panes, column widths and formats. */
export function sheetHead(f: SheetFrame): string {
  const topLeft = `${columnName(f.freezeColumns + 1)}${f.headerRow + 1}`;
  const cols = f.widths.map((width, i) => {
    const format = f.formats[i];
    return `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"${format ? ` style="${styleOf(format)}"` : ''}/>`;
  }).join('');
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    + '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
    + `<dimension ref="A1:${columnName(f.columns)}${Math.max(f.headerRow, f.lastRow)}"/>`
    + `<sheetViews><sheetView workbookViewId="0"><pane xSplit="${f.freezeColumns}" ySplit="${f.headerRow}" topLeftCell="${topLeft}" activePane="bottomRight" state="frozen"/>`
    + '<selection pane="topRight"/><selection pane="bottomLeft"/><selection pane="bottomRight" activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
    + '<sheetFormatPr defaultRowHeight="15"/>'
    + `<cols>${cols}</cols><sheetData>`;
}

/** Everything after the last row: filter, A4 landscape one page wide, footer with sheet name and page numbers. */
export function sheetTail(f: SheetFrame): string {
  return `</sheetData><autoFilter ref="${range(f)}"/>`
    + '<printOptions horizontalCentered="1"/>'
    + `<pageMargins ${Object.entries(PAGE.margins).map(([side, inches]) => `${side}="${inches}"`).join(' ')}/>`
    + `<pageSetup paperSize="${PAGE.paperSize}" orientation="${PAGE.orientation}" fitToWidth="${PAGE.fitToWidth}" fitToHeight="${PAGE.fitToHeight}"/>`
    + `<headerFooter><oddFooter>${escapeXml(PAGE.footer)}</oddFooter></headerFooter>`
    + '</worksheet>';
}
