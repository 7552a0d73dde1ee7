/**
 * Issue 18, item 5: completion that never goes stale. An officer edits a
 * record on another laptop; the supervisor's laptop pulls the edit through the
 * real server and is closed before its completion engine runs. The pulled
 * edit neither adds a row nor carries a newer updatedAt than the table's
 * newest (the server stamps it at the same fixed instant), so the table
 * marks the engine compared before could not see it: the next start must
 * still re-evaluate that LAO, and only it, from the write log.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { fixedClock, setClock } from '../shared/clock';
import { ProvinceCompletion } from '../renderer/data/completion';
import { withMissingItems } from '../renderer/data/completionShown';
import { openLocalDb, type EplanDb } from '../renderer/data/db';
import { editMutation, push } from '../server/sync/test-kit';
import { LAO_A, pushPlanWork, signedInLaptop, startTestServer, type TestServer } from './testServer';

const AS_OF = '2025-03-15';
const FY = 2568;
let restoreClock: () => void;
let server: TestServer;
let db: EplanDb;

/** What the checklist shows, missing items read as a panel reads them. */
const shown = (engine: ProvinceCompletion) => withMissingItems(engine.snapshot().results, (laoId, taskId) => engine.missingItems(laoId, taskId));

beforeAll(async () => {
  restoreClock = setClock(fixedClock(`${AS_OF}T10:00:00+07:00`));
  server = await startTestServer();
  db = openLocalDb(`completion-after-sync-${uuidv7()}`);
});
afterAll(async () => {
  db.close();
  await server.close();
  restoreClock();
});

describe('a pulled edit the engine was not running to hear', () => {
  it('is re-evaluated at the next start, its LAO alone', async () => {
    const officerA = await server.app.login('officerA');
    const plan = await pushPlanWork(server, officerA, LAO_A);
    const sync = await signedInLaptop(server, db, 'supervisor');
    expect(await sync.sync()).toBe(true);

    // The supervisor's first session: results computed and stored.
    const first = new ProvinceCompletion(db, FY, AS_OF);
    expect((await first.refresh()).mode).toBe('cold');
    const before = await shown(first);
    const marks = async () => ({ count: await db.plans.count(), newest: (await db.plans.orderBy('updatedAt').last())?.updatedAt });
    const marksBefore = await marks();

    // Officer A deletes the plan on their laptop; the supervisor's laptop pulls it, and is closed before any pass.
    const stored = (await db.plans.get(String(plan.id)))!;
    const deleted = await push(server.app, officerA, [editMutation('plans', String(plan.id), stored.version, { deleted: { old: false, new: true } })]);
    expect(deleted.body.results.map((r) => r.status)).toEqual(['applied']);
    expect(await sync.sync()).toBe(true);
    expect((await db.plans.get(String(plan.id)))!.deleted).toBe(true);
    // Neither the row count nor the newest updatedAt moved: only the write log tells.
    expect(await marks()).toEqual(marksBefore);

    const next = new ProvinceCompletion(db, FY, AS_OF);
    const report = await next.refresh();
    expect(report).toMatchObject({ mode: 'incremental', reread: 1, recomputed: [LAO_A] });
    const after = await shown(next);
    expect(after.get(LAO_A)).not.toEqual(before.get(LAO_A));
    // The same as computed from the records alone.
    await db.completionState.clear();
    const fresh = new ProvinceCompletion(db, FY, AS_OF);
    expect((await fresh.refresh()).mode).toBe('cold');
    expect(after).toEqual(await shown(fresh));
  });
});
