import Dexie, { type EntityTable, type Table } from 'dexie';
import type { RecordTable } from '../../shared/domain/tables';
import type { Mutation, SyncConflict, WireRecord } from '../../shared/sync/protocol';
import { LOCAL_SCHEMA } from './schema';

/** A synced record as stored locally: the wire shape (design.md "Data model") plus the on-behalf tick. */
export type StoredRecord = WireRecord & { enteredOnBehalf: boolean };

/** A local write waiting to be pushed: the protocol's mutation, numbered by Dexie on insert. */
export type OutboxEntry = Omit<Mutation, 'seq'> & {
  seq?: number;
  /** Set when the server refused the entry: kept (never silently dropped) and shown to the officer. */
  rejected?: { code: string; issues?: unknown[]; at: string };
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
};

export const DEFAULT_DB_NAME = 'eplan-field-companion';

/** Opens (creating or upgrading) the local database with every schema version. */
export function openLocalDb(name: string = DEFAULT_DB_NAME): EplanDb {
  const db = new Dexie(name) as EplanDb;
  for (const step of LOCAL_SCHEMA) {
    const version = db.version(step.version).stores(step.stores);
    if (step.upgrade) version.upgrade(step.upgrade);
  }
  return db;
}

let shared: EplanDb | undefined;

/** The app's one database connection. */
export function localDb(): EplanDb {
  shared ??= openLocalDb();
  return shared;
}
