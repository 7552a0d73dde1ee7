/**
 * Two laptops of one officer (or two officers who made the same record id,
 * which a copied profile can do) push at the same moment. Only each device's
 * row is locked, so on PostgreSQL the two transactions race for the same new
 * rows: the loser is retried, sees the winner's answer, and both are answered
 * as if they had come one after the other, never with a server error.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../store/test-backends';
import { createMutation, editMutation, LAO_A, P1, push, sampleRecord, useTestWorld } from './test-kit';

type Session = { token: string; deviceId: string };

describe.each(testBackends)('pushes at the same moment on $kind', (backend) => {
  const world = useTestWorld(backend);
  let first: Session;
  let second: Session;
  beforeAll(async () => {
    first = await world.t.login('officer');
    second = await world.t.login('officer');
  });

  it('the same mutation from two devices at once: one applies it, the other gets the stored answer', async () => {
    for (let round = 0; round < 8; round++) {
      const mutation = createMutation('visions', sampleRecord('visions', LAO_A, P1));
      const [a, b] = await Promise.all([push(world.t, first, [mutation]), push(world.t, second, [mutation])]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.results[0]).toEqual(b.body.results[0]);
      expect(a.body.results[0]).toMatchObject({ status: 'applied', version: 1 });
    }
  });

  it('one new record id from two devices at once (two mutations): one creates it, the other edits what it finds', async () => {
    for (let round = 0; round < 8; round++) {
      const record = sampleRecord('visions', LAO_A, P1);
      const [a, b] = await Promise.all([
        push(world.t, first, [createMutation('visions', record)]),
        push(world.t, second, [createMutation('visions', { ...record, vision: 'อีกฉบับ' })]),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const statuses = [a.body.results[0]!.status, b.body.results[0]!.status].sort();
      expect(statuses[0]).toBe('applied');
      expect(['applied', 'conflict', 'merged']).toContain(statuses[1]);
      // The record stands at one version per write, whoever came first.
      const edit = await push(world.t, first, [editMutation('visions', String(record.id), 9, { objective: { old: null, new: 'ต่อ' } })]);
      expect(edit.status).toBe(200);
    }
  });
});
