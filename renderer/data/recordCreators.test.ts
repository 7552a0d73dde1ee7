import 'fake-indexeddb/auto';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, expect, it } from 'vitest';
import { openLocalDb, type EplanDb } from './db';
import { recordCreators } from './queries';

let db: EplanDb | undefined;
afterEach(async () => db?.delete());

it('names the author of each record\'s creation in this laptop\'s history, not later editors', async () => {
  db = openLocalDb(`test-${uuidv7()}`);
  await db.history.bulkAdd([
    { table: 'contracts', recordId: 'c1', at: '2026-03-01T03:00:00Z', by: 'officer-a', op: 'create', changes: {} },
    { table: 'contracts', recordId: 'c1', at: '2026-03-02T03:00:00Z', by: 'officer-b', op: 'update', changes: {} },
    { table: 'contracts', recordId: 'c2', at: '2026-03-02T03:00:00Z', by: 'officer-b', op: 'update', changes: {} },
  ]);
  expect(await recordCreators(db)).toEqual({ c1: 'officer-a' });
});
