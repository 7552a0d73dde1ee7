/**
 * Issue 17, item 3: a supervisor signs an LAO's period off; the server then
 * refuses every push that would change a record the signed-off task judged,
 * until the sign-off is reopened with a reason. Reopened sign-offs stay, with
 * who, when and why.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SignOff, SignOffAnswer } from '../../shared/calendar/index';
import { testBackends } from '../store/test-backends';
import { auth, createMutation, editMutation, LAO_A, LAO_B, LAO_C, P1, push, sampleRecord, seenNow, useTestWorld, USERS, VERSIONS } from '../sync/test-kit';

const versions = `protocolVersion=${VERSIONS.protocolVersion}&schemaVersion=${VERSIONS.schemaVersion}`;
const FY = 2568; // the fixtures' fiscal year

type Session = { token: string; deviceId: string };

describe.each(testBackends)('sign-off of periods on $kind', (backend) => {
  const world = useTestWorld(backend);
  let supervisor: Session;
  let officer: Session;
  let officer2: Session;
  let admin: Session;
  // Made on a laptop that has pulled everything, unless the test says what it had seen.
  const signOff = async (session: Session, body: object) =>
    world.t.app.inject({ method: 'POST', url: `/v1/signoffs?${versions}`, headers: auth(session.token), payload: { seen: await seenNow(world.db), ...body } });
  const reopen = (session: Session, id: string, body: object) =>
    world.t.app.inject({ method: 'POST', url: `/v1/signoffs/${id}/reopen?${versions}`, headers: auth(session.token), payload: body });
  const q2 = (laoId = LAO_A) => sampleRecord('quarterReports', laoId, P1, { quarter: 2 });
  const q3 = () => sampleRecord('quarterReports', LAO_A, P1, { quarter: 3, reportedOn: '2025-07-10' });

  beforeAll(async () => {
    supervisor = await world.t.login('supervisor');
    officer = await world.t.login('officer');
    officer2 = await world.t.login('officer2');
    admin = await world.t.login('admin');
  });

  it('locks what the task judged: a Q2 report of a signed-off LAO is refused, Q3 and other LAOs go through; reopened, it goes through', async () => {
    const before = q2();
    expect((await push(world.t, officer, [createMutation('quarterReports', before)])).body.results[0]!.status).toBe('applied');
    const signed = await signOff(supervisor, { fiscalYear: FY, laoIds: [LAO_A], taskIds: ['q2-progress'], month: null, note: 'ตรวจแล้ว' });
    expect(signed.statusCode).toBe(200);
    const [made] = signed.json<{ signOffs: SignOff[] }>().signOffs;
    expect(made).toMatchObject({ laoId: LAO_A, fiscalYear: FY, taskId: 'q2-progress', rule: { kind: 'quarterProgress', quarter: 2 }, signedBy: USERS.supervisor.id, reopenedAt: null });

    const edit = editMutation('quarterReports', String(before.id), 1, { reportedOn: { old: '2025-04-10', new: '2025-04-11' } });
    const removal = editMutation('quarterReports', String(before.id), 1, { deleted: { old: false, new: true } });
    const refused = await push(world.t, officer, [edit, removal, createMutation('quarterReports', q2())]);
    expect(refused.body.results.map((r) => r.code)).toEqual(['PERIOD_SIGNED_OFF', 'PERIOD_SIGNED_OFF', 'PERIOD_SIGNED_OFF']);
    // Another quarter, another LAO: not what was signed off.
    const others = await push(world.t, officer, [createMutation('quarterReports', q3()), createMutation('quarterReports', q2(LAO_B))]);
    expect(others.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    // Signing the same again keeps the first signature.
    expect((await signOff(supervisor, { fiscalYear: FY, laoIds: [LAO_A], taskIds: ['q2-progress'], month: null, note: 'อีกครั้ง' })).json().signOffs).toEqual([]);

    expect((await reopen(supervisor, made!.id, { reason: '' })).statusCode).toBe(400);
    const reopened = await reopen(supervisor, made!.id, { reason: 'อปท. แจ้งแก้วันที่รายงาน' });
    expect(reopened.json().signOff).toMatchObject({ reopenedBy: USERS.supervisor.id, reopenReason: 'อปท. แจ้งแก้วันที่รายงาน' });
    expect((await reopen(supervisor, made!.id, { reason: 'again' })).json().code).toBe('ALREADY_REOPENED');
    const edit2 = editMutation('quarterReports', String(before.id), 1, { reportedOn: { old: '2025-04-10', new: '2025-04-11' } });
    expect((await push(world.t, officer, [edit2])).body.results[0]!.status).toBe('applied');

    // Every laptop of the province gets the sign-off with the reference data, reopened with its reason.
    const seen = (await world.t.app.inject({ method: 'GET', url: `/v1/reference?${versions}`, headers: auth(officer.token) })).json<{ signOffs: SignOff[] }>().signOffs;
    expect(seen.find((s) => s.id === made!.id)).toMatchObject({ reopenReason: 'อปท. แจ้งแก้วันที่รายงาน' });
    const elsewhere = (await world.t.app.inject({ method: 'GET', url: `/v1/reference?${versions}`, headers: auth(officer2.token) })).json<{ signOffs: SignOff[] }>().signOffs;
    expect(elsewhere.some((s) => s.id === made!.id)).toBe(false);
  });

  it('refuses more than 5,000 LAO-task cells in one request before reading anything', async () => {
    const laoIds = Array.from({ length: 2_501 }, (_, i) => `0190c4e2-0000-7000-8000-${String(i).padStart(12, '0')}`);
    const refused = await signOff(admin, { fiscalYear: FY, laoIds, taskIds: ['q2-progress', 'q3-progress'], month: null, note: '' });
    expect(refused.statusCode).toBe(400);
  });

  it('signs a task named twice off once, so reopening it unlocks the period', async () => {
    const report = sampleRecord('quarterReports', LAO_B, P1, { quarter: 3, reportedOn: '2025-07-10' });
    expect((await push(world.t, officer, [createMutation('quarterReports', report)])).body.results[0]!.status).toBe('applied');
    const signed = await signOff(supervisor, { fiscalYear: FY, laoIds: [LAO_B, LAO_B], taskIds: ['q3-progress', 'q3-progress'], month: null, note: '' });
    expect(signed.statusCode).toBe(200);
    const made = signed.json<{ signOffs: SignOff[] }>().signOffs;
    expect(made).toHaveLength(1);
    expect((await reopen(supervisor, made[0]!.id, { reason: 'แก้วันที่' })).statusCode).toBe(200);
    const edit = editMutation('quarterReports', String(report.id), 1, { reportedOn: { old: report.reportedOn, new: '2025-07-12' } });
    expect((await push(world.t, officer, [edit])).body.results[0]!.status).toBe('applied');
  });

  it('lets only supervisors of the province and administrators sign off, names unknown tasks, and asks for the month of an every-month task', async () => {
    const body = { fiscalYear: FY, laoIds: [LAO_A], taskIds: ['ordinance-passed'], month: null, note: '' };
    expect((await signOff(officer, body)).statusCode).toBe(403);
    // A supervisor of another province: the LAO does not exist for them.
    expect((await signOff(supervisor, { ...body, laoIds: [LAO_C] })).json().code).toBe('NOT_FOUND');
    expect((await signOff(supervisor, { ...body, taskIds: ['no-such-task'] })).json().code).toBe('UNKNOWN_TASK');
    expect((await signOff(supervisor, { ...body, taskIds: ['monthly-fiscal-stats'] })).json().code).toBe('MONTH_REQUIRED');
    const monthly = await signOff(admin, { ...body, laoIds: [LAO_B], taskIds: ['monthly-anti-drug'], month: { year: 2025, month: 1 } });
    expect(monthly.json().signOffs[0]).toMatchObject({ month: { year: 2025, month: 1 }, rule: { kind: 'antiDrugCurrent' } });
    // October 2025 opens fiscal year 2569: not a month of 2568's calendar.
    expect((await signOff(admin, { ...body, laoIds: [LAO_B], taskIds: ['monthly-anti-drug'], month: { year: 2025, month: 10 } })).statusCode).toBe(400);
    // Held in January: locked; held in February: not.
    const january = sampleRecord('antiDrugActivities', LAO_B, P1, { heldOn: '2025-01-15' });
    const february = sampleRecord('antiDrugActivities', LAO_B, P1, { heldOn: '2025-02-15' });
    const results = (await push(world.t, officer, [createMutation('antiDrugActivities', january), createMutation('antiDrugActivities', february)])).body.results;
    expect(results.map((r) => r.code ?? r.status)).toEqual(['PERIOD_SIGNED_OFF', 'applied']);
  });

  it('never changes a locked record, whatever an officer pushes while the sign-off stands', async () => {
    const ordinance = sampleRecord('ordinances', LAO_B, P1);
    expect((await push(world.t, officer, [createMutation('ordinances', ordinance)])).body.results[0]!.status).toBe('applied');
    await signOff(supervisor, { fiscalYear: FY, laoIds: [LAO_B], taskIds: ['ordinance-passed'], month: null, note: '' });
    const stored = async () => (await world.db.query<{ data: unknown; version: number }>('SELECT data, version FROM records WHERE id = $1', [ordinance.id])).rows[0];
    const locked = await stored();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({
          field: fc.constantFrom('total', 'councilPassedOn', 'announcedOn', 'fiscalYear', 'deleted'),
          value: fc.oneof(fc.integer({ min: 1, max: 9_000_000_000 }), fc.constantFrom('2024-08-21', '2024-09-01', null, true, false, 2569, 2567)),
          baseVersion: fc.integer({ min: 0, max: 3 }),
        }), { minLength: 1, maxLength: 4 }),
        async (edits) => {
          const mutations = edits.map((e) => editMutation('ordinances', String(ordinance.id), e.baseVersion, { [e.field]: { old: null, new: e.value } }));
          const answer = await push(world.t, officer, mutations);
          expect(answer.status).toBe(200);
          // No answer made a new version: refused (PERIOD_SIGNED_OFF or otherwise), a conflict, or a value it already had.
          for (const r of answer.body.results) expect([undefined, locked!.version]).toContain(r.version);
          expect(await stored()).toEqual(locked);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('signs off only what the supervisor saw: an LAO whose judged records changed after the laptop\'s pull is left out and named, until the laptop has pulled it', async () => {
    const march = { fiscalYear: FY, taskIds: ['monthly-anti-drug'], month: { year: 2025, month: 3 }, note: '' };
    const seen = await seenNow(world.db);
    // After the supervisor's laptop pulled: an activity of March for LAO_A (what March's sign-off judges), one of May for LAO_B (not judged).
    const judged = sampleRecord('antiDrugActivities', LAO_A, P1, { heldOn: '2025-03-20' });
    const later = sampleRecord('antiDrugActivities', LAO_B, P1, { heldOn: '2025-05-20' });
    expect((await push(world.t, officer, [createMutation('antiDrugActivities', judged), createMutation('antiDrugActivities', later)])).body.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    const first = await signOff(supervisor, { ...march, laoIds: [LAO_A, LAO_B], seen });
    expect(first.statusCode).toBe(200);
    const answer = first.json<SignOffAnswer>();
    expect(answer.stale).toEqual([LAO_A]);
    expect(answer.signOffs.map((s) => s.laoId)).toEqual([LAO_B]);
    // LAO_A stays open: the activity it never saw can still be corrected.
    const fix = editMutation('antiDrugActivities', String(judged.id), 1, { participants: { old: judged.participants, new: 12 } });
    expect((await push(world.t, officer, [fix])).body.results[0]!.status).toBe('applied');

    // A position the log cannot answer for is no base: none for the province, or one ahead of the log (a server restored from a backup).
    const head = (await seenNow(world.db))[P1]!;
    expect((await signOff(supervisor, { ...march, laoIds: [LAO_A], seen: {} })).json<SignOffAnswer>()).toEqual({ signOffs: [], stale: [LAO_A] });
    expect((await signOff(supervisor, { ...march, laoIds: [LAO_A], seen: { [P1]: head + 1 } })).json<SignOffAnswer>()).toEqual({ signOffs: [], stale: [LAO_A] });
    // Malformed positions are refused before anything is read.
    for (const bad of [{ [P1]: -1 }, { [P1]: 1.5 }, { [P1]: '3' }, { x: 3 }, null, []]) {
      expect((await signOff(supervisor, { ...march, laoIds: [LAO_A], seen: bad })).statusCode).toBe(400);
    }

    // Once the laptop has pulled (and the supervisor looked again), LAO_A is signed off.
    const again = await signOff(supervisor, { ...march, laoIds: [LAO_A], seen: { [P1]: head } });
    expect(again.json<SignOffAnswer>()).toMatchObject({ stale: [], signOffs: [{ laoId: LAO_A, month: { year: 2025, month: 3 } }] });
  });
});
