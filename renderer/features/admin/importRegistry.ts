/**
 * Imports the DLA registry CSV: all rows or none. Signed in as an
 * administrator, the server takes the file first (in one transaction, so
 * every officer's device gets the LAOs at its next sync); only then is it
 * stored on this device, in one transaction. Without a server (demo, not
 * signed in) it is stored on this device alone. When this device cannot
 * store it (a full disk) nothing of it is stored here, and the outcome says
 * whether the server has it, in which case it arrives with the next sync.
 */
import { v7 as uuidv7 } from 'uuid';
import type { District, Lao, Province } from '../../../shared/domain/reference';
import { parseRegistry, type RegistryImport, type RegistryIssue } from '../../../shared/export/registryCsv';
import type { Table } from 'dexie';
import { RECORD_TABLES } from '../../../shared/domain/tables';
import type { EplanDb, StoredRecord } from '../../data/db';
import { draftKey, type RecordDraft } from '../../data/drafts';
import { classifyWriteError, type WriteError } from '../../data/records';

export type RegistryImportOutcome =
  | { ok: true; provinces: number; districts: number; laos: number; rows: number; onServer: boolean }
  | { ok: false; issues: RegistryIssue[] }
  | { ok: false; serverError: unknown }
  | { ok: false; localError: WriteError; onServer: boolean };

/** English names the registry lacks (it gives Thai only) are kept from the rows already stored, else left empty. */
const keepEnglish = <T extends { code: string; nameTh: string; nameEn: string }>(rows: T[], stored: readonly T[]): T[] => {
  const byCode = new Map(stored.map((row) => [row.code, row]));
  return rows.map((row) => ({ ...row, nameEn: row.nameEn || byCode.get(row.code)?.nameEn || '' }));
};

export interface RegistryImportOptions {
  newId?: () => string;
  /**
   * Sends the checked file to the server; resolves once the server stored all
   * of it, with the ids it kept for LAOs it already held under another id
   * (it matches LAOs by code): this laptop stores them under the server's ids.
   */
  sendToServer?: (file: { provinces: Province[]; districts: District[]; laos: Lao[] }) => Promise<{ keptIds?: Record<string, string> } | void>;
  /** Where the import stands: rows checked, then sent, then stored, of how many. */
  onProgress?: (step: RegistryStep, done: number, total: number) => void;
}

export type RegistryStep = 'checking' | 'sending' | 'storing';

/** Rows stored per step of the progress bar (all in one transaction). */
const STORE_CHUNK = 1_000;

export async function importRegistry(db: EplanDb, text: string, options: RegistryImportOptions = {}): Promise<RegistryImportOutcome> {
  const progress = options.onProgress ?? (() => undefined);
  const [laos, provinces, districts] = await Promise.all([db.laos.toArray(), db.provinces.toArray(), db.districts.toArray()]);
  progress('checking', 0, 1);
  const parsed = parseRegistry(text, { existing: laos as unknown as Lao[], newId: options.newId ?? uuidv7 });
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  progress('checking', parsed.value.rows, parsed.value.rows);
  const file = {
    provinces: keepEnglish(parsed.value.provinces, provinces as unknown as Province[]),
    districts: keepEnglish(parsed.value.districts, districts as unknown as District[]),
    laos: parsed.value.laos,
  };
  let keptIds: Record<string, string> = {};
  if (options.sendToServer) {
    progress('sending', 0, file.laos.length);
    try {
      keptIds = (await options.sendToServer(file))?.keptIds ?? {};
    } catch (error) {
      return { ok: false, serverError: error };
    }
    progress('sending', file.laos.length, file.laos.length);
  }
  const onServer = options.sendToServer !== undefined;
  // The server's ids for LAOs it held under another id than this laptop made for them.
  const stored = { ...file, laos: file.laos.map((lao) => (keptIds[lao.id] ? { ...lao, id: keptIds[lao.id]! } : lao)) };
  try {
    await storeLocally(db, stored, keptIds, (done) => progress('storing', done, stored.laos.length));
  } catch (error) {
    return { ok: false, localError: classifyWriteError(error), onServer };
  }
  return { ok: true, ...counts(parsed.value), onServer };
}

async function storeLocally(db: EplanDb, file: { provinces: Province[]; districts: District[]; laos: Lao[] }, keptIds: Readonly<Record<string, string>>, onStored: (done: number) => void): Promise<void> {
  // Only the ids the server really replaced: an id it kept as sent moves nothing.
  const moves = new Map(Object.entries(keptIds).filter(([id, kept]) => kept !== id));
  const recordTables = RECORD_TABLES.map((table) => db.table<StoredRecord, string>(table));
  await db.transaction('rw', [db.provinces, db.districts, db.laos, db.outbox, db.table('drafts'), ...recordTables], async () => {
    if (moves.size > 0) {
      // A row this laptop held under an id the server replaced goes: its code now belongs to the server's id.
      await db.laos.bulkDelete([...moves.keys()]);
      // Work entered here for it (never synced: the server never knew that id) follows the code to the server's id.
      await repointLaos(db, recordTables, moves);
    }
    await db.provinces.bulkPut(file.provinces as never[]);
    await db.districts.bulkPut(file.districts as never[]);
    for (let start = 0; start < file.laos.length; start += STORE_CHUNK) {
      await db.laos.bulkPut(file.laos.slice(start, start + STORE_CHUNK) as never[]);
      onStored(Math.min(start + STORE_CHUNK, file.laos.length));
    }
  });
}

/**
 * Records, outbox entries and drafts of the replaced LAO ids moved to the ids
 * that replace them, inside the import's transaction: the officer's unsynced
 * work is sent for the LAO it was entered for, never left under an id no
 * server knows (where the next push would refuse it as an unknown LAO).
 */
async function repointLaos(db: EplanDb, recordTables: ReadonlyArray<Table<StoredRecord, string>>, moves: ReadonlyMap<string, string>): Promise<void> {
  const to = (laoId: unknown) => (typeof laoId === 'string' ? moves.get(laoId) : undefined);
  for (const table of recordTables) {
    await table.where('laoId').anyOf([...moves.keys()]).modify((record) => {
      record.laoId = to(record.laoId)!;
    });
  }
  await db.outbox.toCollection().modify((entry) => {
    const laoId = entry.changes.laoId;
    const target = to(laoId?.new);
    if (laoId && target) entry.changes = { ...entry.changes, laoId: { ...laoId, new: target } };
  });
  const drafts = db.table<RecordDraft, string>('drafts');
  const moved = (await drafts.toArray()).filter((draft) => to(draft.laoId));
  if (moved.length === 0) return;
  await drafts.bulkDelete(moved.map((draft) => draft.key));
  await drafts.bulkPut(moved.map((draft) => {
    const laoId = to(draft.laoId)!;
    return { ...draft, laoId, key: draftKey(draft.table, laoId, draft.recordId) };
  }));
}

const counts = (v: RegistryImport) => ({ provinces: v.provinces.length, districts: v.districts.length, laos: v.laos.length, rows: v.rows });
