import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SignOff } from '../../shared/calendar/index';
import { demoFixture, FIXTURE_AS_OF, FIXTURE_FY } from './demoFixture';
import { buildMatrixWorkbook } from './matrixWorkbook';
import { rawSheets } from './rawWorkbook';

async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const read = new ExcelJS.Workbook();
  await read.xlsx.load((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  return read;
}

describe('sign-offs in the workbooks', () => {
  const { dataset, results, marchTasks, template } = demoFixture();
  const [first, second] = dataset.laos;
  const supervisor = { id: '0190c4e2-0000-7000-8000-00000000a002', displayName: 'อรุณี มั่นคง' };
  const task = marchTasks.find((t) => !t.everyMonth) ?? marchTasks[0]!;
  const base = { provinceCode: first!.provinceCode, fiscalYear: FIXTURE_FY, rule: task.rule, month: null, signedBy: supervisor.id, note: 'ตรวจแล้ว', reopenedBy: null, reopenedAt: null, reopenReason: null };
  const list: SignOff[] = [
    { ...base, id: '0190c4e2-0000-7000-8000-0000000005f1', laoId: first!.id, taskId: task.id, signedAt: '2026-03-18T03:00:00.000Z' },
    {
      ...base, id: '0190c4e2-0000-7000-8000-0000000005f2', laoId: second!.id, taskId: task.id, signedAt: '2026-03-10T03:00:00.000Z',
      reopenedBy: supervisor.id, reopenedAt: '2026-03-12T03:00:00.000Z', reopenReason: 'แก้ยอดเบิกจ่าย',
    },
  ];
  const signOffs = { list, users: [supervisor], tasks: template.tasks };
  const header = { province: dataset.province, fiscalYear: FIXTURE_FY, asOf: FIXTURE_AS_OF, exportedBy: 'สมหญิง ใจดี', language: 'th' as const, signOffs };

  it('marks the signed-off cell of the matrix and lists every sign-off, reopened ones with who and why, read back from the file', async () => {
    const { workbook } = buildMatrixWorkbook({ ...header, districts: dataset.districts, laos: dataset.laos, tasks: marchTasks, results, month: { year: 2026, month: 3 } });
    const read = await roundTrip(workbook);
    expect(read.worksheets.map((ws) => ws.name)).toEqual(['ตารางติดตาม', 'สรุปรายอำเภอ', 'การรับรองงวด']);
    const matrix = read.getWorksheet('ตารางติดตาม')!;
    const texts: string[] = [];
    matrix.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts.filter((text) => text.endsWith('(รับรองแล้ว)'))).toHaveLength(1);
    const sheet = read.getWorksheet('การรับรองงวด')!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
    const headerAt = rows.findIndex((row) => row[0] === 'รหัส อปท.');
    expect(rows[headerAt]).toEqual(['รหัส อปท.', 'อปท.', 'งานตามปฏิทิน', 'งวด', 'สถานะ', 'ผู้รับรอง', 'วันที่รับรอง', 'หมายเหตุ', 'ผู้เปิดงวด', 'วันที่เปิดงวด', 'เหตุผลที่เปิดงวด']);
    const data = rows.slice(headerAt + 1);
    expect(data).toHaveLength(2);
    const reopened = data.find((row) => row[1] === second!.nameTh)!;
    expect(reopened.slice(4)).toEqual(['เปิดงวดแล้ว', 'อรุณี มั่นคง', '10 มี.ค. 2569', 'ตรวจแล้ว', 'อรุณี มั่นคง', '12 มี.ค. 2569', 'แก้ยอดเบิกจ่าย']);
    expect(data.find((row) => row[1] === first!.nameTh)![4]).toBe('รับรองแล้ว');
  });

  it('adds the sheet to the raw workbook, and no sheet when the year has no sign-off', () => {
    const input = { ...header, laos: dataset.laos, districts: dataset.districts, users: [], records: {} };
    expect(rawSheets(input).at(-1)).toMatchObject({ name: 'การรับรองงวด', rowCount: 2 });
    expect(rawSheets({ ...input, fiscalYear: FIXTURE_FY + 1 }).some((s) => s.name === 'การรับรองงวด')).toBe(false);
    expect(rawSheets({ ...input, signOffs: undefined }).some((s) => s.name === 'การรับรองงวด')).toBe(false);
  });
});
