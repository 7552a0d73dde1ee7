/**
 * The server-load data set: several provinces made by the demo generator
 * (each with its own seed and province code), every LAO with its records at
 * full scale, and one officer per LAO (as many officers as the load needs).
 * Spreading officers over provinces is what a national server sees; every
 * province still has its own change-log counter and pulls of its own.
 */
import { v7 as uuidv7 } from 'uuid';
import { generateDemoLaoRecords, generateDemoReference, type DemoOptions, type DemoReference } from '../../shared/demo/generate';
import { emptyRecords } from '../../shared/demo/laoContext';
import type { Database } from '../../server/store/db';
import { seedRecords, seedReference, type RecordSeed, type SeedUser } from '../../server/store/seed';
import { benchPasswordHash, BENCH_AS_OF } from './province';

export interface LoadOfficer {
  username: string;
  userId: string;
  provinceCode: string;
  laoId: string;
}

export interface LoadSeed {
  officers: LoadOfficer[];
  records: number;
}

/** A demo province moved to another province code (districts and LAO codes follow). */
function provinceAt(code: string, options: DemoOptions): DemoReference {
  const reference = generateDemoReference(options);
  const from = reference.province.code;
  const recode = (value: string) => code + value.slice(from.length);
  return {
    ...reference,
    province: { ...reference.province, code, nameTh: `${reference.province.nameTh} ${code}`, nameEn: `${reference.province.nameEn} ${code}` },
    districts: reference.districts.map((d) => ({ ...d, code: recode(d.code), provinceCode: code })),
    laos: reference.laos.map((l) => ({ ...l, code: recode(l.code), provinceCode: code, districtCode: recode(l.districtCode ?? from) })),
    users: [],
  };
}

export async function seedLoadProvinces(db: Database, args: { provinces: number; laosPerProvince: number; recordScale: number }): Promise<LoadSeed> {
  const hash = await benchPasswordHash();
  const officers: LoadOfficer[] = [];
  let records = 0;
  for (let p = 0; p < args.provinces; p++) {
    const code = String(10 + p);
    const options: DemoOptions = { seed: `bench-load-${code}`, laoCount: args.laosPerProvince, fiscalYears: [2568, 2569], asOf: BENCH_AS_OF, recordScale: args.recordScale };
    const reference = provinceAt(code, options);
    const users: SeedUser[] = reference.laos.map((lao, k) => {
      const officer = { username: `load-officer-${code}-${k + 1}`, userId: uuidv7(), provinceCode: code, laoId: lao.id };
      officers.push(officer);
      return { id: officer.userId, username: officer.username, displayName: officer.username, role: 'officer', provinceCodes: [code], laoIds: [lao.id] };
    });
    await seedReference(db, { ...reference, users });
    const generated = emptyRecords();
    for (let i = 0; i < reference.laos.length; i++) generateDemoLaoRecords(reference, i, options, generated);
    const seed: RecordSeed = {};
    for (const [table, rows] of Object.entries(generated)) {
      if (rows.length > 0) seed[table] = rows.map((row) => ({ ...row, version: 1 }));
      records += rows.length;
    }
    await seedRecords(db, seed);
  }
  await db.query('UPDATE users SET password_hash = $1', [hash]);
  return { officers, records };
}
