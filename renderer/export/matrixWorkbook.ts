/**
 * The monthly checklist matrix workbook: LAOs × the month's (or year's) tasks
 * with status colours, counts and percentages, plus a sheet per district.
 * Counts come from buildMatrix, the model the matrix screen renders.
 */
import ExcelJS from 'exceljs';
import { monthName, toBE } from '../../shared/calendar/fiscal';
import { completeShare, signOffsInForce, TASK_STATUSES, tallyResults, type CalendarTask, type StatusTally } from '../../shared/calendar/index';
import type { District, Lao, Province } from '../../shared/domain/reference';
import type { LaoTaskResults } from '../../shared/calendar/completionCache';
import { buildMatrix, type MatrixModel } from '../features/matrix/matrix';
import { fill, Wording, type WorkbookLabels, type WorkbookLanguage } from './labels';
import { partialDataFacts, type PartialData } from './partialNote';
import { FORMAT, finishSheet, paintStatus, sheetName, styleTotalRow, writeHeaderBlock, writeHeaderRow, writeLegend, writeTableSheet } from './sheet';
import { signOffSheet, type SignOffFacts } from './signOffSheet';

export interface ExportHeader {
  province: Province;
  fiscalYear: number;
  asOf: string;
  exportedBy: string;
  language: WorkbookLanguage;
  /** Set when the export was made before the first download finished. */
  partial?: PartialData;
  /** Supervisors' sign-offs (issue 17): a sheet of their own, and a mark where a workbook shows the task. */
  signOffs?: SignOffFacts;
}

export interface MatrixWorkbookInput extends ExportHeader {
  laos: readonly Lao[];
  districts: readonly District[];
  tasks: readonly CalendarTask[];
  results: ReadonlyMap<string, LaoTaskResults>;
  /** The month the tasks are due in; absent for the whole fiscal year. */
  month?: { year: number; month: number };
}

const FIXED = 5; // no, district, code, LAO, type

/** The columns that sum up a tally, after the task columns: complete, not yet due, due, percent complete of the due. */
export function tallyColumns(l: WorkbookLabels): Array<[string, (t: StatusTally) => number | null, string]> {
  return [
    [l.complete, (t) => t.complete, FORMAT.count],
    [l.status.not_yet_due, (t) => t.not_yet_due, FORMAT.count],
    [l.applicable, (t) => t.due, FORMAT.count],
    [l.percent, completeShare, FORMAT.percent],
  ];
}

export function headerFacts(w: Wording, h: ExportHeader): Array<[string, string]> {
  const l = w.labels;
  return [
    [l.province, w.name(h.province)],
    [l.fiscalYear, w.fiscalYear(h.fiscalYear)],
    [l.asOf, w.date(h.asOf)],
    [l.exportedBy, h.exportedBy],
    ...partialDataFacts(w, h.partial),
  ];
}

function matrixTitle(w: Wording, month: MatrixWorkbookInput['month']): string {
  if (!month) return w.labels.matrix.yearTitle;
  const text = `${monthName(month.month, { locale: w.language, style: 'long' })} ${toBE(month.year)}`;
  return fill(w.labels.matrix.title, { month: text });
}


function writeTallyCells(w: Wording, row: ExcelJS.Row, firstCol: number, tally: StatusTally): void {
  tallyColumns(w.labels).forEach(([, pick, numFmt], i) => {
    const cell = row.getCell(firstCol + i);
    cell.value = pick(tally);
    cell.numFmt = numFmt;
  });
}

function writeMatrixSheet(wb: ExcelJS.Workbook, w: Wording, input: MatrixWorkbookInput, model: MatrixModel): void {
  const l = w.labels;
  const ws = wb.addWorksheet(sheetName(l.matrix.sheet));
  let rowNo = writeHeaderBlock(ws, { title: matrixTitle(w, input.month), facts: headerFacts(w, input) });
  rowNo = writeLegend(ws, rowNo + 1, l.legend, TASK_STATUSES.map((s) => [s, w.status(s)]));
  const headerRow = rowNo;
  const taskHeaders = input.tasks.map((task, i) => `${i + 1}. ${w.localized(task.label)}`);
  const tallyHeaders = tallyColumns(l).map(([header]) => header);
  writeHeaderRow(ws, headerRow, [l.no, l.district, l.laoCode, l.lao, l.laoType, ...taskHeaders, ...tallyHeaders]);
  const columns = FIXED + input.tasks.length + tallyHeaders.length;
  const signed = signOffsInForce(input.signOffs?.list ?? [], input.fiscalYear, input.month);
  let no = 0;
  for (const group of model.groups) {
    for (const { lao, results } of group.rows) {
      rowNo += 1;
      no += 1;
      const row = ws.getRow(rowNo);
      row.values = [no, w.name(group.district), lao.code, w.name(lao), w.laoType(lao.type, true)];
      input.tasks.forEach((task, i) => {
        const status = results?.[task.id]?.status ?? 'not_applicable';
        const mark = signed.has(`${lao.id}|${task.id}`) ? ` (${l.signOffs.mark})` : '';
        paintStatus(row.getCell(FIXED + 1 + i), status, `${w.status(status)}${mark}`);
      });
      writeTallyCells(w, row, FIXED + input.tasks.length + 1, tallyResults(input.results, [lao.id], input.tasks));
    }
  }
  const lastDataRow = rowNo;
  rowNo += 2;
  for (const [label, pick, numFmt] of tallyColumns(l)) {
    const row = ws.getRow(rowNo);
    row.getCell(4).value = `${l.total}: ${label}`;
    model.perTask.forEach((tally, i) => {
      const cell = row.getCell(FIXED + 1 + i);
      cell.value = pick(tally);
      cell.numFmt = numFmt;
    });
    const overall = row.getCell(columns);
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
  const tallyHeaders = tallyColumns(l).map(([header]) => header);
  writeHeaderRow(ws, headerRow, [l.district, l.matrix.laoCount, ...taskHeaders, ...tallyHeaders]);
  const columns = 2 + input.tasks.length + tallyHeaders.length;
  let rowNo = headerRow;
  const writeLine = (label: string, count: number, perTask: StatusTally[], overall: StatusTally) => {
    rowNo += 1;
    const row = ws.getRow(rowNo);
    row.values = [label, count];
    perTask.forEach((tally, i) => {
      const cell = row.getCell(3 + i);
      cell.value = completeShare(tally);
      cell.numFmt = FORMAT.percent;
    });
    writeTallyCells(w, row, 3 + input.tasks.length, overall);
    return row;
  };
  for (const group of model.groups) writeLine(w.name(group.district), group.rows.length, group.perTask, group.overall);
  const lastDataRow = rowNo;
  styleTotalRow(writeLine(l.total, model.shown, model.perTask, model.overall), columns);
  const maxWidths: Record<number, number> = {};
  for (let c = 3; c <= columns; c += 1) maxWidths[c] = 16;
  finishSheet(ws, { headerRow, columns, lastRow: lastDataRow, freezeColumns: 1, maxWidths });
}

/** The sign-off sheet after a styled workbook's own sheets, when the exported LAOs have any in the year. */
export function appendSignOffSheet(workbook: ExcelJS.Workbook, w: Wording, input: ExportHeader & { laos: readonly Lao[] }): void {
  const sheet = signOffSheet(w, input, headerFacts(w, input));
  if (sheet) writeTableSheet(workbook, sheet);
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
  appendSignOffSheet(workbook, w, input);
  return { workbook, model };
}
