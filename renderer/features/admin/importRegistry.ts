/** Imports the DLA registry CSV into the local database: all rows or none, in one transaction. */
import { v7 as uuidv7 } from 'uuid';
import type { District, Lao, Province } from '../../../shared/domain/reference';
import { parseRegistry, type RegistryIssue } from '../../../shared/export/registryCsv';
import type { EplanDb } from '../../data/db';

export type RegistryImportOutcome =
  | { ok: true; provinces: number; districts: number; laos: number; rows: number }
  | { ok: false; issues: RegistryIssue[] };

/** English names the registry lacks are kept from the rows already stored. */
const keepEnglish = <T extends { code: string; nameTh: string; nameEn: string }>(rows: T[], stored: readonly T[]): T[] => {
  const byCode = new Map(stored.map((row) => [row.code, row]));
  return rows.map((row) => ({ ...row, nameEn: byCode.get(row.code)?.nameEn ?? row.nameEn }));
};

export async function importRegistry(db: EplanDb, text: string, newId: () => string = uuidv7): Promise<RegistryImportOutcome> {
  return db.transaction('rw', [db.provinces, db.districts, db.laos], async () => {
    const [laos, provinces, districts] = await Promise.all([db.laos.toArray(), db.provinces.toArray(), db.districts.toArray()]);
    const parsed = parseRegistry(text, { existing: laos as unknown as Lao[], newId });
    if (!parsed.ok) return { ok: false, issues: parsed.issues };
    const v = parsed.value;
    await db.provinces.bulkPut(keepEnglish(v.provinces, provinces as unknown as Province[]) as never[]);
    await db.districts.bulkPut(keepEnglish(v.districts, districts as unknown as District[]) as never[]);
    await db.laos.bulkPut(v.laos as never[]);
    return { ok: true, provinces: v.provinces.length, districts: v.districts.length, laos: v.laos.length, rows: v.rows };
  });
}
