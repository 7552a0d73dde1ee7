/**
 * The notify bus: a push that advanced a province's change log pokes every
 * connected client of that province (GET /v1/sync/events). In one process an
 * EventEmitter is enough; several processes on PostgreSQL share pokes through
 * LISTEN/NOTIFY (see Database.listen).
 */
import { EventEmitter } from 'node:events';
import type { Database, ListenOptions } from '../store/db';

export type ScopeListener = (cursor: number) => void;

export interface SyncEvents {
  publish(heads: Map<string, number>): Promise<void>;
  subscribe(provinceCode: string, listener: ScopeListener): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'eplan_sync';

/** Where the bus reports a lost LISTEN connection (the app's pino logger in production). */
export interface EventsLogger {
  error(details: object, message: string): void;
  info(details: object, message: string): void;
}

export function localEvents(): SyncEvents & { emit(provinceCode: string, cursor: number): void; provinces(): string[] } {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const emit = (provinceCode: string, cursor: number) => emitter.emit(provinceCode, cursor);
  return {
    emit,
    provinces: () => emitter.eventNames().filter((name): name is string => typeof name === 'string'),
    async publish(heads) {
      for (const [province, cursor] of heads) emit(province, cursor);
    },
    subscribe(provinceCode, listener) {
      emitter.on(provinceCode, listener);
      return () => emitter.off(provinceCode, listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/**
 * On PostgreSQL, pokes travel through NOTIFY so every server process hears every push.
 * A lost LISTEN connection is logged and re-opened (Database.listen); then every
 * subscribed province is poked with its head, as a push may have gone unheard meanwhile.
 */
export async function databaseEvents(db: Database, options: { logger?: EventsLogger; backoff?: ListenOptions['backoff'] } = {}): Promise<SyncEvents> {
  const local = localEvents();
  if (db.listen === undefined) return local;
  const { logger } = options;
  const resync = async () => {
    const provinces = local.provinces();
    if (provinces.length === 0) return;
    const { rows } = await db.query<{ province_code: string; n: number }>('SELECT province_code, n FROM province_counters WHERE province_code = ANY($1)', [provinces]);
    for (const row of rows) local.emit(row.province_code, row.n);
  };
  const stop = await db.listen(
    CHANNEL,
    (payload) => {
      const [province, cursor] = payload.split(':');
      if (province && cursor) local.emit(province, Number(cursor));
    },
    {
      ...(options.backoff ? { backoff: options.backoff } : {}),
      onError: (error, retryInMs) => logger?.error({ err: error, retryInMs }, 'sync notify: LISTEN connection lost; reconnecting'),
      onReconnect: () => {
        logger?.info({}, 'sync notify: LISTEN connection restored; poking subscribers to pull');
        resync().catch((error: unknown) => logger?.error({ err: error }, 'sync notify: poking subscribers after reconnecting failed'));
      },
    },
  );
  return {
    subscribe: local.subscribe,
    async publish(heads) {
      for (const [province, cursor] of heads) {
        await db.query('SELECT pg_notify($1, $2)', [db.channel?.(CHANNEL) ?? CHANNEL, `${province}:${cursor}`]);
      }
    },
    async close() {
      await stop();
      await local.close();
    },
  };
}
