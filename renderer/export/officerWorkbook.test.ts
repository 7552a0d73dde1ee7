import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { RECORD_TABLES } from '../../shared/domain/tables';
import { officerRows } from '../features/officers/officers';
import { demoFixture, FIXTURE_AS_OF, FIXTURE_FY } from './demoFixture';
import { buildOfficerWorkbook } from './officerWorkbook';
import { FORMAT } from './sheet';

function build() {
  const { dataset, results, template } = demoFixture();
  return buildOfficerWorkbook({
    province: dataset.province, users: dataset.users, laos: dataset.laos, template, results,
    activity: { records: RECORD_TABLES.flatMap((t) => dataset.records[t] as never[]), visits: dataset.records.fieldVisits },
    fiscalYear: FIXTURE_FY, asOf: FIXTURE_AS_OF, exportedBy: 'supervisor', language: 'th',
  });
}

describe('the officer performance workbook', () => {
  it('agrees with the officers screen for the month and has its sheets', async () => {
    const { dataset, results, marchTasks } = demoFixture();
    const { workbook, performance } = build();
    const read = new ExcelJS.Workbook();
    await read.xlsx.load((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    expect(read.worksheets.map((ws) => ws.name)).toEqual(['ผลงานรายเดือน', 'ผลงานรายงาน', 'เอกสารสัญญาจ้าง']);
    const screen = officerRows(dataset.users, dataset.laos, marchTasks, results, FIXTURE_AS_OF);
    expect(performance.map((p) => p.user.id)).toEqual(screen.map((r) => r.user.id));
    const ws = read.worksheets[0]!;
    let header = 1;
    while (ws.getCell(header, 1).value !== 'เจ้าหน้าที่') header += 1;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
    for (const row of screen) {
      let found = false;
      ws.eachRow((r) => {
        if (r.getCell(1).value === row.user.displayName && r.getCell(2).value === 'มี.ค. 2569') {
          found = true;
          expect(r.getCell(4).value).toBe(row.applicable);
          expect(r.getCell(5).value).toBe(row.complete);
          expect(r.getCell(6).numFmt).toBe(FORMAT.percent);
        }
      });
      expect(found).toBe(true);
    }
    const docs = read.worksheets[2]!;
    expect(docs.rowCount).toBeGreaterThan(header);
    // Months run October to the as-of month: six per officer.
    expect(performance[0]!.months.map((m) => m.month)).toEqual([10, 11, 12, 1, 2, 3]);
    expect(performance.some((p) => p.months.some((m) => m.visits > 0))).toBe(true);
  });
});
