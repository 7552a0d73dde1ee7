/**
 * The monthly checklist matrix workbook: LAOs × the month's (or year's) tasks
 * with status colours, counts and percentages, plus a sheet per district.
 * Counts come from buildMatrix, the model the matrix screen renders.
 */
import ExcelJS from 'exceljs';
import { monthName, toBE } from '../../shared/calendar/fiscal';
import type { CalendarTask, TaskStatus } from '../../shared/calendar/index';
import type { District, Lao, Province } from '../../shared/domain/reference';
import type { LaoTaskResults } from '../data/completionCache';
import { buildMatrix, type MatrixModel, type Tally } from '../features/matrix/matrix';
import { fill, Wording, type WorkbookLanguage } from './labels';
import { FORMAT, finishSheet, paintStatus, sheetName, styleTotalRow, writeHeaderBlock, writeHeaderRow, writeLegend } from './sheet';

export interface ExportHeader {
  province: Province;
  fiscalYear: number;
  asOf: string;
  exportedBy: string;
  language: WorkbookLanguage;
}

export interface MatrixWorkbookInput extends ExportHeader {
  laos: readonly Lao[];
  districts: readonly District[];
  tasks: readonly CalendarTask[];
  results: ReadonlyMap<string, LaoTaskResults>;
  /** The month the tasks are due in; absent for the whole fiscal year. */
  month?: { year: number; month: number };
}

const LEGEND: readonly TaskStatus[] = ['complete', 'in_progress', 'not_started', 'overdue', 'not_applicable'];
const FIXED = 5; // no, district, code, LAO, type

export const ratio = (t: Tally): number | null => (t.applicable === 0 ? null : t.complete / t.applicable);

export function headerFacts(w: Wording, h: ExportHeader): Array<[string, string]> {
  const l = w.labels;
  return [
    [l.province, w.name(h.province)],
    [l.fiscalYear, w.fiscalYear(h.fiscalYear)],
    [l.asOf, w.date(h.asOf)],
    [l.exportedBy, h.exportedBy],
  ];
}

function matrixTitle(w: Wording, month: MatrixWorkbookInput['month']): string {
  if (!month) return w.labels.matrix.yearTitle;
  const text = `${monthName(month.month, { locale: w.language, style: 'long' })} ${toBE(month.year)}`;
  return fill(w.labels.matrix.title, { month: text });
}

function rowTally(results: LaoTaskResults | undefined, tasks: readonly CalendarTask[]): Tally {
  const t = { complete: 0, applicable: 0 };
  for (const task of tasks) {
    const status = results?.[task.id]?.status;
    if (!status || status === 'not_applicable') continue;
    t.applicable += 1;
    if (status === 'complete') t.complete += 1;
  }
  return t;
}

function writeTallyCells(row: ExcelJS.Row, firstCol: number, tally: Tally): void {
  row.getCell(firstCol).value = tally.complete;
  row.getCell(firstCol + 1).value = tally.applicable;
  const pct = row.getCell(firstCol + 2);
  pct.value = ratio(tally);
  pct.numFmt = FORMAT.percent;
}

