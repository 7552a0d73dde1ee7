import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { demoFixture, FIXTURE_AS_OF, FIXTURE_FY } from './demoFixture';
import { buildMatrixWorkbook } from './matrixWorkbook';
import { writeRawWorkbook } from './rawWorkbook';
import type { PartialData } from './partialNote';

/** Every cell text of a sheet's first rows (the header block), joined. */
function headerText(ws: ExcelJS.Worksheet): string {
  const texts: string[] = [];
  for (let r = 1; r <= 12; r++) ws.getRow(r).eachCell((cell) => texts.push(String(cell.value)));
  return texts.join(' | ');
}

async function matrixSheet(partial: PartialData | undefined, language: 'th' | 'en' = 'th'): Promise<ExcelJS.Worksheet> {
  const { dataset, results, marchTasks } = demoFixture();
  const built = buildMatrixWorkbook({
    province: dataset.province, districts: dataset.districts, laos: dataset.laos, tasks: marchTasks, results,
    fiscalYear: FIXTURE_FY, asOf: FIXTURE_AS_OF, exportedBy: 'สมหญิง ใจดี', language, month: { year: 2026, month: 3 },
    ...(partial ? { partial } : {}),
  });
  const read = new ExcelJS.Workbook();
  await read.xlsx.load((await built.workbook.xlsx.writeBuffer()) as ArrayBuffer);
  return read.worksheets[0]!;
}

describe('a workbook exported from partial data', () => {
  it('says so in the header block, with x of y, in Thai and English', async () => {
    expect(headerText(await matrixSheet({ stored: 1200, total: 5400 }))).toContain('ข้อมูลไม่ครบ: ส่งออกขณะยังดาวน์โหลดข้อมูลจังหวัดไม่เสร็จ (1,200 จาก 5,400 รายการ)');
    expect(headerText(await matrixSheet({ stored: 1200, total: 5400 }, 'en'))).toContain('Incomplete data: exported before the province finished downloading (1,200 of 5,400 records)');
    expect(headerText(await matrixSheet({ stored: 30, total: null }))).toContain('ดาวน์โหลดแล้ว 30 รายการ');
  });

  it('has no note when the data is whole', async () => {
    const text = headerText(await matrixSheet(undefined));
    expect(text).not.toContain('ข้อมูลไม่ครบ');
    expect(text).not.toContain('หมายเหตุข้อมูล');
  });

  it('carries the note on every sheet of the streamed raw workbook', async () => {
    const { dataset } = demoFixture();
    const bytes = await writeRawWorkbook({
      province: dataset.province, districts: dataset.districts, laos: dataset.laos, users: dataset.users, records: dataset.records,
      fiscalYear: FIXTURE_FY, asOf: FIXTURE_AS_OF, exportedBy: 'supervisor', language: 'th', partial: { stored: 10, total: 20 },
    });
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(bytes.buffer as ArrayBuffer);
    for (const ws of read.worksheets) expect(headerText(ws), ws.name).toContain('(10 จาก 20 รายการ)');
  });
});
