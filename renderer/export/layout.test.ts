import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { demoFixture, FIXTURE_AS_OF, FIXTURE_FY } from './demoFixture';
import { rawSheets, type RawWorkbookInput } from './rawWorkbook';
import { writeTableSheet } from './sheet';
import { writeTableWorkbook } from './xlsx/streamingWorkbook';

function input(): RawWorkbookInput {
  const { dataset } = demoFixture();
  return {
    province: dataset.province, districts: dataset.districts, laos: dataset.laos, users: dataset.users, records: dataset.records,
    fiscalYear: FIXTURE_FY, asOf: FIXTURE_AS_OF, exportedBy: 'supervisor', language: 'th', categories: ['plan', 'contract', 'fiscalStats'],
  };
}

async function load(bytes: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const read = new ExcelJS.Workbook();
  await read.xlsx.load((bytes instanceof Uint8Array ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) : bytes) as ArrayBuffer);
  return read;
}

/** What a reader sees of a sheet: every cell's value and number format, widths, panes, filter, print setup, header height. */
function picture(ws: ExcelJS.Worksheet) {
  const cells: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => row.eachCell({ includeEmpty: false }, (cell, c) => {
    cells.push(`${r}:${c}=${JSON.stringify(cell.value)}|${cell.numFmt ?? ''}|${cell.font?.name ?? ''}`);
  }));
  const columns = ws.columnCount;
  const headerRow = Number((ws.views[0] as { ySplit?: number }).ySplit);
  return {
    name: ws.name,
    cells,
    // exceljs leaves out a column of width 9, its default, and reads it back as no width.
    widths: Array.from({ length: columns }, (_v, i) => ws.getColumn(i + 1).width ?? 9),
    views: ws.views.map((v) => ({ state: v.state, xSplit: (v as { xSplit?: number }).xSplit, ySplit: (v as { ySplit?: number }).ySplit })),
    autoFilter: ws.autoFilter,
    page: { paperSize: ws.pageSetup.paperSize, orientation: ws.pageSetup.orientation, fitToWidth: ws.pageSetup.fitToWidth, fitToHeight: ws.pageSetup.fitToHeight, printTitlesRow: ws.pageSetup.printTitlesRow },
    footer: ws.headerFooter.oddFooter,
    headerHeight: ws.getRow(headerRow).height,
  };
}

describe('one layout for both writers', () => {
  it('the streamed and the exceljs-styled raw workbooks read back alike, cell for cell', async () => {
    const streamed = await load(await writeTableWorkbook(rawSheets(input()), { creator: 'supervisor' }));
    const styledBook = new ExcelJS.Workbook();
    for (const sheet of rawSheets(input())) writeTableSheet(styledBook, sheet);
    const styled = await load(await styledBook.xlsx.writeBuffer());
    expect(streamed.worksheets.length).toBeGreaterThan(3);
    expect(styled.worksheets.map(picture)).toEqual(streamed.worksheets.map(picture));
  });
});
