/**
 * The notify bus: a push that advanced a province's change log pokes every
 * connected client of that province (GET /v1/sync/events). In one process an
 * EventEmitter is enough; several processes on PostgreSQL share pokes through
 * LISTEN/NOTIFY (see Database.listen).
 */
import { EventEmitter } from 'node:events';
import type { Database } from '../store/db';

export type ScopeListener = (cursor: number) => void;

export interface SyncEvents {
  publish(heads: Map<string, number>): Promise<void>;
  subscribe(provinceCode: string, listener: ScopeListener): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'eplan_sync';

export function localEvents(): SyncEvents & { emit(provinceCode: string, cursor: number): void } {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const emit = (provinceCode: string, cursor: number) => emitter.emit(provinceCode, cursor);
  return {
    emit,
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

/** On PostgreSQL, pokes travel through NOTIFY so every server process hears every push. */
export async function databaseEvents(db: Database): Promise<SyncEvents> {
  const local = localEvents();
  if (db.listen === undefined) return local;
  const stop = await db.listen(CHANNEL, (payload) => {
    const [province, cursor] = payload.split(':');
    if (province && cursor) local.emit(province, Number(cursor));
  });
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
