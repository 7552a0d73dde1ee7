import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeFields, sameValue } from './merge';
import { changedFields, editOnBase } from './rebase';

const seen = { id: 'r1', version: 2, name: 'เดิม', participants: 50, budget: 1000, note: null };

describe('editOnBase', () => {
  it('keeps a field someone else changed while the form was open, and sends only what the user changed', () => {
    const current = { ...seen, version: 3, name: 'ชื่อใหม่ของเพื่อน' };
    const edit = editOnBase(seen, current, { ...seen, participants: 77 });
    expect(edit.record).toMatchObject({ name: 'ชื่อใหม่ของเพื่อน', participants: 77, version: 2 });
    expect(edit.changes).toEqual({ participants: { old: 50, new: 77 } });
    expect(edit.conflicts).toEqual([]);
  });

  it('sends a field both changed with the value the user saw, so the server makes it a conflict', () => {
    const current = { ...seen, version: 3, name: 'ชื่อของเพื่อน' };
    const edit = editOnBase(seen, current, { ...seen, name: 'ชื่อของฉัน' });
    expect(edit.changes).toEqual({ name: { old: 'เดิม', new: 'ชื่อของฉัน' } });
    expect(edit.conflicts).toEqual(['name']);
    const merged = mergeFields({ name: 'เดิม' }, current, { name: 'ชื่อของฉัน' });
    expect(Object.keys(merged.conflicts)).toEqual(['name']);
  });

  it('sends nothing for a change someone else already made', () => {
    const current = { ...seen, version: 3, budget: 2000 };
    expect(editOnBase(seen, current, { ...seen, budget: 2000 }).changes).toEqual({});
  });

  it('without a view of its own, edits against the stored record as before', () => {
    const edit = editOnBase(undefined, seen, { ...seen, note: 'x' });
    expect(edit.changes).toEqual({ note: { old: null, new: 'x' } });
  });

  it('a new record sends every field it has', () => {
    expect(editOnBase(undefined, undefined, { id: 'n', name: 'a', skipped: undefined, version: 0 }).changes).toEqual({ id: { old: null, new: 'n' }, name: { old: null, new: 'a' } });
  });

  it('never silently undoes a change made underneath: each ends kept, or sent with the value the user saw', () => {
    const value = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 3 }), fc.constantFrom('a', 'b'));
    const record = fc.record({ a: value, b: value, c: value, d: value });
    fc.assert(
      fc.property(record, record, record, (base, current, edited) => {
        const edit = editOnBase(base, current, edited);
        for (const field of changedFields(base, current)) {
          const kept = sameValue(edit.record[field], current[field as keyof typeof current]);
          const sentAsConflict = edit.conflicts.includes(field) && sameValue(edit.changes[field]!.old, base[field as keyof typeof base]);
          expect(kept || sentAsConflict, field).toBe(true);
          // The server applies the change only where it still holds what the user saw: never here.
          if (!kept) expect(mergeFields({ [field]: edit.changes[field]!.old }, current, { [field]: edit.changes[field]!.new }).apply).toEqual({});
        }
        // What the user changed is what is stored and sent.
        for (const field of changedFields(base, edited)) expect(sameValue(edit.record[field], edited[field as keyof typeof edited])).toBe(true);
      }),
    );
  });
});
