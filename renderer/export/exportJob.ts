/**
 * One export as a serialisable request, turned into .xlsx bytes. Runs inside
 * the export worker in the app and inline in node (tests, benchmark).
 */
import type ExcelJS from 'exceljs';
import { buildBudgetWorkbook, type BudgetWorkbookInput } from './budgetWorkbook';
import { buildMatrixWorkbook, type MatrixWorkbookInput } from './matrixWorkbook';
import { buildOfficerWorkbook, type OfficerWorkbookInput } from './officerWorkbook';
import { buildRawWorkbook, type RawWorkbookInput } from './rawWorkbook';

export { EXPORT_KINDS, XLSX_MIME, exportFileName, type ExportKind } from './exportNames';

export type ExportRequest =
  | { kind: 'matrix'; input: MatrixWorkbookInput }
  | { kind: 'budget'; input: BudgetWorkbookInput }
  | { kind: 'officers'; input: OfficerWorkbookInput }
  | { kind: 'raw'; input: Omit<RawWorkbookInput, 'onProgress'> };


function workbookOf(request: ExportRequest, onProgress: (fraction: number) => void): ExcelJS.Workbook {
  switch (request.kind) {
    case 'matrix': return buildMatrixWorkbook(request.input).workbook;
    case 'budget': return buildBudgetWorkbook(request.input).workbook;
    case 'officers': return buildOfficerWorkbook(request.input).workbook;
    case 'raw': return buildRawWorkbook({ ...request.input, onProgress });
  }
}

/** Building the rows is 0..0.8 of the progress, writing the zip the rest. */
export async function buildWorkbookBytes(request: ExportRequest, onProgress: (fraction: number) => void = () => {}): Promise<Uint8Array> {
  const workbook = workbookOf(request, (f) => onProgress(f * 0.8));
  onProgress(0.8);
  const buffer = await workbook.xlsx.writeBuffer();
  onProgress(1);
  return new Uint8Array(buffer as ArrayBuffer);
}