function writeMatrixSheet(wb: ExcelJS.Workbook, w: Wording, input: MatrixWorkbookInput, model: MatrixModel): void {
  const l = w.labels;
  const ws = wb.addWorksheet(sheetName(l.matrix.sheet));
  let rowNo = writeHeaderBlock(ws, { title: matrixTitle(w, input.month), facts: headerFacts(w, input) });
  rowNo = writeLegend(ws, rowNo + 1, l.legend, LEGEND.map((s) => [s, w.status(s)]));
  const headerRow = rowNo;
  const taskHeaders = input.tasks.map((task, i) => `${i + 1}. ${w.localized(task.label)}`);
  writeHeaderRow(ws, headerRow, [l.no, l.district, l.laoCode, l.lao, l.laoType, ...taskHeaders, l.complete, l.applicable, l.percent]);
  const columns = FIXED + input.tasks.length + 3;
  let no = 0;
  for (const group of model.groups) {
    for (const { lao, results } of group.rows) {
      rowNo += 1;
      no += 1;
      const row = ws.getRow(rowNo);
      row.values = [no, w.name(group.district), lao.code, w.name(lao), w.laoType(lao.type, true)];
      input.tasks.forEach((task, i) => {
        const status = results?.[task.id]?.status ?? 'not_applicable';
        paintStatus(row.getCell(FIXED + 1 + i), status, w.status(status));
      });
      writeTallyCells(row, FIXED + input.tasks.length + 1, rowTally(results, input.tasks));
    }
  }
  const lastDataRow = rowNo;
  rowNo += 2;
  const totals: Array<[string, (t: Tally) => number | null, string]> = [
    [l.complete, (t) => t.complete, FORMAT.count],
    [l.applicable, (t) => t.applicable, FORMAT.count],
    [l.percent, ratio, FORMAT.percent],
  ];
  for (const [label, pick, numFmt] of totals) {
    const row = ws.getRow(rowNo);
    row.getCell(4).value = `${l.total}: ${label}`;
    model.perTask.forEach((tally, i) => {
      const cell = row.getCell(FIXED + 1 + i);
      cell.value = pick(tally);
      cell.numFmt = numFmt;
    });
    const overall = row.getCell(FIXED + input.tasks.length + 3);
    overall.value = pick(model.overall);
    overall.numFmt = numFmt;
    styleTotalRow(row, columns);
    rowNo += 1;
  }
  const maxWidths: Record<number, number> = {};
  for (let c = FIXED + 1; c <= columns; c += 1) maxWidths[c] = 16;
  finishSheet(ws, { headerRow, columns, lastRow: lastDataRow, freezeColumns: 4, maxWidths });
}

function writeDistrictSheet(wb: ExcelJS.Workbook, w: Wording, input: MatrixWorkbookInput, model: MatrixModel): void {
  const l = w.labels;
  const ws = wb.addWorksheet(sheetName(l.matrix.districtSheet));
  const headerRow = writeHeaderBlock(ws, { title: matrixTitle(w, input.month), facts: headerFacts(w, input) }) + 1;
  const taskHeaders = input.tasks.map((task, i) => `${i + 1}. ${w.localized(task.label)}`);
  writeHeaderRow(ws, headerRow, [l.district, l.matrix.laoCount, ...taskHeaders, l.complete, l.applicable, l.percent]);
  const columns = 2 + input.tasks.length + 3;
  let rowNo = headerRow;
  const writeLine = (label: string, count: number, perTask: Tally[], overall: Tally) => {
    rowNo += 1;
    const row = ws.getRow(rowNo);
    row.values = [label, count];
    perTask.forEach((tally, i) => {
      const cell = row.getCell(3 + i);
      cell.value = ratio(tally);
      cell.numFmt = FORMAT.percent;
    });
    writeTallyCells(row, 3 + input.tasks.length, overall);
    return row;
  };
  for (const group of model.groups) writeLine(w.name(group.district), group.rows.length, group.perTask, group.overall);
  const lastDataRow = rowNo;
  styleTotalRow(writeLine(l.total, model.shown, model.perTask, model.overall), columns);
  const maxWidths: Record<number, number> = {};
  for (let c = 3; c <= columns; c += 1) maxWidths[c] = 16;
  finishSheet(ws, { headerRow, columns, lastRow: lastDataRow, freezeColumns: 1, maxWidths });
}

/** Builds the workbook; the screen's model is returned too, so callers and tests can compare. */
export function buildMatrixWorkbook(input: MatrixWorkbookInput): { workbook: ExcelJS.Workbook; model: MatrixModel } {
  const w = new Wording(input.language);
  const model = buildMatrix(input.laos, input.districts, input.tasks, input.results, {});
  const workbook = new ExcelJS.Workbook();
  workbook.creator = input.exportedBy;
  workbook.created = new Date(`${input.asOf}T00:00:00+07:00`);
  writeMatrixSheet(workbook, w, input, model);
  writeDistrictSheet(workbook, w, input, model);
  return { workbook, model };
}
