import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { demoFixture, FIXTURE_AS_OF, FIXTURE_FY } from './demoFixture';
import { writeRawWorkbook, type RawWorkbookInput } from './rawWorkbook';
import { FORMAT } from './sheet';

async function readBack(options: Partial<RawWorkbookInput> = {}) {
  const { dataset } = demoFixture();
  const progress: number[] = [];
  const bytes = await writeRawWorkbook({
    province: dataset.province, districts: dataset.districts, laos: dataset.laos, users: dataset.users, records: dataset.records,
    fiscalYear: FIXTURE_FY, asOf: FIXTURE_AS_OF, exportedBy: 'supervisor', language: 'th', onProgress: (f) => progress.push(f), ...options,
  });
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(bytes.buffer as ArrayBuffer);
  return { read, progress, bytes };
}

function headerRowOf(ws: ExcelJS.Worksheet, codeTitle = 'รหัส อปท.'): number {
  let header = 1;
  while (ws.getCell(header, 2).value !== codeTitle) {
    header += 1;
    if (header > 20) throw new Error('no header row');
  }
  return header;
}

describe('the raw data workbook', () => {
  it('has one sheet per table of each category, Thai names', async () => {
    const { read, progress } = await readBack();
    expect(read.worksheets.length).toBe(12);
    expect(new Set(read.worksheets.map((ws) => ws.name)).size).toBe(12);
    expect(read.worksheets.every((ws) => /[\u0E00-\u0E7F]/.test(ws.name))).toBe(true);
    expect(read.creator).toBe('supervisor');
    expect(progress.at(-1)).toBe(1);
  });

  it('lists every disbursement of the year with baht amounts and B.E. dates', async () => {
    const { dataset } = demoFixture();
    const { read } = await readBack({ categories: ['disbursement'] });
    const ws = read.worksheets[0]!;
    const header = headerRowOf(ws);
    const titles = ws.getRow(header).values as unknown[];
    const amountCol = titles.indexOf('จำนวนเงินที่เบิกจ่าย');
    const paidCol = titles.indexOf('วันที่เบิกจ่าย');
    expect(amountCol).toBeGreaterThan(3);
    const want = dataset.records.disbursements.filter((d) => d.fiscalYear === FIXTURE_FY && !d.deleted);
    expect(ws.rowCount - header).toBe(want.length);
    const first = ws.getRow(header + 1);
    const record = want.find((d) => d.id === first.getCell(titles.indexOf('รหัสระเบียน')).value)!;
    expect(first.getCell(amountCol).value).toBe(record.amount / 100);
    expect(first.getCell(amountCol).numFmt).toBe(FORMAT.baht);
    expect(String(first.getCell(paidCol).value)).toMatch(/^\d{2}\/\d{2}\/25\d{2}$/);
    // A fiscal year is a label, never "2,570"; the last edit is a B.E. date and Bangkok time, not an ISO instant.
    const yearCol = titles.indexOf('ปีงบประมาณ');
    expect(first.getCell(yearCol).value).toBe(FIXTURE_FY);
    expect(first.getCell(yearCol).numFmt ?? 'General').not.toBe(FORMAT.count);
    expect(String(first.getCell(titles.indexOf('แก้ไขล่าสุดเมื่อ')).value)).toMatch(/^\d{2}\/\d{2}\/25\d{2} \d{2}:\d{2}$/);
    const sum = ws.getRows(header + 1, want.length)!.reduce((s, r) => s + Number(r.getCell(amountCol).value), 0);
    expect(sum).toBeCloseTo(want.reduce((s, d) => s + d.amount, 0) / 100, 2);
  });

  it('keeps the formatting of the other workbooks: Sarabun, frozen header, filter, widths, A4 landscape with repeated header', async () => {
    const { read } = await readBack({ categories: ['disbursement'] });
    const ws = read.worksheets[0]!;
    const header = headerRowOf(ws);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: header });
    expect(ws.autoFilter).toMatch(new RegExp(`^A${header}:[A-Z]+${ws.rowCount}$`));
    expect(ws.getCell('A1').font).toMatchObject({ name: 'Sarabun', bold: true, size: 16 });
    expect(ws.getCell(header, 1).font).toMatchObject({ name: 'Sarabun', bold: true, color: { argb: 'FFFFFFFF' } });
    expect(ws.getCell(header, 1).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF23307A' } });
    expect(ws.getCell(header + 1, 3).font?.name).toBe('Sarabun');
    expect(ws.getCell(header + 1, 3).value).toMatch(/[\u0E00-\u0E7F]/);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${header}:${header}` });
    // The LAO-name column fits Thai names wider than the code column, all within 8..45.
    const widths = [1, 2, 3].map((c) => ws.getColumn(c).width!);
    expect(widths.every((w) => w >= 8 && w <= 45)).toBe(true);
    expect(widths[2]).toBeGreaterThan(widths[1]!);
  });

  it('writes English sheet names and headers on request', async () => {
    const { read } = await readBack({ language: 'en', categories: ['disbursement'] });
    const ws = read.worksheets[0]!;
    expect(ws.name).toMatch(/^[\x20-\x7e]+$/);
    expect(headerRowOf(ws, 'LAO code')).toBe(5);
  });

  it('holds only the chosen LAOs rows', async () => {
    const { dataset } = demoFixture();
    const chosen = dataset.laos.filter((_lao, i) => i % 7 === 0);
    const { read } = await readBack({ laos: chosen, categories: ['disbursement', 'ordinance'] });
    const codes = new Set(chosen.map((lao) => lao.code));
    const ids = new Set(chosen.map((lao) => lao.id));
    for (const ws of read.worksheets) {
      const header = headerRowOf(ws);
      const seen = ws.getRows(header + 1, ws.rowCount - header)?.map((r) => String(r.getCell(2).value)) ?? [];
      const table = ws.name === read.worksheets[0]!.name ? dataset.records.disbursements : undefined;
      if (table) expect(seen.length).toBe(table.filter((d) => ids.has(d.laoId) && d.fiscalYear === FIXTURE_FY && !d.deleted).length);
      expect(seen.every((code) => codes.has(code))).toBe(true);
    }
    expect(read.worksheets[0]!.rowCount).toBeGreaterThan(headerRowOf(read.worksheets[0]!));
  });

  it('with no LAO chosen, writes the header and no rows', async () => {
    const { read } = await readBack({ laos: [], categories: ['disbursement'] });
    const ws = read.worksheets[0]!;
    expect(ws.rowCount).toBe(headerRowOf(ws));
  });
});
