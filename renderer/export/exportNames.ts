/** Export kinds and file names, without exceljs, so the page bundle stays small (the worker holds exceljs). */
export const EXPORT_KINDS = ['matrix', 'budget', 'officers', 'raw'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 'eplan-matrix-99-fy2569-2569-03.xlsx': ASCII names every file system takes. */
export function exportFileName(kind: ExportKind, provinceCode: string, fiscalYear: number, month?: { year: number; month: number }): string {
  const suffix = month ? `-${month.year + 543}-${String(month.month).padStart(2, '0')}` : '';
  return `eplan-${kind}-${provinceCode}-fy${fiscalYear}${suffix}.xlsx`;
}
