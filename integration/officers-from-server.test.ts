/**
 * Issue 15, item 1: an administrator sets officers' contract dates and LAOs
 * through the API; a supervisor's laptop, after signing in and syncing, counts
 * each officer's LAOs, tasks and 15-day status from those synced users, with
 * the function the officers page uses.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { defaultTemplate } from '../shared/calendar/seedTemplate';
import { fixedClock, setClock } from '../shared/clock';
import type { Lao, User } from '../shared/domain/reference';
import { ProvinceCompletion } from '../renderer/data/completion';
import { openLocalDb, type EplanDb } from '../renderer/data/db';
import { officerRows } from '../renderer/features/officers/officers';
import { auth, VERSIONS } from '../server/sync/test-kit';
import { LAO_A, LAO_B, USERS, pushPlanWork, signedInLaptop, startTestServer, type TestServer } from './testServer';

// FY 2568; the sample records are of that year. Due date of a contract signed 1 Feb: 16 Feb.
const AS_OF = '2025-03-15';
const FY = 2568;
let restoreClock: () => void;
let server: TestServer;
let db: EplanDb;
const versions = `protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`;

async function adminSets(admin: string, userId: string, change: object): Promise<void> {
  const response = await server.app.app.inject({ method: 'PATCH', url: `/v1/admin/users/${userId}?${versions}`, headers: auth(admin), payload: change });
  expect(response.statusCode).toBe(200);
}

/** What the supervisor's officers page computes from this laptop's database. */
async function officersPage() {
  const [users, laos] = await Promise.all([db.users.toArray(), db.laos.toArray()]);
  const completion = new ProvinceCompletion(db, FY, AS_OF);
  await completion.refresh();
  const rows = officerRows(users as unknown as User[], laos as unknown as Lao[], defaultTemplate(FY).tasks, completion.snapshot().results, AS_OF);
  return new Map(rows.map((row) => [row.user.username, row]));
}

beforeAll(async () => {
  restoreClock = setClock(fixedClock(`${AS_OF}T10:00:00+07:00`));
  server = await startTestServer();
  db = openLocalDb(`supervisor-laptop-${uuidv7()}`);
});
afterAll(async () => {
  db.close();
  await server.close();
  restoreClock();
});

describe("the supervisor's officers page on data from the server", () => {
  it('counts each officer by their own LAOs and contract, and follows the administrator’s changes', async () => {
    const admin = (await server.app.login('admin')).token;
    await adminSets(admin, USERS.officerA.id, { laoIds: [LAO_A], contractSignedOn: '2025-02-01', hiringDocsSentOn: '2025-02-10' });
    await adminSets(admin, USERS.officerB.id, { laoIds: [LAO_B], contractSignedOn: '2025-02-01' });
    // LAO A has its vision and development plan (with a project) entered; LAO B nothing.
    await pushPlanWork(server, await server.app.login('officerA'), LAO_A);

    const engine = await signedInLaptop(server, db, 'supervisor');
    expect(await engine.sync()).toBe(true);

    const page = await officersPage();
    // officer2 works in another province: not on this laptop.
    expect([...page.keys()].sort()).toEqual(['officer', 'officera', 'officerb']);
    expect(page.get('officera')).toMatchObject({ laoCount: 1, docs: { status: 'on_time', dueOn: '2025-02-16' } });
    expect(page.get('officerb')).toMatchObject({ laoCount: 1, docs: { status: 'overdue', dueOn: '2025-02-16', daysLate: 27 } });
    // No list: every LAO of the province.
    expect(page.get('officer')).toMatchObject({ laoCount: 2, docs: { status: 'not_applicable' } });
    // A's LAO has its plan work done, B's has not: their figures differ.
    expect(page.get('officera')!.tally).not.toEqual(page.get('officerb')!.tally);
    expect(page.get('officera')!.tally.complete).toBeGreaterThan(page.get('officerb')!.tally.complete);

    // The administrator moves LAO A to officer B and clears A's dates; the next sync brings it.
    await adminSets(admin, USERS.officerB.id, { laoIds: [LAO_A, LAO_B], hiringDocsSentOn: '2025-02-20' });
    await adminSets(admin, USERS.officerA.id, { contractSignedOn: null, hiringDocsSentOn: null });
    expect(await engine.sync()).toBe(true);
    const after = await officersPage();
    expect(after.get('officerb')).toMatchObject({ laoCount: 2, docs: { status: 'late', daysLate: 4 } });
    expect(after.get('officera')).toMatchObject({ docs: { status: 'not_applicable' } });
    expect(after.get('officera')!.user.contractSignedOn).toBeUndefined();
  });
});
