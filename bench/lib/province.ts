/**
 * The demo province (shared/demo/generate.ts) written into a server database
 * for a benchmark, LAO by LAO so a million records never sit in memory at
 * once. Every record is stored at version 1, as if synced once; every demo
 * user gets a cheaply hashed password (logins are not what is measured).
 */
import { generateDemoLaoRecords, generateDemoReference, type DemoOptions, type DemoReference } from '../../shared/demo/generate';
import { emptyRecords } from '../../shared/demo/laoContext';
import { hashPassword } from '../../server/auth/password';
import type { Database } from '../../server/store/db';
import { seedRecords, seedReference, type RecordSeed } from '../../server/store/seed';

export const BENCH_PASSWORD = 'bench-password-2568';
export const BENCH_AS_OF = '2026-11-25';

/** The data set: 334 LAOs (Nakhon Ratchasima), two fiscal years; recordScale 1 gives ~0.93M records. */
export function provinceOptions(recordScale: number, laoCount = 334): DemoOptions {
  return { seed: 'bench-province', laoCount, fiscalYears: [2568, 2569], asOf: BENCH_AS_OF, recordScale };
}

/** Cheap scrypt cost, as the sync tests use: the login code is the same, only faster. */
export function benchPasswordHash(): Promise<string> {
  return hashPassword(BENCH_PASSWORD, { N: 1024, r: 8, p: 1 });
}

export interface SeededProvince {
  reference: DemoReference;
  records: number;
}

const LAOS_PER_CHUNK = 16;

/** Reference data of the whole province; records of every LAO, or of the LAOs `recordsOf` picks. */
export async function seedProvince(db: Database, options: DemoOptions, recordsOf?: (reference: DemoReference) => Set<string>): Promise<SeededProvince> {
  const reference = generateDemoReference(options);
  const wanted = recordsOf?.(reference);
  await seedReference(db, reference);
  await db.query('UPDATE users SET password_hash = $1', [await benchPasswordHash()]);
  let records = 0;
  for (let first = 0; first < reference.laos.length; first += LAOS_PER_CHUNK) {
    const chunk = emptyRecords();
    const last = Math.min(reference.laos.length, first + LAOS_PER_CHUNK);
    for (let i = first; i < last; i++) if (!wanted || wanted.has(reference.laos[i]!.id)) generateDemoLaoRecords(reference, i, options, chunk);
    const seed: RecordSeed = {};
    for (const [table, rows] of Object.entries(chunk)) {
      if (rows.length === 0) continue;
      seed[table] = rows.map((row) => ({ ...row, version: 1 }));
      records += rows.length;
    }
    await seedRecords(db, seed);
  }
  return { reference, records };
}
