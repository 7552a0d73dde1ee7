import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { summarize, type TaskResult } from '../../shared/calendar/index';
import { STATUS_COLOURS } from '../features/checklist/statusColours';
import { buildMatrix } from '../features/matrix/matrix';
import { demoFixture, FIXTURE_AS_OF, FIXTURE_FY } from './demoFixture';
import { buildMatrixWorkbook } from './matrixWorkbook';
import { FONT_NAME, FORMAT } from './sheet';

async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const buffer = await workbook.xlsx.writeBuffer();
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(buffer as ArrayBuffer);
  return read;
}

function build(language: 'th' | 'en' = 'th') {
  const { dataset, results, marchTasks } = demoFixture();
  return buildMatrixWorkbook({
    province: dataset.province, districts: dataset.districts, laos: dataset.laos, tasks: marchTasks, results,
    fiscalYear: FIXTURE_FY, asOf: FIXTURE_AS_OF, exportedBy: 'สมหญิง ใจดี', language, month: { year: 2026, month: 3 },
  });
}

/** The whole year as of 20 March: the tasks of May to September have not begun. */
function buildYear(language: 'th' | 'en') {
  const { dataset, results, template } = demoFixture();
  return buildMatrixWorkbook({
    province: dataset.province, districts: dataset.districts, laos: dataset.laos, tasks: template.tasks, results,
    fiscalYear: FIXTURE_FY, asOf: FIXTURE_AS_OF, exportedBy: 'สมหญิง ใจดี', language,
  });
}

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

/** Row of the header (first cell 'ลำดับ' / 'No.'). */
function headerRowOf(ws: ExcelJS.Worksheet, first: string): number {
  for (let r = 1; r <= 12; r += 1) if (ws.getCell(r, 1).value === first) return r;
  throw new Error('no header row');
}

