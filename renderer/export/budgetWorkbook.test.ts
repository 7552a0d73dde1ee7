import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { quarterRange } from '../../shared/calendar/fiscal';
import { buildBudgetWorkbook } from './budgetWorkbook';
import { demoFixture, FIXTURE_AS_OF, FIXTURE_FY } from './demoFixture';
import { FORMAT } from './sheet';

function build(language: 'th' | 'en' = 'th') {
  const { dataset } = demoFixture();
  return buildBudgetWorkbook({
    province: dataset.province, districts: dataset.districts, laos: dataset.laos, records: dataset.records,
    fiscalYear: FIXTURE_FY, asOf: FIXTURE_AS_OF, exportedBy: 'supervisor', language,
  });
}

async function readBack(language: 'th' | 'en' = 'th') {
  const read = new ExcelJS.Workbook();
  await read.xlsx.load((await build(language).workbook.xlsx.writeBuffer()) as ArrayBuffer);
  return read;
}

/** Sums straight from the demo records, independent of budgetProgress. */
function expectedTotals() {
  const { records } = demoFixture().dataset;
  const ordinances = records.ordinances.filter((o) => o.fiscalYear === FIXTURE_FY && !o.deleted);
  const ids = new Set(ordinances.map((o) => o.id));
  const items = new Set(records.ordinanceItems.filter((i) => ids.has(i.ordinanceId) && !i.deleted).map((i) => i.id));
  const paid = records.disbursements.filter((d) => items.has(d.ordinanceItemId) && !d.deleted);
  const q2End = quarterRange(FIXTURE_FY, 2).end;
  return {
    ordinanceTotal: ordinances.reduce((s, o) => s + o.total, 0) / 100,
    items: items.size,
    committed: records.contracts.filter((c) => items.has(c.ordinanceItemId) && !c.deleted).reduce((s, c) => s + c.amount, 0) / 100,
    disbursed: paid.reduce((s, d) => s + d.amount, 0) / 100,
    toQ2: paid.filter((d) => d.paidOn <= q2End).reduce((s, d) => s + d.amount, 0) / 100,
  };
}

function findRow(ws: ExcelJS.Worksheet, col: number, value: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r += 1) if (ws.getCell(r, col).value === value) return ws.getRow(r);
  throw new Error(`no row with ${value}`);
}

describe('the budget progress workbook', () => {
  it('has sheets, headers, formats, frozen header and filter', async () => {
    const read = await readBack();
    expect(read.worksheets.map((ws) => ws.name)).toEqual(['ความก้าวหน้างบประมาณ', 'สรุปตามประเภท อปท.']);
    const ws = read.worksheets[0]!;
    const header = findRow(ws, 1, 'ลำดับ');
    expect(header.getCell(6).value).toBe('งบประมาณตามข้อบัญญัติ (บาท)');
    expect(header.getCell(10).value).toBe('% เบิกจ่ายสะสม ไตรมาส 1');
    expect(header.getCell(14).value).toBe('รายการที่ยังไม่ดำเนินการ');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 4, ySplit: header.number });
    expect(String(ws.autoFilter)).toMatch(new RegExp(`^A${header.number}:N\\d+$`));
    const first = ws.getRow(header.number + 1);
    expect(first.getCell(6).numFmt).toBe(FORMAT.baht);
    expect(first.getCell(10).numFmt).toBe(FORMAT.percent);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
  });

  it('has a province total equal to the records and subtotals equal to their rows', async () => {
    const read = await readBack();
    const ws = read.worksheets[0]!;
    const total = findRow(ws, 4, 'รวมทั้งจังหวัด');
    const want = expectedTotals();
    expect(total.getCell(6).value).toBeCloseTo(want.ordinanceTotal, 2);
    expect(total.getCell(7).value).toBe(want.items);
    expect(total.getCell(8).value).toBeCloseTo(want.committed, 2);
    expect(total.getCell(9).value).toBeCloseTo(want.disbursed, 2);
    expect(total.getCell(11).value).toBeCloseTo(want.toQ2 / want.ordinanceTotal, 10);
    const { progress } = build();
    const first = progress.districts[0]!;
    const sub = findRow(ws, 4, `รวมอำเภอ${first.district.nameTh}`);
    const header = findRow(ws, 1, 'ลำดับ').number;
    const rows = ws.getRows(header + 1, first.rows.length)!;
    const sum = rows.reduce((s, r) => s + Number(r.getCell(9).value ?? 0), 0);
    expect(sub.getCell(9).value).toBeCloseTo(sum, 2);
    expect(rows.every((r) => r.getCell(2).value === first.district.nameTh)).toBe(true);
  });

  it('totals by LAO type add up to the province', async () => {
    const read = await readBack();
    const ws = read.worksheets[1]!;
    const total = findRow(ws, 1, 'รวมทั้งจังหวัด');
    expect(total.getCell(2).value).toBe(demoFixture().dataset.laos.length);
    expect(findRow(ws, 1, 'องค์การบริหารส่วนจังหวัด').getCell(2).value).toBe(1);
    expect(total.getCell(3).value).toBeCloseTo(expectedTotals().ordinanceTotal, 2);
  });

  it('names sheets in English on request', async () => {
    const read = await readBack('en');
    expect(read.worksheets.map((ws) => ws.name)).toEqual(['Budget progress', 'By LAO type']);
  });
});
