import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { demoFixture, FIXTURE_AS_OF, FIXTURE_FY } from './demoFixture';
import { buildRawWorkbook } from './rawWorkbook';
import { FORMAT } from './sheet';

async function readBack(categories?: Parameters<typeof buildRawWorkbook>[0]['categories']) {
  const { dataset } = demoFixture();
  const progress: number[] = [];
  const workbook = buildRawWorkbook({
    province: dataset.province, districts: dataset.districts, laos: dataset.laos, records: dataset.records,
    fiscalYear: FIXTURE_FY, asOf: FIXTURE_AS_OF, exportedBy: 'supervisor', language: 'th', categories, onProgress: (f) => progress.push(f),
  });
  const read = new ExcelJS.Workbook();
  await read.xlsx.load((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  return { read, progress };
}

describe('the raw data workbook', () => {
  it('has one sheet per table of each category, Thai names', async () => {
    const { read, progress } = await readBack();
    expect(read.worksheets.length).toBe(12);
    expect(new Set(read.worksheets.map((ws) => ws.name)).size).toBe(12);
    expect(read.worksheets.every((ws) => /[\u0E00-\u0E7F]/.test(ws.name))).toBe(true);
    expect(progress.at(-1)).toBe(1);
  });

  it('lists every disbursement of the year with baht amounts and B.E. dates', async () => {
    const { dataset } = demoFixture();
    const { read } = await readBack(['disbursement']);
    const ws = read.worksheets[0]!;
    let header = 1;
    while (ws.getCell(header, 2).value !== 'รหัส อปท.') header += 1;
    const titles = ws.getRow(header).values as unknown[];
    const amountCol = titles.indexOf('จำนวนเงินที่เบิกจ่าย');
    const paidCol = titles.indexOf('วันที่เบิกจ่าย');
    expect(amountCol).toBeGreaterThan(3);
    const want = dataset.records.disbursements.filter((d) => d.fiscalYear === FIXTURE_FY && !d.deleted);
    expect(ws.rowCount - header).toBe(want.length);
    const first = ws.getRow(header + 1);
    expect(first.getCell(amountCol).value).toBe(want[0]!.amount / 100);
    expect(first.getCell(amountCol).numFmt).toBe(FORMAT.baht);
    expect(String(first.getCell(paidCol).value)).toMatch(/^\d{2}\/\d{2}\/25\d{2}$/);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
    const sum = ws.getRows(header + 1, want.length)!.reduce((s, r) => s + Number(r.getCell(amountCol).value), 0);
    expect(sum).toBeCloseTo(want.reduce((s, d) => s + d.amount, 0) / 100, 2);
  });
});