describe('the checklist matrix workbook', () => {
  it('has Thai sheets, header block, headers, frozen panes, filter and print setup', async () => {
    const { workbook } = build();
    const read = await roundTrip(workbook);
    expect(read.worksheets.map((ws) => ws.name)).toEqual(['ตารางติดตาม', 'สรุปรายอำเภอ']);
    const ws = read.getWorksheet('ตารางติดตาม')!;
    expect(String(ws.getCell('A1').value)).toContain('มีนาคม 2569');
    expect(ws.getCell('A2').value).toBe('จังหวัด');
    expect(ws.getCell('E2').value).toBe('2569');
    expect(ws.getCell('B3').value).toBe('20 มี.ค. 2569');
    expect(ws.getCell('E3').value).toBe('สมหญิง ใจดี');
    const h = headerRowOf(ws, 'ลำดับ');
    expect([2, 3, 4, 5].map((c) => ws.getCell(h, c).value)).toEqual(['อำเภอ', 'รหัส อปท.', 'ชื่อ อปท.', 'ประเภท อปท.']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 4, ySplit: h });
    expect(ws.autoFilter).toBe(`A${h}:${ws.getColumn(5 + demoFixture().marchTasks.length + 4).letter}${h + demoFixture().dataset.laos.length}`);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    expect(ws.getCell(h + 1, 4).font?.name).toBe(FONT_NAME);
    expect(ws.getColumn(4).width).toBeGreaterThan(12);
  });

  it('keeps the print titles and the legend colours of the screens', async () => {
    const { workbook } = build();
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const read = await roundTrip(workbook);
    const ws = read.worksheets[0]!;
    const h = headerRowOf(ws, 'ลำดับ');
    // exceljs writes print titles as the _xlnm.Print_Titles defined name.
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(buffer)).file('xl/workbook.xml')!.async('string');
    expect(xml).toContain(`_xlnm.Print_Titles`);
    expect(xml).toContain(`$${h}:$${h}`);
    // The legend row, in the screens' order and colours.
    const legend = h - 2;
    expect(ws.getCell(legend, 1).value).toBe('สัญลักษณ์สถานะ');
    expect([3, 4, 5, 6, 7, 8].map((c) => ws.getCell(legend, c).value)).toEqual(['เลยกำหนด', 'ยังไม่เริ่ม', 'กำลังดำเนินการ', 'ยังไม่ถึงกำหนด', 'ครบถ้วน', 'ไม่เกี่ยวข้อง']);
    const notYetDue = ws.getCell(legend, 6);
    expect(notYetDue.fill).toMatchObject({ fgColor: { argb: argb(STATUS_COLOURS.not_yet_due.tint) } });
    expect(notYetDue.font?.color).toMatchObject({ argb: argb(STATUS_COLOURS.not_yet_due.color) });
  });

  it('has totals equal to the matrix screen model and to summarize()', async () => {
    const { dataset, results, marchTasks } = demoFixture();
    const screen = buildMatrix(dataset.laos, dataset.districts, marchTasks, results, {});
    const read = await roundTrip(build().workbook);
    const ws = read.worksheets[0]!;
    const h = headerRowOf(ws, 'ลำดับ');
    const totalRow = (label: string) => {
      for (let r = h + 1; r <= ws.rowCount; r += 1) if (ws.getCell(r, 4).value === `รวมทั้งจังหวัด: ${label}`) return ws.getRow(r);
      throw new Error(label);
    };
    const complete = totalRow('ครบถ้วน');
    const due = totalRow('ต้องดำเนินการ');
    const pct = totalRow('ร้อยละครบถ้วน');
    marchTasks.forEach((task, i) => {
      const col = 6 + i;
      const s = summarize(dataset.laos.map((lao) => results.get(lao.id)![task.id]!) as TaskResult[]);
      expect(complete.getCell(col).value).toBe(screen.perTask[i]!.complete);
      expect(complete.getCell(col).value).toBe(s.complete);
      expect(due.getCell(col).value).toBe(s.total - s.not_applicable - s.not_yet_due);
      expect(pct.getCell(col).numFmt).toBe(FORMAT.percent);
      if (s.due > 0) expect(pct.getCell(col).value).toBeCloseTo(s.complete / s.due, 10);
    });
    // The overall figure stands in the last column: complete, not yet due, due, percent follow the tasks.
    expect(complete.getCell(5 + marchTasks.length + 4).value).toBe(screen.overall.complete);
    // Every LAO has one row, with its status text in the task columns.
    const rows = ws.getRows(h + 1, dataset.laos.length)!;
    expect(rows.map((r) => r.getCell(3).value).sort()).toEqual(dataset.laos.map((l) => l.code).sort());
    const first = rows[0]!;
    const lao = dataset.laos.find((l) => l.code === first.getCell(3).value)!;
    const status = results.get(lao.id)![marchTasks[0]!.id]!.status;
    expect(first.getCell(6).value).toBe(
      { complete: 'ครบถ้วน', in_progress: 'กำลังดำเนินการ', not_started: 'ยังไม่เริ่ม', overdue: 'เลยกำหนด', not_yet_due: 'ยังไม่ถึงกำหนด', not_applicable: 'ไม่เกี่ยวข้อง' }[status],
    );
  });

  it('has per-district percentages equal to the screen model', async () => {
    const { model } = build();
    const read = await roundTrip(build().workbook);
    const ws = read.getWorksheet('สรุปรายอำเภอ')!;
    const h = headerRowOf(ws, 'อำเภอ');
    model.groups.forEach((group, g) => {
      const row = ws.getRow(h + 1 + g);
      expect(row.getCell(1).value).toBe(group.district.nameTh);
      expect(row.getCell(2).value).toBe(group.rows.length);
      group.perTask.forEach((tally, i) => {
        const v = row.getCell(3 + i).value;
        if (tally.due === 0) expect(v).toBeNull();
        else expect(v).toBeCloseTo(tally.complete / tally.due, 10);
      });
    });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: h });
  });

  it('speaks English on request', async () => {
    const read = await roundTrip(build('en').workbook);
    expect(read.worksheets.map((ws) => ws.name)).toEqual(['Checklist matrix', 'By district']);
    const ws = read.worksheets[0]!;
    expect(ws.getCell('A2').value).toBe('Province');
    expect(ws.getCell('B3').value).toBe('20 Mar 2569 BE');
    expect(ws.getCell(headerRowOf(ws, 'No.'), 4).value).toBe('LAO');
  });

  it.each([['th', 'ยังไม่ถึงกำหนด', 'ลำดับ'], ['en', 'Not yet due', 'No.']] as const)(
    'shows tasks that have not begun as not yet due (%s), counted apart from the due',
    async (language, label, first) => {
      const { dataset, results, template } = demoFixture();
      const read = await roundTrip(buildYear(language).workbook);
      const ws = read.worksheets[0]!;
      const h = headerRowOf(ws, first);
      const q3 = template.tasks.findIndex((task) => task.id === 'q3-progress');
      const columns = 5 + template.tasks.length;
      expect(ws.getCell(h, columns + 2).value).toBe(label);
      let shown = 0;
      for (const row of ws.getRows(h + 1, dataset.laos.length)!) {
        const lao = dataset.laos.find((l) => l.code === row.getCell(3).value)!;
        const laoResults = results.get(lao.id)!;
        const status = laoResults['q3-progress']!.status;
        if (status !== 'not_yet_due') continue;
        shown += 1;
        const cell = row.getCell(6 + q3);
        expect(cell.value).toBe(label);
        expect(cell.fill).toMatchObject({ fgColor: { argb: argb(STATUS_COLOURS.not_yet_due.tint) } });
        const s = summarize(Object.values(laoResults));
        expect(row.getCell(columns + 2).value).toBe(s.not_yet_due);
        expect(row.getCell(columns + 3).value).toBe(s.due);
      }
      expect(shown).toBeGreaterThan(0);
    },
  );
});
