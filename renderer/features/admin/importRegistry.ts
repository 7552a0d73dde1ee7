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
import type { EplanDb } from '../../data/db';
import { classifyWriteError, type WriteError } from '../../data/records';

export type RegistryImportOutcome =
  | { ok: true; provinces: number; districts: number; laos: number; rows: number; onServer: boolean }
  | { ok: false; issues: RegistryIssue[] }
  | { ok: false; serverError: unknown }
  | { ok: false; localError: WriteError; onServer: boolean };

/** English names the registry lacks are kept from the rows already stored. */
const keepEnglish = <T extends { code: string; nameTh: string; nameEn: string }>(rows: T[], stored: readonly T[]): T[] => {
  const byCode = new Map(stored.map((row) => [row.code, row]));
  return rows.map((row) => ({ ...row, nameEn: byCode.get(row.code)?.nameEn ?? row.nameEn }));
};

export interface RegistryImportOptions {
  newId?: () => string;
  /** Sends the checked file to the server; resolves once the server stored all of it. */
  sendToServer?: (file: { provinces: Province[]; districts: District[]; laos: Lao[] }) => Promise<void>;
}

export async function importRegistry(db: EplanDb, text: string, options: RegistryImportOptions = {}): Promise<RegistryImportOutcome> {
  const [laos, provinces, districts] = await Promise.all([db.laos.toArray(), db.provinces.toArray(), db.districts.toArray()]);
  const parsed = parseRegistry(text, { existing: laos as unknown as Lao[], newId: options.newId ?? uuidv7 });
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  const file = {
    provinces: keepEnglish(parsed.value.provinces, provinces as unknown as Province[]),
    districts: keepEnglish(parsed.value.districts, districts as unknown as District[]),
    laos: parsed.value.laos,
  };
  if (options.sendToServer) {
    try {
      await options.sendToServer(file);
    } catch (error) {
      return { ok: false, serverError: error };
    }
  }
  const onServer = options.sendToServer !== undefined;
  try {
    await storeLocally(db, file);
  } catch (error) {
    return { ok: false, localError: classifyWriteError(error), onServer };
  }
  return { ok: true, ...counts(parsed.value), onServer };
}

async function storeLocally(db: EplanDb, file: { provinces: Province[]; districts: District[]; laos: Lao[] }): Promise<void> {
  await db.transaction('rw', [db.provinces, db.districts, db.laos], async () => {
    await db.provinces.bulkPut(file.provinces as never[]);
    await db.districts.bulkPut(file.districts as never[]);
    await db.laos.bulkPut(file.laos as never[]);
  });
}

const counts = (v: RegistryImport) => ({ provinces: v.provinces.length, districts: v.districts.length, laos: v.laos.length, rows: v.rows });
