import { everydayDemoOptions, generateDemoProvince, type DemoSize } from '../shared/demo/generate';
import { hashPassword } from './auth/password';
import type { Database } from './store/db';
import { isEmpty, seedRecords, seedReference } from './store/seed';
import { today } from '../shared/clock';

/** Seeds the demo province (of `size`) into an empty database; a database with data is left alone. */
export async function seedDemoIfEmpty(db: Database, log: (line: string) => void = () => {}, asOf = today(), size: DemoSize = 'everyday'): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const dataset = generateDemoProvince(everydayDemoOptions(asOf, size));
  await seedReference(db, dataset);
  const report = await seedRecords(db, dataset.records as unknown as Parameters<typeof seedRecords>[1]);
  const total = Object.values(report.inserted).reduce((sum, n) => sum + n, 0);
  log(`Seeded the demo province "${dataset.province.nameEn}" (${dataset.laos.length} LAOs, ${total} records). It is demo data, not any real LAO's.`);
  return true;
}

/** The password of every demo user; printed at start, demo data only. */
export const DEMO_PASSWORD = 'demo-2568';

/**
 * Gives demo users of demo provinces that have no password the demo password,
 * and prints who can log in. Real users are never touched.
 */
export async function ensureDemoLogins(db: Database, log: (line: string) => void = () => {}, hash: (password: string) => Promise<string> = hashPassword): Promise<string[]> {
  const { rows } = await db.query<{ id: string; username: string; role: string; has_password: boolean }>(
    `SELECT u.id, u.username, u.role, u.password_hash IS NOT NULL AS has_password FROM users u
     WHERE u.username LIKE 'demo-%' AND EXISTS (SELECT 1 FROM provinces p WHERE p.demo AND p.code = ANY(u.province_codes))
     ORDER BY u.role, u.username`,
  );
  for (const user of rows.filter((row) => !row.has_password)) {
    await db.query('UPDATE users SET password_hash = $2 WHERE id = $1 AND password_hash IS NULL', [user.id, await hash(DEMO_PASSWORD)]);
  }
  if (rows.length > 0) {
    const names = rows.map((row) => `${row.username} (${row.role})`).join(', ');
    log(`Demo logins, password "${DEMO_PASSWORD}": ${names}. Change or disable them before real use.`);
  }
  return rows.map((row) => row.username);
}
