/**
 * What a person's choices on the conflict screen mean for the record: pure
 * functions, so the screen only collects choices and the write path stays
 * saveRecord (the resolution then syncs like any edit, with history).
 */
import { PLACE_FIELDS, STAMP_FIELDS } from '../../shared/domain/record';
import { sameValue } from '../../shared/sync/merge';
import type { SyncConflict } from '../../shared/sync/protocol';

/** Per field of a field conflict: keep what the record holds now, take the other side's value, or a new value. */
export type FieldChoice = { side: 'server' } | { side: 'client' } | { side: 'custom'; value: unknown };

/**
 * For edit-vs-delete and delete-vs-edit the choice is the whole record:
 * 'server' keeps what the server holds (deleted, or the record with the
 * other officer's edits), 'client' carries out the conflicting change
 * (restore with the edit, or delete after all).
 */
export type ConflictChoice =
  | { kind: 'fields'; fields: Record<string, FieldChoice> }
  | { kind: 'record'; keep: 'server' | 'client' };

/** Record fields the server owns; a conflict never resolves them. */
const SERVER_OWNED = new Set<string>([...PLACE_FIELDS, ...STAMP_FIELDS]);

/** The fields a person decides on, in the conflict's order, without the tombstone flag. */
export function conflictFields(conflict: Pick<SyncConflict, 'fields'>): string[] {
  return Object.keys(conflict.fields).filter((field) => field !== 'deleted' && !SERVER_OWNED.has(field));
}

/**
 * Whether a person decides field by field: a clash of fields, or a record
 * created twice for one period, whose copy's values can be taken one by one
 * into the record the server kept. The others are one decision about the record.
 */
export function choosesFields(kind: SyncConflict['kind']): boolean {
  return kind === 'fields' || kind === 'duplicate';
}

/** Nothing changes until the person decides: every field keeps the record's current value. */
export function defaultChoice(conflict: Pick<SyncConflict, 'kind' | 'fields'>): ConflictChoice {
  if (!choosesFields(conflict.kind)) return { kind: 'record', keep: 'server' };
  return { kind: 'fields', fields: Object.fromEntries(conflictFields(conflict).map((field) => [field, { side: 'server' } as FieldChoice])) };
}

/** Why a choice cannot be applied, apart from the write's own errors (renderer/data/records.ts). */
export const RESOLVE_ERROR_CODES = ['RECORD_MISSING', 'KIND_MISMATCH'] as const;
export type ResolveError = { code: (typeof RESOLVE_ERROR_CODES)[number] };

/**
 * The record input to save for a choice, or null when the chosen state is
 * what the record already holds (the conflict is then only marked resolved).
 * `current` is the local record as it is now: the server's state with any
 * pending local edits replayed on top.
 */
export function resolvedInput(
  conflict: Pick<SyncConflict, 'kind' | 'fields' | 'recordId'>,
  current: Record<string, unknown> | undefined,
  choice: ConflictChoice,
): { ok: true; input: Record<string, unknown> | null } | { ok: false; error: ResolveError } {
  if (choosesFields(conflict.kind) !== (choice.kind === 'fields')) return { ok: false, error: { code: 'KIND_MISMATCH' } };
  if (choice.kind === 'record' && choice.keep === 'server') return { ok: true, input: null };
  if (!current) return { ok: false, error: { code: 'RECORD_MISSING' } };
  const input: Record<string, unknown> = { ...current, id: conflict.recordId };
  if (choice.kind === 'record') {
    if (conflict.kind === 'delete_vs_edit') input.deleted = true;
    else {
      // Restore with the edit: the tombstone goes and the officer's values come back.
      input.deleted = false;
      for (const field of conflictFields(conflict)) input[field] = conflict.fields[field]!.client;
    }
  } else {
    for (const field of conflictFields(conflict)) {
      const picked = choice.fields[field] ?? { side: 'server' };
      if (picked.side === 'client') input[field] = conflict.fields[field]!.client;
      else if (picked.side === 'custom') input[field] = picked.value;
    }
  }
  return { ok: true, input: changesAnything(current, input) ? input : null };
}

function changesAnything(current: Record<string, unknown>, input: Record<string, unknown>): boolean {
  return Object.keys(input).some((field) => !SERVER_OWNED.has(field) && !sameValue(current[field], input[field]));
}

/** A queued resolution: made on this device, sent to the server by the next sync. */
export interface QueuedResolution {
  conflictId: string;
  /** Device time of the decision. */
  at: string;
  by: string;
  /** The outbox entry that carries the chosen values, when the decision wrote any: the decision goes after it. */
  mutationId?: string;
}

/**
 * The conflicts still waiting for a person: open on the server (as far as
 * this device knows), not resolved here while offline, newest first.
 */
export function openConflicts(conflicts: readonly SyncConflict[], queued: readonly Pick<QueuedResolution, 'conflictId'>[]): SyncConflict[] {
  const done = new Set(queued.map((entry) => entry.conflictId));
  const byId = new Map<string, SyncConflict>();
  for (const conflict of conflicts) {
    if (conflict.resolvedAt !== null || done.has(conflict.id)) continue;
    byId.set(conflict.id, conflict);
  }
  return [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

/** Adds a decision to the queue once; a second decision on the same conflict replaces the first. */
export function enqueue(queue: readonly QueuedResolution[], entry: QueuedResolution): QueuedResolution[] {
  return [...queue.filter((queued) => queued.conflictId !== entry.conflictId), entry];
}

/** Conflicts fetched from the server that this device does not hold yet (a held one may already be resolved here). */
export function unseenConflicts(local: readonly Pick<SyncConflict, 'id'>[], fromServer: readonly SyncConflict[]): SyncConflict[] {
  const held = new Set(local.map((conflict) => conflict.id));
  return fromServer.filter((conflict) => !held.has(conflict.id));
}
