import { RECORD_TABLES } from '../../shared/domain/tables';

/**
 * The local database's versions. Each entry is one Dexie version: its store
 * definitions and an optional upgrade that migrates existing rows. Versions are
 * only ever appended, never edited, so every laptop upgrades step by step.
 */
export interface LocalSchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: import('dexie').Transaction) => Promise<void> | void;
}

const recordIndexes = '&id, laoId, [laoId+fiscalYear], provinceCode, updatedAt';

export const LOCAL_SCHEMA: readonly LocalSchemaVersion[] = [
  {
    version: 1,
    stores: {
      // Reference data (server-owned).
      provinces: '&code',
      districts: '&code, provinceCode',
      laos: '&id, &code, provinceCode, districtCode, type',
      users: '&id, &username',
      // The record categories of mission.md.
      ...Object.fromEntries(RECORD_TABLES.filter((table) => table !== 'fieldVisits').map((table) => [table, recordIndexes])),
      // Local writes waiting to be pushed (design.md "Sync protocol" point 1).
      outbox: '++seq, &mutationId, [table+recordId]',
      // Per-record change history shown to the officer.
      history: '++id, [table+recordId], at',
      // Small key-value settings: sync cursors, demo flag, server URL.
      meta: '&key',
    },
  },
  {
    version: 2,
    stores: {
      // The officer's field visits, synced like any record.
      fieldVisits: recordIndexes,
      // Half-typed forms, kept so a closed window loses nothing.
      drafts: '&key, updatedAt',
    },
  },
  {
    version: 3,
    stores: {
      // Divergences the server kept for a person to resolve (design.md "Merge").
      conflicts: '&id, [table+recordId], provinceCode, resolvedAt',
    },
  },
  {
    version: 4,
    stores: {
      // Last computed completion results, so a restart need not reread every record:
      // per fiscal year the day, template and table marks; per LAO its stamp and results.
      completionState: '&fiscalYear',
      completionResults: '[fiscalYear+laoId]',
    },
  },
  {
    version: 5,
    stores: {
      // The calendars in force as the server published them (issue 17), one per fiscal year;
      // a year with none uses the seed calendar.
      calendars: '&fiscalYear',
      // Supervisors' sign-offs of periods (issue 17): an edit to a signed-off period is refused offline too.
      signOffs: '&id, laoId',
    },
  },
  {
    version: 6,
    stores: {
      // The missing items of each LAO's stored completion results, apart from the statuses
      // (issue 18): a start reads the statuses alone, a panel its LAO's list when it opens.
      // Rows stored before keep their lists inline and are read as they are.
      completionMissing: '[fiscalYear+laoId]',
    },
  },
  {
    version: 7,
    stores: {
      // The LAOs each write to a record table touched, logged in the write's own transaction
      // (laoWriteLog.ts): the completion engine re-evaluates exactly those, after a restart too.
      laoWrites: '++seq',
    },
  },
];

export const LOCAL_SCHEMA_VERSION = LOCAL_SCHEMA[LOCAL_SCHEMA.length - 1]!.version;
