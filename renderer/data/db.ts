import Dexie, { type EntityTable, type Table } from 'dexie';
import type { CalendarPublication, MissingItem, SignOff, TaskResult } from '../../shared/calendar/index';
import type { RecordTable } from '../../shared/domain/tables';
import type { Mutation, SyncConflict, WireRecord } from '../../shared/sync/protocol';
import { LOCAL_SCHEMA } from './schema';
import { laoWriteLog, type LaoWriteRow } from './laoWriteLog';

/** A synced record as stored locally: the wire shape (design.md "Data model") plus the on-behalf tick. */
export type StoredRecord = WireRecord & { enteredOnBehalf: boolean };

/** A local write waiting to be pushed: the protocol's mutation, numbered by Dexie on insert. */
export type OutboxEntry = Omit<Mutation, 'seq'> & {
  seq?: number;
  /** Set when the server refused the entry: kept (never silently dropped) and shown to the officer. */
  rejected?: { code: string; issues?: unknown[]; at: string; /** The user whose push was refused. */ by?: string };
};

export interface HistoryEntry {
  id?: number;
  table: RecordTable;
  recordId: string;
  at: string;
  by: string;
  op: 'create' | 'update' | 'delete' | 'restore';
  changes: OutboxEntry['changes'];
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

export interface ReferenceRow {
  [field: string]: unknown;
}

/**
 * The last computed completion state of a fiscal year, so a restart shows the
 * results at once and re-reads only LAOs written since (data/completion.ts).
 * The results themselves are one CompletionResultRow per LAO, written in the same
 * transaction: with every missing item listed they reach tens of megabytes for a
 * large province, too much to rewrite whole after each edit.
 */
export interface CompletionStateRow {
  fiscalYear: number;
  /** Fingerprint of the calendar template the results were computed with. */
  template: string;
  /** `format|rules version|app version` (completionStore.ts rulesVersion): other rules, other results. */
  rules: string;
  /** The day the results were computed for ("overdue" depends on it). */
  asOf: string;
  /** The last `laoWrites` row the results account for: the LAOs of later rows are evaluated again. */
  drained: number;
}

/**
 * One LAO's stored results and the stamp of the records they were computed
 * from. Written since schema 6 without their missing items (each result has
 * `missingApart`): those are in a CompletionMissingRow of the same stamp.
 */
export interface CompletionResultRow {
  fiscalYear: number;
  laoId: string;
  stamp: string;
  results: Readonly<Record<string, TaskResult>>;
}

/** The missing items of one LAO's stored results, by task id, under the stamp of those results. */
export interface CompletionMissingRow {
  fiscalYear: number;
  laoId: string;
  stamp: string;
  missing: Readonly<Record<string, readonly MissingItem[]>>;
}

export type EplanDb = Dexie & {
  [table in RecordTable]: Table<StoredRecord, string>;
} & {
  provinces: Table<ReferenceRow, string>;
  districts: Table<ReferenceRow, string>;
  laos: Table<ReferenceRow, string>;
  users: Table<ReferenceRow, string>;
  outbox: EntityTable<OutboxEntry, 'seq'>;
  history: EntityTable<HistoryEntry, 'id'>;
  meta: EntityTable<MetaEntry, 'key'>;
  conflicts: EntityTable<SyncConflict, 'id'>;
  completionState: EntityTable<CompletionStateRow, 'fiscalYear'>;
  completionResults: Table<CompletionResultRow, [number, string]>;
  completionMissing: Table<CompletionMissingRow, [number, string]>;
  laoWrites: EntityTable<LaoWriteRow, 'seq'>;
  calendars: EntityTable<CalendarPublication, 'fiscalYear'>;
  signOffs: EntityTable<SignOff, 'id'>;
};

export const DEFAULT_DB_NAME = 'eplan-field-companion';

/** Opens (creating or upgrading) the local database with every schema version. */
export function openLocalDb(name: string = DEFAULT_DB_NAME): EplanDb {
  const db = new Dexie(name) as EplanDb;
  for (const step of LOCAL_SCHEMA) {
    const version = db.version(step.version).stores(step.stores);
    if (step.upgrade) version.upgrade(step.upgrade);
  }
  db.use(laoWriteLog);
  return db;
}

let shared: EplanDb | undefined;

/** The app's one database connection. */
export function localDb(): EplanDb {
  shared ??= openLocalDb();
  return shared;
}
