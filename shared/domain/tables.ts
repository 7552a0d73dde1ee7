/**
 * Names of the synced record tables, one or more per record category of
 * mission.md. The same names are used by Dexie (renderer), the server's
 * records table (`table_name`) and the sync protocol.
 */
export const RECORD_TABLES = [
  'visions', // 1. vision, missions, strategies, approaches for a plan period
  'plans', // 2. local development plan (period, status)
  'planAmendments', // 2. numbered amendments of a plan
  'planProjects', // 2. projects of a plan, budget per year of the period
  'ordinances', // 3. budget ordinance per fiscal year
  'ordinanceItems', // 3. items of an ordinance, linked to plan projects; outcome
  'contracts', // 4. commitments / contracts per ordinance item
  'disbursements', // 5. disbursements per item or contract
  'quarterReports', // 3-5. an LAO's quarter marked as reported
  'grants', // 6. specific-purpose grants
  'fiscalStats', // 7. monthly fiscal statistics
  'antiDrugActivities', // 8. urgent anti-drug policy operations
  'fieldVisits', // the officer's field visits (work calendar)
] as const;

export type RecordTable = (typeof RECORD_TABLES)[number];

const RECORD_TABLE_NAMES: ReadonlySet<string> = new Set(RECORD_TABLES);

/** Whether a name (a store, a wire field, a request) is one of the synced record tables. */
export function isRecordTable(name: string): name is RecordTable {
  return RECORD_TABLE_NAMES.has(name);
}

/**
 * The tables whose records belong to one fiscal year (a `fiscalYear` field).
 * The others belong to a plan period: visions and plans (startYear and length)
 * and the amendments and projects of a plan.
 */
export const FISCAL_YEAR_TABLES = [
  'ordinances', 'ordinanceItems', 'contracts', 'disbursements', 'quarterReports', 'grants', 'fiscalStats', 'antiDrugActivities', 'fieldVisits',
] as const satisfies readonly RecordTable[];
export type FiscalYearTable = (typeof FISCAL_YEAR_TABLES)[number];

const FISCAL = new Set<RecordTable>(FISCAL_YEAR_TABLES);
export const hasFiscalYear = (table: RecordTable): table is FiscalYearTable => FISCAL.has(table);

/** The eight record categories of mission.md and the tables each one owns. */
export const RECORD_CATEGORIES = {
  vision: ['visions'],
  plan: ['plans', 'planAmendments', 'planProjects'],
  ordinance: ['ordinances', 'ordinanceItems'],
  contract: ['contracts'],
  // A quarter is reported on what was paid in it: beside the payments, in the workspace's disbursement tab too.
  disbursement: ['disbursements', 'quarterReports'],
  grant: ['grants'],
  fiscalStats: ['fiscalStats'],
  antiDrug: ['antiDrugActivities'],
} as const satisfies Record<string, readonly RecordTable[]>;

export type RecordCategory = keyof typeof RECORD_CATEGORIES;
export const RECORD_CATEGORY_KEYS = Object.keys(RECORD_CATEGORIES) as [RecordCategory, ...RecordCategory[]];

/** Reference data: server-owned, read-only on the client except for administrators. */
export const REFERENCE_TABLES = ['provinces', 'districts', 'laos', 'users'] as const;
export type ReferenceTable = (typeof REFERENCE_TABLES)[number];
