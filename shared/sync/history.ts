/**
 * A record's shared history on the wire (GET /v1/records/:table/:id/history):
 * one entry per write the server accepted, kept by the server for good
 * (server/store/migrations/009_record_history.sql). Any device fetches it;
 * the laptop lays its own not-yet-synced lines on top.
 */
import { z } from 'zod';
import { RECORD_TABLES } from '../domain/tables';
import { jsonValue } from '../text';
import { uuid } from '../domain/common';

export const HISTORY_OPS = ['create', 'update', 'delete', 'restore'] as const;
export type HistoryOp = (typeof HISTORY_OPS)[number];

/** The route's path parameters: a record table and a record id, nothing else. */
export const recordHistoryParamsSchema = z.object({ table: z.enum(RECORD_TABLES), id: uuid() }).strict();

export const recordHistoryEntrySchema = z.object({
  /** The record version this write made. */
  version: z.number().int().min(1),
  op: z.enum(HISTORY_OPS),
  userId: z.string(),
  deviceId: z.string(),
  /** When the server accepted it (ISO). */
  at: z.string(),
  /** The device's clock when its user made the change, as sent. */
  clientTime: z.string(),
  /** Field → the value the server held before and the one it stored. */
  changes: z.record(z.string(), z.object({ old: jsonValue(), new: jsonValue() })),
  enteredOnBehalf: z.boolean(),
});
export type RecordHistoryEntry = z.output<typeof recordHistoryEntrySchema>;

/** The newest versions a history answer holds: a record edited thousands of times is not sent whole. */
export const MAX_HISTORY_ENTRIES = 500;

/** Newest first; `older` when the record has versions before those sent. */
export const recordHistoryResponseSchema = z.object({ history: z.array(recordHistoryEntrySchema).max(MAX_HISTORY_ENTRIES), older: z.boolean().optional() });
export type RecordHistoryResponse = z.output<typeof recordHistoryResponseSchema>;

/** What a write did to a record, from its deleted flag before (undefined: it did not exist) and after. */
export function historyOpOf(deletedBefore: boolean | undefined, deletedAfter: boolean): HistoryOp {
  if (deletedBefore === undefined) return 'create';
  if (deletedBefore !== deletedAfter) return deletedAfter ? 'delete' : 'restore';
  return 'update';
}
