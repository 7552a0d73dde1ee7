import { describe, expect, it } from 'vitest';
import type { SyncConflict } from '../../shared/sync/protocol';
import { conflictFields, defaultChoice, enqueue, openConflicts, resolvedInput, unseenConflicts } from './conflictResolution';

const RECORD_ID = '0190f0f0-0000-7000-8000-000000000001';

function conflict(overrides: Partial<SyncConflict> = {}): SyncConflict {
  return {
    id: '0190f0f0-0000-7000-8000-0000000000c1',
    table: 'antiDrugActivities',
    recordId: RECORD_ID,
    provinceCode: '99',
    laoId: 'lao-1',
    kind: 'fields',
    fields: { budget: { base: 100_000, server: 150_000, client: 175_000 } },
    serverVersion: 3,
    mutationId: 'm-1',
    author: 'officer-b',
    deviceId: 'device-b-0001',
    clientTime: '2026-11-25T03:00:00.000Z',
    createdAt: '2026-11-25T03:05:00.000Z',
    resolvedAt: null,
    resolvedBy: null,
    ...overrides,
  };
}

/** The record as the device holds it after the pull: the server's value stayed, the merged field is in. */
const current = { id: RECORD_ID, laoId: 'lao-1', provinceCode: '99', name: 'เดินรณรงค์', budget: 150_000, participants: 80, deleted: false, version: 3, updatedAt: 'x', updatedBy: 'y' };

describe('resolvedInput for a field conflict', () => {
  it('writes nothing when every field keeps the value the record holds', () => {
    const c = conflict();
    expect(resolvedInput(c, current, defaultChoice(c))).toEqual({ ok: true, input: null });
  });

  it('takes the other side’s value for the chosen field and leaves the rest as they are', () => {
    const c = conflict({ fields: { budget: { base: 1, server: 150_000, client: 175_000 }, name: { base: 'a', server: 'เดินรณรงค์', client: 'วิ่งรณรงค์' } } });
    const result = resolvedInput(c, current, { kind: 'fields', fields: { budget: { side: 'client' }, name: { side: 'server' } } });
    expect(result).toEqual({ ok: true, input: { ...current, budget: 175_000 } });
  });

  it('uses a typed value', () => {
    const result = resolvedInput(conflict(), current, { kind: 'fields', fields: { budget: { side: 'custom', value: 160_000 } } });
    expect(result.ok && result.input?.budget).toBe(160_000);
  });

  it('writes nothing when the chosen value is already the record’s (the other officer resolved it first)', () => {
    const synced = { ...current, budget: 175_000 };
    expect(resolvedInput(conflict(), synced, { kind: 'fields', fields: { budget: { side: 'client' } } })).toEqual({ ok: true, input: null });
  });

  it('cannot write a value into a record the device does not hold', () => {
    expect(resolvedInput(conflict(), undefined, { kind: 'fields', fields: { budget: { side: 'client' } } })).toEqual({ ok: false, error: { code: 'RECORD_MISSING' } });
  });

  it('refuses a record-level choice for a field conflict', () => {
    expect(resolvedInput(conflict(), current, { kind: 'record', keep: 'client' })).toEqual({ ok: false, error: { code: 'KIND_MISMATCH' } });
  });

  it('never lets a conflict rewrite the envelope', () => {
    const forged = conflict({ fields: { laoId: { base: 'lao-1', server: 'lao-1', client: 'lao-2' }, budget: { base: 1, server: 150_000, client: 175_000 } } });
    expect(conflictFields(forged)).toEqual(['budget']);
    const result = resolvedInput(forged, current, { kind: 'fields', fields: { laoId: { side: 'client' }, budget: { side: 'client' } } });
    expect(result.ok && result.input?.laoId).toBe('lao-1');
  });
});

describe('resolvedInput for edit against delete', () => {
  const deleted = { ...current, deleted: true };
  const c = conflict({ kind: 'edit_vs_delete', fields: { participants: { base: 80, server: 80, client: 95 } } });

  it('keeps it deleted without writing', () => {
    expect(defaultChoice(c)).toEqual({ kind: 'record', keep: 'server' });
    expect(resolvedInput(c, deleted, { kind: 'record', keep: 'server' })).toEqual({ ok: true, input: null });
  });

  it('restores it with the edit', () => {
    expect(resolvedInput(c, deleted, { kind: 'record', keep: 'client' })).toEqual({ ok: true, input: { ...deleted, deleted: false, participants: 95 } });
  });
});

describe('resolvedInput for delete against edit', () => {
  const c = conflict({ kind: 'delete_vs_edit', fields: { deleted: { base: false, server: false, client: true }, name: { base: null, server: 'แก้โดยคนอื่น', client: null } } });

  it('keeps the record with the other officer’s edits', () => {
    expect(conflictFields(c)).toEqual(['name']);
    expect(resolvedInput(c, current, { kind: 'record', keep: 'server' })).toEqual({ ok: true, input: null });
  });

  it('deletes it after all, touching no other field', () => {
    expect(resolvedInput(c, current, { kind: 'record', keep: 'client' })).toEqual({ ok: true, input: { ...current, deleted: true } });
  });
});

describe('the list of open conflicts', () => {
  const a = conflict({ id: 'a', createdAt: '2026-11-25T01:00:00.000Z' });
  const b = conflict({ id: 'b', createdAt: '2026-11-25T02:00:00.000Z' });
  const done = conflict({ id: 'c', resolvedAt: '2026-11-25T02:30:00.000Z', resolvedBy: 'u' });

  it('leaves out resolved conflicts and those decided here but not yet sent, newest first', () => {
    expect(openConflicts([a, b, done], []).map((c) => c.id)).toEqual(['b', 'a']);
    expect(openConflicts([a, b, done], [{ conflictId: 'b' }]).map((c) => c.id)).toEqual(['a']);
  });

  it('keeps one decision per conflict in the queue, the latest', () => {
    const first = enqueue([], { conflictId: 'a', at: '1', by: 'u' });
    const again = enqueue(enqueue(first, { conflictId: 'b', at: '2', by: 'u' }), { conflictId: 'a', at: '3', by: 'u' });
    expect(again).toEqual([{ conflictId: 'b', at: '2', by: 'u' }, { conflictId: 'a', at: '3', by: 'u' }]);
  });

  it('adds only the server’s conflicts this device has never held', () => {
    expect(unseenConflicts([a, done], [a, b, conflict({ id: 'c' })]).map((c) => c.id)).toEqual(['b']);
  });
});

describe('resolvedInput for a record created twice for one period', () => {
  const duplicate = conflict({ table: 'fiscalStats', kind: 'duplicate', fields: { budget: { base: null, server: 150_000, client: 175_000 }, participants: { base: null, server: 80, client: 90 } } });

  it('starts with every field of the kept record, and is decided field by field', () => {
    expect(defaultChoice(duplicate)).toEqual({ kind: 'fields', fields: { budget: { side: 'server' }, participants: { side: 'server' } } });
    expect(resolvedInput(duplicate, current, defaultChoice(duplicate))).toEqual({ ok: true, input: null });
    expect(resolvedInput(duplicate, current, { kind: 'record', keep: 'client' })).toEqual({ ok: false, error: { code: 'KIND_MISMATCH' } });
  });

  it('takes the chosen values of the copy into the kept record', () => {
    const result = resolvedInput(duplicate, current, { kind: 'fields', fields: { budget: { side: 'client' }, participants: { side: 'server' } } });
    expect(result).toEqual({ ok: true, input: { ...current, budget: 175_000 } });
  });
});
