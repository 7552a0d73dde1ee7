/**
 * One export as a serialisable request, turned into .xlsx bytes. Runs inside
 * the export worker in the app and inline in node (tests, benchmark).
 */
import type ExcelJS from 'exceljs';
import { buildBudgetWorkbook, type BudgetWorkbookInput } from './budgetWorkbook';
import { buildMatrixWorkbook, type MatrixWorkbookInput } from './matrixWorkbook';
import { buildOfficerWorkbook, type OfficerWorkbookInput } from './officerWorkbook';
import { writeRawWorkbook, type RawWorkbookInput } from './rawWorkbook';

export { EXPORT_KINDS, XLSX_MIME, exportFileName, type ExportKind } from './exportNames';

export type ExportRequest =
  | { kind: 'matrix'; input: MatrixWorkbookInput }
  | { kind: 'budget'; input: BudgetWorkbookInput }
  | { kind: 'officers'; input: OfficerWorkbookInput }
  | { kind: 'raw'; input: Omit<RawWorkbookInput, 'onProgress'> };


function workbookOf(request: Exclude<ExportRequest, { kind: 'raw' }>): ExcelJS.Workbook {
  switch (request.kind) {
    case 'matrix': return buildMatrixWorkbook(request.input).workbook;
    case 'budget': return buildBudgetWorkbook(request.input).workbook;
    case 'officers': return buildOfficerWorkbook(request.input).workbook;
  }
}

/**
 * The raw workbook streams its rows into the zip as it goes (progress is the
 * rows written); the other three are small exceljs workbooks: building is
 * 0..0.8 of the progress, writing the zip the rest.
 */
export async function buildWorkbookBytes(request: ExportRequest, onProgress: (fraction: number) => void = () => {}): Promise<Uint8Array> {
  if (request.kind === 'raw') return writeRawWorkbook({ ...request.input, onProgress });
  const workbook = workbookOf(request);
  onProgress(0.8);
  const buffer = await workbook.xlsx.writeBuffer();
  onProgress(1);
  return new Uint8Array(buffer as ArrayBuffer);
}
