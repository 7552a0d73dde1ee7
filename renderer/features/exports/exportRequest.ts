/** Gathers what an export needs from the local database and the completion engine's snapshot. */
import { tasksForMonth } from '../../../shared/calendar/index';
import type { Province } from '../../../shared/domain/reference';
import { RECORD_TABLES } from '../../../shared/domain/tables';
import type { CompletionSnapshot } from '../../data/completion';
import { localDb } from '../../data/db';
import type { ProvinceReference } from '../../data/province';
import { recordCreators } from '../../data/queries';
import type { ExportKind, ExportRequest } from '../../export/exportJob';
import { readFirstDownload } from '../../sync/download';
import type { WorkbookLanguage } from '../../export/labels';

export interface ExportChoice {
  kind: ExportKind;
  year: number;
  month: number;
  fiscalYear: number;
  language: WorkbookLanguage;
  asOf: string;
}

async function tableRows(table: string): Promise<never[]> {
  return (await localDb().table(table).toArray()) as never[];
}

export async function loadProvince(reference: ProvinceReference): Promise<Province> {
  const stored = (await localDb().provinces.toArray()) as unknown as Province[];
  const code = reference.laos[0]?.provinceCode;
  return stored.find((p) => p.code === code) ?? stored[0] ?? { code: code ?? '00', nameTh: '-', nameEn: '-' };
}

export async function exportRequest(choice: ExportChoice, reference: ProvinceReference, snapshot: CompletionSnapshot): Promise<ExportRequest> {
  const province = await loadProvince(reference);
  const [download, signOffList] = await Promise.all([readFirstDownload(localDb()), localDb().signOffs.toArray()]);
  const header = {
    province, fiscalYear: choice.fiscalYear, asOf: choice.asOf, language: choice.language,
    exportedBy: reference.currentUser?.displayName ?? '-',
    ...(download.complete ? {} : { partial: { stored: download.stored, total: download.total } }),
    signOffs: { list: signOffList, users: reference.users, tasks: snapshot.template.tasks },
  };
  const { laos, districts, users } = reference;
  switch (choice.kind) {
    case 'matrix': {
      // The calendar the results were computed with: the one in force for that year.
      const { template } = snapshot;
      const month = { year: choice.year, month: choice.month };
      return { kind: 'matrix', input: { ...header, laos, districts, tasks: tasksForMonth(template, choice.year, choice.month), results: snapshot.results, month } };
    }
    case 'budget': {
      const [ordinances, ordinanceItems, contracts, disbursements] = await Promise.all(['ordinances', 'ordinanceItems', 'contracts', 'disbursements'].map(tableRows));
      return { kind: 'budget', input: { ...header, laos, districts, records: { ordinances: ordinances!, ordinanceItems: ordinanceItems!, contracts: contracts!, disbursements: disbursements! } } };
    }
    case 'officers': {
      const rows = await Promise.all(RECORD_TABLES.map(tableRows));
      const visits = rows[RECORD_TABLES.indexOf('fieldVisits')]!;
      return { kind: 'officers', input: { ...header, users, laos, template: snapshot.template, results: snapshot.results, activity: { records: rows.flat(), visits } } };
    }
    case 'raw': {
      const tables = RECORD_TABLES.filter((t) => t !== 'fieldVisits');
      const [rows, creators] = await Promise.all([Promise.all(tables.map(tableRows)), recordCreators(localDb())]);
      return { kind: 'raw', input: { ...header, laos, districts, users, creators, records: Object.fromEntries(tables.map((t, i) => [t, rows[i]!])) } };
    }
  }
}
