/**
 * Sums that span records (disbursements against an item's allocation, contracts
 * against it, items against an ordinance's total) hold across batches that
 * commit at the same time: two officers back online at once, each paying
 * 60% of one item, end with one payment and one refusal, never 120% paid.
 * On PostgreSQL the batches really run side by side; on PGlite one after the other.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../store/test-backends';
import type { Mutation } from '../../shared/sync/protocol';
import { createMutation, LAO_A, LAO_C, P1, P2, push, sampleRecord, useTestWorld } from './test-kit';

type Session = { token: string; deviceId: string };

describe.each(testBackends)('sums across concurrent pushes on $kind', (backend) => {
  const world = useTestWorld(backend);
  let sessions: Session[];
  let projectId: string;
  let ordinanceId: string;
  beforeAll(async () => {
    sessions = await Promise.all([1, 2].map(() => world.t.login('officer')));
    // The LAO's plan with one project, and its ordinance for the year (one per year), with room for every item below.
    const plan = sampleRecord('plans', LAO_A, P1);
    const project = sampleRecord('planProjects', LAO_A, P1, { planId: plan.id });
    const ordinance = sampleRecord('ordinances', LAO_A, P1, { total: 1_000_000_000 });
    await applied([createMutation('plans', plan), createMutation('planProjects', project), createMutation('ordinances', ordinance)]);
    projectId = String(project.id);
    ordinanceId = String(ordinance.id);
  });

  async function applied(mutations: Mutation[]): Promise<void> {
    const answer = await push(world.t, sessions[0]!, mutations);
    expect(answer.body.results.map((r) => [r.status, r.code, r.issues])).toEqual(mutations.map(() => ['applied', undefined, undefined]));
  }

  /** A new item of the ordinance with `allocated` baht, pushed and applied. */
  async function newItem(allocated: number): Promise<string> {
    const item = sampleRecord('ordinanceItems', LAO_A, P1, { ordinanceId, planProjectId: projectId, allocated });
    await applied([createMutation('ordinanceItems', item)]);
    return String(item.id);
  }

  /** Two officers each send one record at the same moment: the answers, the applied one first. */
  async function sentTogether(table: 'disbursements' | 'contracts', fields: Record<string, unknown>) {
    const record = () => {
      const sample = sampleRecord(table, LAO_A, P1, fields);
      // A payment of no contract: the field is left out, as the form leaves it.
      if (table === 'disbursements') delete sample.contractId;
      return sample;
    };
    const answers = await Promise.all(sessions.map((session) => push(world.t, session, [createMutation(table, record())])));
    for (const answer of answers) expect(answer.status).toBe(200);
    return answers.map((answer) => answer.body.results[0]!).sort((a, b) => a.status.localeCompare(b.status));
  }

  async function liveSum(table: string, itemId: string): Promise<number> {
    const { rows } = await world.db.query<{ total: string }>(
      "SELECT coalesce(sum((data->>'amount')::numeric), 0)::text AS total FROM records WHERE table_name = $1 AND NOT deleted AND data->>'ordinanceItemId' = $2",
      [table, itemId],
    );
    return Number(rows[0]!.total);
  }

  it.each([
    { table: 'disbursements', what: 'pays', code: 'disbursement.aboveAllocation' },
    { table: 'contracts', what: 'contracts', code: 'contract.aboveAllocation' },
  ] as const)('$what an item beyond its allocation in no two batches committed at once', async ({ table, code }) => {
    for (let round = 0; round < 6; round += 1) {
      const itemId = await newItem(1_000_000);
      const [first, second] = await sentTogether(table, { ordinanceItemId: itemId, amount: 600_000 });
      expect(first, `round ${round}`).toMatchObject({ status: 'applied' });
      expect(second, `round ${round}`).toMatchObject({ status: 'rejected', code: 'VALIDATION_FAILED', issues: [{ path: 'amount', code }] });
      expect(await liveSum(table, itemId)).toBe(600_000);
    }
  });

  it.runIf(backend.kind === 'postgres')('takes no lock on an LAO the user may not write: a forged batch is refused at once, not queued behind that LAO\'s writers', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    // Another province's writer holds the lock its payments are summed under.
    const writer = world.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`records ${LAO_C} disbursements`]);
      locked();
      await held;
    });
    await lockTaken;
    try {
      const forged = sampleRecord('disbursements', LAO_C, P2, { amount: 1 });
      const answer = await Promise.race([
        push(world.t, sessions[0]!, [createMutation('disbursements', forged)]),
        new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 5_000)),
      ]);
      expect(answer === 'waited' ? answer : answer.body.results[0]).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    } finally {
      release();
      await writer;
    }
  });
});
