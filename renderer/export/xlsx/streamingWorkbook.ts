/**
 * Writes a workbook of plain tables straight to a deflated .xlsx, row by row:
 * memory holds the input rows and the compressed output, never a cell model
 * or a sheet's whole XML (exceljs's in-memory Workbook needs several times the
 * data; its streaming writer is Node-only and missing from the browser build).
 * Each sheet: title and header facts, one header row, frozen panes, autofilter,
 * fitted widths, A4 landscape with the header row repeated on every page.
 */
import { factPosition, fittedWidths, headerRowHeight, tableHeaderRow, type CellValue, type TableSheet } from '../layout';
import { escapeAttr, escapeXml, cellXml, columnName, sheetHead, sheetTail, range, styleOf, type SheetFrame } from './sheetXml';
import { STYLE, stylesXml } from './styles';
import { ZipWriter } from './zipWriter';
import { now as clockNow } from '../../../shared/clock';

export type { CellFormat, CellValue, TableSheet } from '../layout';

export interface WriteOptions {
  creator: string;
  /** Rows read to fit the column widths. */
  sampleRows?: number;
  onProgress?: (fraction: number) => void;
  now?: Date;
}

/** Compressed text is flushed in pieces of about this many characters. */
const FLUSH_AT = 1 << 18;

function headerBlockXml(sheet: TableSheet): { xml: string; headerRow: number } {
  const rows = new Map<number, string[]>([[1, [cellXml('A1', sheet.title, STYLE.title)]]]);
  sheet.facts.forEach(([label, value], i) => {
    const { row, column } = factPosition(i);
    const cells = rows.get(row) ?? [];
    cells.push(cellXml(`${columnName(column)}${row}`, label, STYLE.label), cellXml(`${columnName(column + 1)}${row}`, value, STYLE.text));
    rows.set(row, cells);
  });
  const headerRow = tableHeaderRow(sheet.facts.length);
  const cells = sheet.headers.map((h, i) => cellXml(`${columnName(i + 1)}${headerRow}`, h, STYLE.header)).join('');
  const xml = [...rows].map(([r, row]) => `<row r="${r}">${row.join('')}</row>`).join('')
    + `<row r="${headerRow}" ht="${headerRowHeight(sheet.headers)}" customHeight="1">${cells}</row>`;
  return { xml, headerRow };
}

async function writeSheet(zip: ZipWriter, path: string, sheet: TableSheet, sampleRows: number, tick: () => void): Promise<SheetFrame> {
  const iterator = sheet.rows[Symbol.iterator]();
  const sample: Array<readonly CellValue[]> = [];
  while (sample.length < sampleRows) {
    const next = iterator.next();
    if (next.done) break;
    sample.push(next.value);
  }
  const { xml: top, headerRow } = headerBlockXml(sheet);
  const columns = sheet.headers.length;
  const frame: SheetFrame = {
    columns, headerRow, lastRow: headerRow + sheet.rowCount, freezeColumns: sheet.freezeColumns,
    widths: fittedWidths(columns, sample, sheet.formats), formats: sheet.formats,
  };
  const letters = Array.from({ length: columns }, (_v, i) => columnName(i + 1));
  const styles = Array.from({ length: columns }, (_v, i) => styleOf(sheet.formats[i]));
  const entry = zip.entry(path);
  let text = sheetHead(frame) + top;
  let rowNo = headerRow;
  const writeRow = async (values: readonly CellValue[]) => {
    rowNo += 1;
    let cells = '';
    for (let c = 0; c < columns; c += 1) cells += cellXml(letters[c]! + rowNo, values[c], styles[c]!);
    text += `<row r="${rowNo}">${cells}</row>`;
    tick();
    if (text.length >= FLUSH_AT) {
      await entry.write(text);
      text = '';
    }
  };
  for (const values of sample) await writeRow(values);
  for (let next = iterator.next(); !next.done; next = iterator.next()) await writeRow(next.value);
  if (rowNo !== frame.lastRow) throw new Error(`ROW_COUNT_MISMATCH: ${sheet.name} ${rowNo - headerRow} != ${sheet.rowCount}`);
  await entry.write(text + sheetTail(frame));
  await entry.close();
  return frame;
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

function workbookXml(sheets: readonly TableSheet[], frames: readonly SheetFrame[]): string {
  const names = frames.flatMap((f, i) => {
    const sheet = quoteSheet(sheets[i]!.name);
    const [from, to] = range(f).split(':');
    const abs = (ref: string) => ref.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
    return [
      `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(`${sheet}!${abs(from!)}:${abs(to!)}`)}</definedName>`,
      `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(`${sheet}!$${f.headerRow}:$${f.headerRow}`)}</definedName>`,
    ];
  });
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    + '<bookViews><workbookView activeTab="0"/></bookViews><sheets>'
    + sheets.map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')
    + `</sheets>${names.length ? `<definedNames>${names.join('')}</definedNames>` : ''}</workbook>`;
}

const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
const relsXml = (items: string[]) => '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;

function contentTypesXml(sheetCount: number): string {
  const ml = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    + override('/xl/workbook.xml', `${ml}.sheet.main+xml`)
    + Array.from({ length: sheetCount }, (_v, i) => override(`/xl/worksheets/sheet${i + 1}.xml`, `${ml}.worksheet+xml`)).join('')
    + override('/xl/styles.xml', `${ml}.styles+xml`)
    + override('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml')
    + override('/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml')
    + '</Types>';
}

function coreXml(creator: string, now: Date): string {
  const stamp = `${now.toISOString().slice(0, 19)}Z`;
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    + `<dc:creator>${escapeXml(creator)}</dc:creator><cp:lastModifiedBy>${escapeXml(creator)}</cp:lastModifiedBy>`
    + `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>`
    + '</cp:coreProperties>';
}

const APP_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>e-plan field companion</Application></Properties>';

/** The sheets, in order, as .xlsx bytes. Progress counts data rows over all sheets. */
export async function writeTableWorkbook(sheets: readonly TableSheet[], options: WriteOptions): Promise<Uint8Array> {
  const now = options.now ?? clockNow();
  const zip = new ZipWriter(now);
  const all = Math.max(1, sheets.reduce((n, s) => n + s.rowCount, 0));
  let done = 0;
  const tick = () => {
    done += 1;
    if (done % 5000 === 0) options.onProgress?.(done / all);
  };
  await zip.add('[Content_Types].xml', contentTypesXml(sheets.length));
  await zip.add('_rels/.rels', relsXml([
    rel('rId1', `${RELS}/officeDocument`, 'xl/workbook.xml'),
    rel('rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml'),
    rel('rId3', `${RELS}/extended-properties`, 'docProps/app.xml'),
  ]));
  await zip.add('docProps/core.xml', coreXml(options.creator, now));
  await zip.add('docProps/app.xml', APP_XML);
  await zip.add('xl/styles.xml', stylesXml());
  const frames: SheetFrame[] = [];
  for (const [i, sheet] of sheets.entries()) {
    frames.push(await writeSheet(zip, `xl/worksheets/sheet${i + 1}.xml`, sheet, options.sampleRows ?? 300, tick));
  }
  await zip.add('xl/workbook.xml', workbookXml(sheets, frames));
  await zip.add('xl/_rels/workbook.xml.rels', relsXml([
    ...sheets.map((_s, i) => rel(`rId${i + 1}`, `${RELS}/worksheet`, `worksheets/sheet${i + 1}.xml`)),
    rel(`rId${sheets.length + 1}`, `${RELS}/styles`, 'styles.xml'),
  ]));
  options.onProgress?.(1);
  return zip.finish();
}
