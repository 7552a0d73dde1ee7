import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, ensureDemoLogins, seedDemoIfEmpty } from './demo-seed';
import { hashPassword, verifyPassword } from './auth/password';
import { openMigrated, testBackends } from './store/test-backends';
import type { Database } from './store/db';

describe.each(testBackends)('demo seed on $kind', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigrated(backend);
  });
  afterAll(() => db.close());

  it('fills an empty database with the demo province once, then leaves it alone', async () => {
    const lines: string[] = [];
    expect(await seedDemoIfEmpty(db, (line) => lines.push(line), '2026-11-25')).toBe(true);
    expect(lines[0]).toContain('Demo Province');
    const laos = await db.query<{ n: number }>('select count(*)::int as n from laos');
    expect(laos.rows[0]?.n).toBe(100);
    const records = await db.query<{ n: number }>('select count(*)::int as n from records');
    expect(records.rows[0]?.n).toBeGreaterThan(10_000);
    expect(await seedDemoIfEmpty(db, () => {}, '2026-11-25')).toBe(false);
    const again = await db.query<{ n: number }>('select count(*)::int as n from records');
    expect(again.rows[0]?.n).toBe(records.rows[0]?.n);
  });

  it('gives demo users the printed demo password once', async () => {
    const lines: string[] = [];
    const cheap = (password: string) => hashPassword(password, { N: 1024, r: 8, p: 1 });
    const users = await ensureDemoLogins(db, (line) => lines.push(line), cheap);
    expect(users).toEqual(expect.arrayContaining(['demo-admin', 'demo-supervisor', 'demo-officer1']));
    expect(lines[0]).toContain(DEMO_PASSWORD);
    const { rows } = await db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'demo-officer1'");
    expect(await verifyPassword(DEMO_PASSWORD, rows[0]!.password_hash)).toBe(true);
    await ensureDemoLogins(db, () => {}, cheap);
    const again = await db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'demo-officer1'");
    expect(again.rows[0]!.password_hash).toBe(rows[0]!.password_hash);
  });
});
