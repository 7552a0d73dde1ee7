/** Officer performance against the calendar: per month, per task, the whole year by status, and the 15-day contract-documents rule. */
import ExcelJS from 'exceljs';
import { monthName, toBE } from '../../shared/calendar/fiscal';
import { completeShare, TASK_STATUSES, type CalendarTemplate, type TaskResult } from '../../shared/calendar/index';
import type { Lao, User } from '../../shared/domain/reference';
import { officerPerformance, type ActivityRow, type OfficerPerformance, type VisitRow } from '../../shared/export/officerPerformance';
import { Wording } from './labels';
import { appendSignOffSheet, headerFacts, type ExportHeader } from './matrixWorkbook';
import { FORMAT, finishSheet, paintStatus, sheetName, solid, writeHeaderBlock, writeHeaderRow } from './sheet';

export interface OfficerWorkbookInput extends ExportHeader {
  users: readonly User[];
  laos: readonly Lao[];
  template: CalendarTemplate;
  results: ReadonlyMap<string, Readonly<Record<string, TaskResult>>>;
  activity: { records: readonly ActivityRow[]; visits: readonly VisitRow[] };
}

const monthText = (w: Wording, year: number, month: number) => `${monthName(month, { locale: w.language, style: 'short' })} ${toBE(year)}`;

function startSheet(wb: ExcelJS.Workbook, w: Wording, input: OfficerWorkbookInput, name: string, headers: string[]) {
  const ws = wb.addWorksheet(sheetName(name));
  const headerRow = writeHeaderBlock(ws, { title: w.labels.officers.title, facts: headerFacts(w, input) }) + 1;
  writeHeaderRow(ws, headerRow, headers);
  return { ws, headerRow };
}

function setRow(ws: ExcelJS.Worksheet, rowNo: number, values: Array<[ExcelJS.CellValue, string?]>): void {
  const row = ws.getRow(rowNo);
  values.forEach(([value, numFmt], i) => {
    const cell = row.getCell(i + 1);
    cell.value = value;
    if (numFmt) cell.numFmt = numFmt;
  });
}

function monthlySheet(wb: ExcelJS.Workbook, w: Wording, input: OfficerWorkbookInput, perf: OfficerPerformance[]): void {
  const o = w.labels.officers;
  const l = w.labels;
  const headers = [o.officer, o.month, o.assigned, l.applicable, l.complete, l.percent, o.overdue, o.visits, o.onBehalf];
  const { ws, headerRow } = startSheet(wb, w, input, o.sheet, headers);
  let rowNo = headerRow;
  for (const p of perf) {
    for (const m of p.months) {
      rowNo += 1;
      setRow(ws, rowNo, [[p.user.displayName], [monthText(w, m.year, m.month)], [p.laoCount, FORMAT.count], [m.tally.due, FORMAT.count], [m.tally.complete, FORMAT.count],
        [completeShare(m.tally), FORMAT.percent], [m.tally.overdue, FORMAT.count], [m.visits, FORMAT.count], [m.onBehalf, FORMAT.count]]);
      if (m.tally.overdue > 0) ws.getCell(rowNo, 7).fill = solid('#fbe3e3');
    }
  }
  finishSheet(ws, { headerRow, columns: headers.length, lastRow: rowNo, freezeColumns: 2, maxWidths: { 3: 16, 4: 16, 5: 16, 6: 16, 7: 16, 8: 16, 9: 18 } });
}

function taskSheet(wb: ExcelJS.Workbook, w: Wording, input: OfficerWorkbookInput, perf: OfficerPerformance[]): void {
  const o = w.labels.officers;
  const l = w.labels;
  const headers = [o.officer, o.month, o.task, o.assigned, l.applicable, l.complete, l.percent, o.overdue];
  const { ws, headerRow } = startSheet(wb, w, input, o.taskSheet, headers);
  let rowNo = headerRow;
  for (const p of perf) {
    for (const m of p.months) {
      for (const t of m.tasks) {
        rowNo += 1;
        setRow(ws, rowNo, [[p.user.displayName], [monthText(w, m.year, m.month)], [w.localized(t.task.label)], [t.assigned, FORMAT.count],
          [t.tally.due, FORMAT.count], [t.tally.complete, FORMAT.count], [completeShare(t.tally), FORMAT.percent], [t.tally.overdue, FORMAT.count]]);
      }
    }
  }
  finishSheet(ws, { headerRow, columns: headers.length, lastRow: rowNo, freezeColumns: 2, maxWidths: { 3: 50 }, sampleRows: 2000 });
}

/** Every task of the year × the officer's LAOs by status, as of the day: what is done, late, and not yet due. */
function yearSheet(wb: ExcelJS.Workbook, w: Wording, input: OfficerWorkbookInput, perf: OfficerPerformance[]): void {
  const o = w.labels.officers;
  const l = w.labels;
  const headers = [o.officer, o.assigned, ...TASK_STATUSES.map((status) => w.status(status)), l.applicable, l.percent];
  const { ws, headerRow } = startSheet(wb, w, input, o.yearSheet, headers);
  // The status headers in the status colours: the sheet's own legend.
  TASK_STATUSES.forEach((status, i) => paintStatus(ws.getCell(headerRow, 3 + i), status, w.status(status)));
  let rowNo = headerRow;
  for (const p of perf) {
    rowNo += 1;
    setRow(ws, rowNo, [[p.user.displayName], [p.laoCount, FORMAT.count], ...TASK_STATUSES.map((status): [number, string] => [p.year[status], FORMAT.count]),
      [p.year.due, FORMAT.count], [completeShare(p.year), FORMAT.percent]]);
  }
  finishSheet(ws, { headerRow, columns: headers.length, lastRow: rowNo, freezeColumns: 1, maxWidths: Object.fromEntries(headers.map((_h, i) => [i + 1, i === 0 ? 45 : 16])) });
}

function docsSheet(wb: ExcelJS.Workbook, w: Wording, input: OfficerWorkbookInput, perf: OfficerPerformance[]): void {
  const o = w.labels.officers;
  const headers = [o.officer, o.assigned, o.contractSigned, o.docsDue, o.docsSent, o.docsStatus, o.daysLate];
  const { ws, headerRow } = startSheet(wb, w, input, o.docsSheet, headers);
  let rowNo = headerRow;
  const date = (iso: string | undefined) => (iso ? w.date(iso) : '');
  for (const p of perf) {
    rowNo += 1;
    setRow(ws, rowNo, [[p.user.displayName], [p.laoCount, FORMAT.count], [date(p.user.contractSignedOn)], [date(p.docs.dueOn)], [date(p.user.hiringDocsSentOn)],
      [o.docs[p.docs.status]], [p.docs.daysLate ?? null, FORMAT.count]]);
    if (p.docs.status === 'late' || p.docs.status === 'overdue') ws.getCell(rowNo, 6).fill = solid('#fbe3e3');
  }
  finishSheet(ws, { headerRow, columns: headers.length, lastRow: rowNo, freezeColumns: 1 });
}

export function buildOfficerWorkbook(input: OfficerWorkbookInput): { workbook: ExcelJS.Workbook; performance: OfficerPerformance[] } {
  const w = new Wording(input.language);
  const performance = officerPerformance(input.users, input.laos, input.template, input.results, input.asOf, input.activity);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = input.exportedBy;
  monthlySheet(workbook, w, input, performance);
  taskSheet(workbook, w, input, performance);
  yearSheet(workbook, w, input, performance);
  docsSheet(workbook, w, input, performance);
  appendSignOffSheet(workbook, w, input);
  return { workbook, performance };
}
