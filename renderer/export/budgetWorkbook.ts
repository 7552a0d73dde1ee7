/** Budget progress per LAO: sorted and subtotalled by district, with a sheet of totals by LAO type. */
import ExcelJS from 'exceljs';
import { SATANG_PER_BAHT } from '../../shared/money';
import { budgetProgress, disbursedShare, type BudgetFigures, type BudgetRecords } from '../../shared/export/budgetProgress';
import type { District, Lao } from '../../shared/domain/reference';
import { fill, Wording } from './labels';
import { appendSignOffSheet, headerFacts, type ExportHeader } from './matrixWorkbook';
import { FORMAT, finishSheet, sheetName, styleTotalRow, writeHeaderBlock, writeHeaderRow } from './sheet';

export interface BudgetWorkbookInput extends ExportHeader {
  laos: readonly Lao[];
  districts: readonly District[];
  records: BudgetRecords;
}

const baht = (satang: number) => satang / SATANG_PER_BAHT;

function figureHeaders(w: Wording): string[] {
  const b = w.labels.budget;
  return [b.ordinanceTotal, b.items, b.committed, b.disbursed, ...[1, 2, 3, 4].map((q) => fill(b.quarterPercent, { quarter: q })), b.notStarted];
}

/** Writes the figures from firstCol on, with baht, count and percent formats. */
function writeFigures(row: ExcelJS.Row, firstCol: number, f: BudgetFigures, hasBudget: boolean): void {
  const cells: Array<[number | null, string]> = [
    [hasBudget ? baht(f.ordinanceTotal) : null, FORMAT.baht],
    [f.items, FORMAT.count],
    [baht(f.committed), FORMAT.baht],
    [baht(f.disbursed), FORMAT.baht],
    ...([1, 2, 3, 4] as const).map((q): [number | null, string] => [disbursedShare(f, q), FORMAT.percent]),
    [f.notStarted, FORMAT.count],
  ];
  cells.forEach(([value, numFmt], i) => {
    const cell = row.getCell(firstCol + i);
    cell.value = value;
    cell.numFmt = numFmt;
  });
}

function writeLaoSheet(wb: ExcelJS.Workbook, w: Wording, input: BudgetWorkbookInput, progress: ReturnType<typeof budgetProgress>): void {
  const l = w.labels;
  const ws = wb.addWorksheet(sheetName(l.budget.sheet));
  const headerRow = writeHeaderBlock(ws, { title: l.budget.title, facts: headerFacts(w, input) }) + 1;
  const headers = [l.no, l.district, l.laoCode, l.lao, l.laoType, ...figureHeaders(w)];
  writeHeaderRow(ws, headerRow, headers);
  let rowNo = headerRow;
  let no = 0;
  for (const group of progress.districts) {
    for (const { lao, hasOrdinance, figures } of group.rows) {
      rowNo += 1;
      no += 1;
      const row = ws.getRow(rowNo);
      row.values = [no, w.name(group.district), lao.code, w.name(lao), w.laoType(lao.type, true)];
      writeFigures(row, 6, figures, hasOrdinance);
      if (!hasOrdinance) row.getCell(6).note = l.budget.noOrdinance;
    }
    rowNo += 1;
    const sub = ws.getRow(rowNo);
    sub.getCell(2).value = w.name(group.district);
    sub.getCell(4).value = fill(l.districtTotal, { name: w.name(group.district) });
    writeFigures(sub, 6, group.subtotal, true);
    styleTotalRow(sub, headers.length);
  }
  rowNo += 1;
  const total = ws.getRow(rowNo);
  total.getCell(4).value = l.total;
  writeFigures(total, 6, progress.total, true);
  styleTotalRow(total, headers.length);
  finishSheet(ws, { headerRow, columns: headers.length, lastRow: rowNo - 1, freezeColumns: 4, maxWidths: Object.fromEntries(headers.map((_h, i) => [i + 1, i >= 5 ? 18 : 45])) });
}

function writeTypeSheet(wb: ExcelJS.Workbook, w: Wording, input: BudgetWorkbookInput, progress: ReturnType<typeof budgetProgress>): void {
  const l = w.labels;
  const ws = wb.addWorksheet(sheetName(l.budget.typeSheet));
  const headerRow = writeHeaderBlock(ws, { title: l.budget.title, facts: headerFacts(w, input) }) + 1;
  const headers = [l.laoType, l.budget.laoCount, ...figureHeaders(w)];
  writeHeaderRow(ws, headerRow, headers);
  let rowNo = headerRow;
  for (const { type, subtotal } of progress.byType) {
    rowNo += 1;
    const row = ws.getRow(rowNo);
    row.values = [w.laoType(type), subtotal.laoCount];
    writeFigures(row, 3, subtotal, true);
  }
  rowNo += 1;
  const total = ws.getRow(rowNo);
  total.values = [l.total, progress.total.laoCount];
  writeFigures(total, 3, progress.total, true);
  styleTotalRow(total, headers.length);
  finishSheet(ws, { headerRow, columns: headers.length, lastRow: rowNo - 1, freezeColumns: 1, maxWidths: Object.fromEntries(headers.map((_h, i) => [i + 1, i >= 2 ? 18 : 45])) });
}

export function buildBudgetWorkbook(input: BudgetWorkbookInput): { workbook: ExcelJS.Workbook; progress: ReturnType<typeof budgetProgress> } {
  const w = new Wording(input.language);
  const progress = budgetProgress(input.laos, input.districts, input.records, input.fiscalYear);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = input.exportedBy;
  writeLaoSheet(workbook, w, input, progress);
  writeTypeSheet(workbook, w, input, progress);
  appendSignOffSheet(workbook, w, input);
  return { workbook, progress };
}
