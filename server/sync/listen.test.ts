import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenRetryDelay, type Database } from '../store/db';
import { openMigrated, testBackends } from '../store/test-backends';
import { databaseEvents, type EventsLogger, type SyncEvents } from './events';
import { P1, P2, seedWorld } from './test-kit';

describe('the wait before re-opening a lost LISTEN connection', () => {
  it('starts at half a second and doubles to a cap of 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((attempt) => listenRetryDelay(attempt))).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});

const postgres = testBackends.find((backend) => backend.kind === 'postgres');

// PGlite listens inside its own process: there is no connection to lose, so only PostgreSQL (DATABASE_URL) runs this.
describe.skipIf(postgres === undefined)('the LISTEN connection on PostgreSQL, when its backend is terminated', () => {
  let db: Database;
  let events: SyncEvents;
  const logs: { level: 'error' | 'info'; details: Record<string, unknown>; message: string }[] = [];
  let logged: () => void = () => {};
  const logger: EventsLogger = {
    error: (details, message) => {
      logs.push({ level: 'error', details: details as Record<string, unknown>, message });
      logged();
    },
    info: (details, message) => {
      logs.push({ level: 'info', details: details as Record<string, unknown>, message });
      logged();
    },
  };
  const untilLogged = (level: 'error' | 'info') =>
    new Promise<void>((resolve) => {
      logged = () => logs.some((entry) => entry.level === level) && resolve();
      logged();
    });

  beforeAll(async () => {
    db = await openMigrated(postgres!);
    await seedWorld(db);
    await db.query(`INSERT INTO province_counters (province_code, n) VALUES ($1, 5), ($2, 9)`, [P1, P2]);
    events = await databaseEvents(db, { logger, backoff: { baseMs: 20, maxMs: 200 } });
  });
  afterAll(async () => {
    await events?.close();
    await db?.close();
  });

  async function terminateListener(): Promise<number> {
    const { rows } = await db.query<{ terminated: boolean }>(
      'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND query = $1',
      [`LISTEN "${db.channel!('eplan_sync')}"`],
    );
    return rows.filter((row) => row.terminated).length;
  }

  it('logs the loss, reconnects, pokes subscribers with the head they may have missed, and hears later pushes', async () => {
    const heard: number[] = [];
    let onHeard: (cursor: number) => void = () => {};
    const unsubscribe = events.subscribe(P1, (cursor) => {
      heard.push(cursor);
      onHeard(cursor);
    });
    const hear = (cursor: number) => new Promise<void>((resolve) => (onHeard = (got) => got === cursor && resolve()));
    const before = hear(6);
    await events.publish(new Map([[P1, 6]]));
    await before;

    expect(await terminateListener()).toBe(1);
    // A push whose notify went unheard (no publish here at all): only the poke after reconnecting can carry its head.
    await db.query('UPDATE province_counters SET n = 7 WHERE province_code = $1', [P1]);
    const missed = hear(7);
    await untilLogged('error');
    await untilLogged('info');
    await missed;

    const after = hear(8);
    await events.publish(new Map([[P1, 8]]));
    await after;
    unsubscribe();

    expect(heard.at(-1)).toBe(8);
    // Only subscribed provinces are poked (P2 has none here), with their head.
    expect(heard.filter((cursor) => cursor === 9)).toEqual([]);
    const error = logs.find((entry) => entry.level === 'error')!;
    expect(error.message).toContain('LISTEN connection lost');
    expect(error.details.err).toBeDefined();
    expect(error.details.retryInMs).toBe(20);
    expect(logs.find((entry) => entry.level === 'info')!.message).toContain('restored');
  });
});
