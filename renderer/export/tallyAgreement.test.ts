/**
 * Issue 15 item 10: the checklist, the matrix, the officers page, the dashboard
 * and the workbooks count the same results through one tally, so they agree
 * on the same data (read back from the written workbook for the last).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TASK_STATUSES, sumTallies, tallyResults } from '../../shared/calendar/index';
import { officerPerformance } from '../../shared/export/officerPerformance';
import { summarizeTask } from '../features/checklist/checklist';
import { monthlyProgress, yearStatusTally } from '../features/dashboard/dashboard';
import { buildMatrix } from '../features/matrix/matrix';
import { officerRows } from '../features/officers/officers';
import { demoFixture, FIXTURE_AS_OF, FIXTURE_FY } from './demoFixture';
import { buildMatrixWorkbook } from './matrixWorkbook';

describe('one tally for every screen and workbook', () => {
  const { dataset, results, template, marchTasks } = demoFixture();
  const laoIds = dataset.laos.map((lao) => lao.id);

  it('checklist, matrix and dashboard agree task by task and month by month', () => {
    const matrix = buildMatrix(dataset.laos, dataset.districts, marchTasks, results, {});
    marchTasks.forEach((task, i) => expect(summarizeTask(task, dataset.laos, results).tally).toEqual(matrix.perTask[i]));
    expect(sumTallies(matrix.groups.map((g) => g.overall))).toEqual(matrix.overall);
    const march = monthlyProgress(template, dataset.laos, results, FIXTURE_AS_OF).find((m) => m.year === 2026 && m.month === 3)!;
    expect(march.tally).toEqual(matrix.overall);
    expect(yearStatusTally(template, dataset.laos, results)).toEqual(buildMatrix(dataset.laos, dataset.districts, template.tasks, results, {}).overall);
    expect(matrix.overall.total).toBeGreaterThan(0);
  });

  it('the officers page and the officers workbook count each officer the same', () => {
    const users = dataset.users;
    const rows = officerRows(users, dataset.laos, template.tasks, results, FIXTURE_AS_OF);
    const performance = officerPerformance(users, dataset.laos, template, results, FIXTURE_AS_OF, { records: [], visits: [] });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const year = performance.find((p) => p.user.id === row.user.id)!.year;
      expect(year).toEqual(row.tally);
    }
  });

  it('the matrix workbook totals are the screen totals, read back from the file', async () => {
    const { workbook, model } = buildMatrixWorkbook({
      province: dataset.province, districts: dataset.districts, laos: dataset.laos, tasks: marchTasks, results,
      fiscalYear: FIXTURE_FY, asOf: FIXTURE_AS_OF, exportedBy: 'ทดสอบ', language: 'th', month: { year: 2026, month: 3 },
    });
    const read = new ExcelJS.Workbook();
    await read.xlsx.load((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const ws = read.getWorksheet('ตารางติดตาม')!;
    let completeRow = 0;
    ws.eachRow((row, n) => { if (completeRow === 0 && String(row.getCell(4).value).endsWith(': ครบถ้วน')) completeRow = n; });
    const fromFile = marchTasks.map((_t, i) => Number(ws.getCell(completeRow, 6 + i).value));
    expect(fromFile).toEqual(model.perTask.map((t) => t.complete));
    expect(model.overall).toEqual(tallyResults(results, laoIds, marchTasks));
    expect(TASK_STATUSES.reduce((n, s) => n + model.overall[s], 0)).toBe(model.overall.total);
  });
});
