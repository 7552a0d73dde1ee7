import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TASK_STATUSES } from '../../shared/calendar/index';
import { RECORD_TABLES } from '../../shared/domain/tables';
import { officerRows } from '../features/officers/officers';
import { demoFixture, FIXTURE_AS_OF, FIXTURE_FY } from './demoFixture';
import { buildOfficerWorkbook } from './officerWorkbook';
import { FORMAT } from './sheet';

function build(language: 'th' | 'en' = 'th') {
  const { dataset, results, template } = demoFixture();
  return buildOfficerWorkbook({
    province: dataset.province, users: dataset.users, laos: dataset.laos, template, results,
    activity: { records: RECORD_TABLES.flatMap((t) => dataset.records[t] as never[]), visits: dataset.records.fieldVisits },
    fiscalYear: FIXTURE_FY, asOf: FIXTURE_AS_OF, exportedBy: 'supervisor', language,
  });
}

async function read(language: 'th' | 'en' = 'th'): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await build(language).workbook.xlsx.writeBuffer()) as ArrayBuffer);
  return workbook;
}

function headerRowOf(ws: ExcelJS.Worksheet, first: string): number {
  let header = 1;
  while (ws.getCell(header, 1).value !== first) header += 1;
  return header;
}

describe('the officer performance workbook', () => {
  it('agrees with the officers screen for the month and has its sheets', async () => {
    const { dataset, results, marchTasks } = demoFixture();
    const { performance } = build();
    const workbook = await read();
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['ผลงานรายเดือน', 'ผลงานรายงาน', 'สรุปทั้งปีงบประมาณ', 'เอกสารสัญญาจ้าง']);
    const screen = officerRows(dataset.users, dataset.laos, marchTasks, results, FIXTURE_AS_OF);
    expect(performance.map((p) => p.user.id)).toEqual(screen.map((r) => r.user.id));
    const ws = workbook.worksheets[0]!;
    const header = headerRowOf(ws, 'เจ้าหน้าที่');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
    for (const row of screen) {
      let found = false;
      ws.eachRow((r) => {
        if (r.getCell(1).value === row.user.displayName && r.getCell(2).value === 'มี.ค. 2569') {
          found = true;
          expect(r.getCell(4).value).toBe(row.tally.due);
          expect(r.getCell(5).value).toBe(row.tally.complete);
          expect(r.getCell(6).numFmt).toBe(FORMAT.percent);
        }
      });
      expect(found).toBe(true);
    }
    const docs = workbook.worksheets[3]!;
    expect(docs.rowCount).toBeGreaterThan(header);
    // Months run October to the as-of month: six per officer.
    expect(performance[0]!.months.map((m) => m.month)).toEqual([10, 11, 12, 1, 2, 3]);
    expect(performance.some((p) => p.months.some((m) => m.visits > 0))).toBe(true);
  });

  it.each([['th', 'ยังไม่ถึงกำหนด', 'เจ้าหน้าที่'], ['en', 'Not yet due', 'Officer']] as const)(
    'sums up the whole year by status (%s), the tasks not begun as not yet due, like the dashboard’s ranking',
    async (language, label, first) => {
      const { dataset, results, template } = demoFixture();
      const ws = (await read(language)).worksheets[2]!;
      const h = headerRowOf(ws, first);
      const statusColumn = (status: string) => 3 + TASK_STATUSES.indexOf(status as never);
      expect(ws.getCell(h, statusColumn('not_yet_due')).value).toBe(label);
      const screen = officerRows(dataset.users, dataset.laos, template.tasks, results, FIXTURE_AS_OF);
      screen.forEach((row, i) => {
        const r = ws.getRow(h + 1 + i);
        expect(r.getCell(1).value).toBe(row.user.displayName);
        for (const status of TASK_STATUSES) expect(r.getCell(statusColumn(status)).value, status).toBe(row.tally[status]);
        expect(r.getCell(3 + TASK_STATUSES.length).value).toBe(row.tally.due);
        expect(r.getCell(4 + TASK_STATUSES.length).numFmt).toBe(FORMAT.percent);
      });
      // As of 20 March the tasks of May to September have not begun.
      expect(screen.some((row) => row.tally.not_yet_due > 0)).toBe(true);
    },
  );
});
