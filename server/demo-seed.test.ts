import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from './demo-seed';
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
});
