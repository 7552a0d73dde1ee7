/**
 * The login limiter (issue 14, item 5) and device ids bound to users (item 4):
 * one test per rule, every wait through the injected clock.
 */
import { describe, expect, it } from 'vitest';
import { pruneMutationResults } from '../sync/prune';
import { auth, createMutation, LAO_A, P1, PASSWORD, push, sampleRecord, useTestWorld, USERS } from '../sync/test-kit';
import { testBackends } from '../store/test-backends';

const FREE = 5;

describe.each(testBackends)('login limiter on $kind', (backend) => {
  let clock = new Date('2026-03-01T03:00:00Z').getTime();
  const world = useTestWorld(backend, { now: () => new Date(clock), settings: { loginMaxFailures: FREE, loginMaxFailuresPerUser: 20, loginMaxFailuresPerAddress: 10 } });
  let devices = 0;

  const login = (username: string, password: string, from: string, extra: { deviceId?: string; token?: string } = {}) =>
    world.t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: from,
      headers: extra.token ? auth(extra.token) : {},
      payload: { username, password, deviceId: extra.deviceId ?? `limit-device-${++devices}` },
    });
  const statuses = async (requests: Promise<{ statusCode: number }>[]) => (await Promise.all(requests)).map((r) => r.statusCode);
  const count = (list: number[], status: number) => list.filter((s) => s === status).length;

  it('checks at most the free attempts of 30 concurrent wrong passwords for one user; the rest wait', async () => {
    const answers = await statuses(Array.from({ length: 30 }, () => login('officer', 'wrong guess', '203.0.113.1')));
    expect(count(answers, 401)).toBe(FREE);
    expect(count(answers, 429)).toBe(30 - FREE);
  });

  it('delays a (username, address) pair progressively, doubling, and lets the right password in once the wait is over', async () => {
    const from = '203.0.113.2';
    for (let i = 0; i < FREE; i++) expect((await login('officera', 'guess', from)).statusCode).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const refused = await login('officera', PASSWORD, from);
      expect([refused.statusCode, refused.json().code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
      const wait = Number(refused.headers['retry-after']);
      waits.push(wait);
      clock += wait * 1000;
      expect((await login('officera', 'guess', from)).statusCode).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    clock += 16_000;
    expect((await login('officera', PASSWORD, from)).statusCode).toBe(200);
    // A success starts the pair afresh.
    expect((await login('officera', 'guess', from)).statusCode).toBe(401);
  });

  it('never refuses the owner\'s right password from a device holding their valid token, whatever was tried from there', async () => {
    const office = '198.51.100.7';
    const deviceId = 'supervisors-laptop';
    const { token } = (await login('supervisor', PASSWORD, office, { deviceId })).json();
    await statuses(Array.from({ length: 30 }, () => login('supervisor', 'guess', office)));
    expect((await login('supervisor', PASSWORD, office, { deviceId })).statusCode).toBe(429);
    const trusted = await login('supervisor', PASSWORD, office, { deviceId, token });
    expect(trusted.statusCode).toBe(200);
    // The token proves the device: another user's token, or the device id alone, does not.
    const other = (await login('officer2', PASSWORD, '198.51.100.99')).json().token;
    expect((await login('supervisor', PASSWORD, office, { deviceId, token: other })).statusCode).toBe(429);
  });

  it('lets the owner in from their usual address however many addresses guessed their password', async () => {
    const home = '192.0.2.10';
    expect((await login('officerb', PASSWORD, home)).statusCode).toBe(200);
    for (let a = 0; a < 10; a++) await statuses(Array.from({ length: 8 }, () => login('officerb', 'guess', `192.0.2.${100 + a}`)));
    expect((await login('officerb', PASSWORD, home)).statusCode).toBe(200);
    // A new address waits for the per-user delay, which is capped low (60 s by default).
    const elsewhere = await login('officerb', PASSWORD, '192.0.2.250');
    expect(elsewhere.statusCode).toBe(429);
    expect(Number(elsewhere.headers['retry-after'])).toBeLessThanOrEqual(60);
    clock += 60_000;
    expect((await login('officerb', PASSWORD, '192.0.2.250')).statusCode).toBe(200);
  });

  it('slows an address guessing many accounts, but not the users who logged in from it before', async () => {
    const office = '203.0.113.50';
    expect((await login('officer2', PASSWORD, office)).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) await login(`nobody-${i}`, 'guess', office);
    const stranger = await login('admin', PASSWORD, office);
    expect([stranger.statusCode, stranger.json().code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    expect((await login('officer2', PASSWORD, office)).statusCode).toBe(200);
  });
});

describe.each(testBackends)('device ids bound to users on $kind', (backend) => {
  const world = useTestWorld(backend);

  it('refuses a colleague\'s device id (403 DEVICE_TAKEN, nothing written), so the owner\'s pushes are never spoiled', async () => {
    const owner = await world.t.login('officerA', 'laptop-of-officer-a');
    const first = createMutation('antiDrugActivities', sampleRecord('antiDrugActivities', LAO_A, P1), 1);
    expect((await push(world.t, owner, [first])).body.results[0]!.status).toBe('applied');
    const tokensBefore = await world.db.query('SELECT id FROM device_tokens');
    // The attack: officer B logs in as A's device, to push as it and raise its sequence.
    const taken = await world.t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { username: 'officerb', password: PASSWORD, deviceId: 'laptop-of-officer-a' } });
    expect([taken.statusCode, taken.json().code]).toEqual([403, 'DEVICE_TAKEN']);
    expect((await world.db.query('SELECT id FROM device_tokens')).rows).toEqual(tokensBefore.rows);
    // With B's own token the device id in the body does not pass either.
    const intruder = await world.t.login('officerB');
    const forged = createMutation('antiDrugActivities', sampleRecord('antiDrugActivities', LAO_A, P1), 1000);
    expect((await push(world.t, { token: intruder.token, deviceId: 'laptop-of-officer-a' }, [forged])).status).toBe(403);
    // A's sequence is A's alone: after pruning, A's next entries still apply.
    await pruneMutationResults(world.db, { before: new Date('2100-01-01T00:00:00Z') });
    const next = createMutation('antiDrugActivities', sampleRecord('antiDrugActivities', LAO_A, P1), 2);
    const later = await push(world.t, owner, [next]);
    expect(later.body.results.map((r) => r.status)).toEqual(['applied']);
    const owners = await world.db.query<{ user_id: string }>(`SELECT user_id FROM device_owners WHERE device_id = 'laptop-of-officer-a'`);
    expect(owners.rows).toEqual([{ user_id: USERS.officerA.id }]);
  });

  it('lets the owner log in again on their device id', async () => {
    await world.t.login('officer', 'laptop-of-officer');
    await expect(world.t.login('officer', 'laptop-of-officer')).resolves.toMatchObject({ deviceId: 'laptop-of-officer' });
  });
});
