import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { defaultTemplate, validateTemplate } from '../../../shared/calendar/index';
import { openLocalDb } from '../../data/db';
import {
  addTask, atTask, calendarFileText, changeCalendarDraft, discardCalendarDraft, draftIssues, draftToPublish, loadCalendarDraft, moveTask, newTask, readCalendarFile,
  removeTask, replaceTask, saveCalendarDraft, startDraft, taskWithMonths,
} from './draft';

const FY = 2571;
const draft = () => startDraft(defaultTemplate(FY), 3);

describe('the calendar draft', () => {
  it('moves, removes, adds and replaces tasks without touching the others', () => {
    const start = draft();
    const ids = start.template.tasks.map((t) => t.id);
    expect(moveTask(start, 0, 1).template.tasks.map((t) => t.id)).toEqual([ids[1], ids[0], ...ids.slice(2)]);
    expect(moveTask(start, 0, -1)).toBe(start);
    expect(removeTask(start, 2).template.tasks.map((t) => t.id)).toEqual(ids.filter((_, i) => i !== 2));
    const task = { ...newTask(start), label: { th: 'งานใหม่', en: 'New task' }, guidance: { th: 'ทำ', en: 'Do' } };
    const added = addTask(start, task);
    expect(added.template.tasks.at(-1)).toEqual(task);
    expect(validateTemplate(added.template).ok).toBe(true);
    expect(replaceTask(added, 0, { ...added.template.tasks[0]!, label: { th: 'ก', en: 'A' } }).template.tasks[0]!.label.th).toBe('ก');
    expect(start.baseVersion).toBe(3);
  });

  it('names each problem under its task, and a new task has a code no task has', () => {
    const start = draft();
    const clash = { ...newTask(start), id: start.template.tasks[0]!.id, label: { th: 'ก', en: 'A' }, guidance: { th: 'ก', en: 'A' } };
    const outside = { ...start.template.tasks[1]!, months: [{ year: 2000, month: 1 }] };
    const issues = draftIssues(replaceTask(addTask(start, clash), 1, outside));
    expect(issues.get(1)?.map((i) => i.code)).toEqual(['template.monthOutsideFiscalYear']);
    expect(issues.get(start.template.tasks.length)?.map((i) => [i.path, i.code])).toEqual([['id', 'template.duplicateTaskId']]);
    expect(new Set(start.template.tasks.map((t) => t.id)).has(newTask(start).id)).toBe(false);
  });

  it('keeps months in fiscal-year order and every month for an every-month task', () => {
    const task = newTask(draft());
    const chosen = taskWithMonths(task, [{ year: 2028, month: 3 }, { year: 2027, month: 11 }], false, FY);
    expect(chosen.months).toEqual([{ year: 2027, month: 11 }, { year: 2028, month: 3 }]);
    expect(taskWithMonths(task, [], true, FY).months).toHaveLength(12);
  });

  it('reads back its own export, carries another year to this one, and refuses anything else with codes', () => {
    const text = calendarFileText(defaultTemplate(FY));
    expect(readCalendarFile(text, FY)).toEqual({ ok: true, template: defaultTemplate(FY), movedFrom: null });
    const moved = readCalendarFile(calendarFileText(defaultTemplate(FY - 1)), FY);
    expect(moved.ok && moved.movedFrom).toBe(FY - 1);
    expect(moved.ok && validateTemplate(moved.template).ok).toBe(true);
    expect(readCalendarFile('{not json', FY)).toEqual({ ok: false, issues: [{ path: '', code: 'template.notJson' }] });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.anything().map((v) => JSON.stringify(v) ?? '')), (garbage) => {
        const read = readCalendarFile(garbage, FY);
        if (read.ok) expect(validateTemplate(read.template).ok).toBe(true);
        else expect(read.issues.every((i) => i.code.startsWith('template.'))).toBe(true);
      }),
    );
  });

  it('is kept on the laptop per fiscal year until discarded', async () => {
    const db = openLocalDb(`calendar-draft-${uuidv7()}`);
    const kept = { ...draft(), note: 'ย้ายเดือน' };
    await saveCalendarDraft(db, kept);
    expect(await loadCalendarDraft(db, FY)).toEqual(kept);
    expect(await loadCalendarDraft(db, FY + 1)).toBeNull();
    await discardCalendarDraft(db, FY);
    expect(await loadCalendarDraft(db, FY)).toBeNull();
    db.close();
    await db.delete();
  });

  it('changes made at once (two quick clicks, two windows) each build on the other, by task, not by a place drawn before', async () => {
    const db = openLocalDb(`calendar-draft-${uuidv7()}`);
    await saveCalendarDraft(db, draft());
    const ids = draft().template.tasks.map((t) => t.id);
    const third = ids[2]!;
    // ▲ twice on the third task, and the first task removed, all from the same drawn draft.
    await Promise.all([
      changeCalendarDraft(db, FY, atTask(third, (current, at) => moveTask(current, at, -1))),
      changeCalendarDraft(db, FY, atTask(third, (current, at) => moveTask(current, at, -1))),
      changeCalendarDraft(db, FY, atTask(ids[0]!, removeTask)),
      changeCalendarDraft(db, FY, (current) => current && { ...current, note: 'สองหน้าต่าง' }),
    ]);
    const stored = (await loadCalendarDraft(db, FY))!;
    expect(stored.template.tasks.map((t) => t.id)).toEqual([third, ids[1], ...ids.slice(3)]);
    expect(stored.note).toBe('สองหน้าต่าง');
    // A task removed meanwhile is left alone; no draft, nothing is made; a change that fails stores nothing.
    await changeCalendarDraft(db, FY, atTask('gone', removeTask));
    expect(await loadCalendarDraft(db, FY)).toEqual(stored);
    await expect(changeCalendarDraft(db, FY, () => { throw new Error('refused'); })).rejects.toThrow('refused');
    expect(await loadCalendarDraft(db, FY)).toEqual(stored);
    await discardCalendarDraft(db, FY);
    await changeCalendarDraft(db, FY, (current) => current && { ...current, note: 'x' });
    expect(await loadCalendarDraft(db, FY)).toBeNull();

    // Publish sends the draft drawn only while it is the one stored; the note typed is kept either way.
    await saveCalendarDraft(db, stored);
    const published = await draftToPublish(db, stored, 'หมายเหตุที่พิมพ์');
    expect(published).toEqual({ ...stored, note: 'หมายเหตุที่พิมพ์' });
    await changeCalendarDraft(db, FY, atTask(third, removeTask));
    expect(await draftToPublish(db, stored, 'หมายเหตุใหม่')).toBe('changed');
    expect(await loadCalendarDraft(db, FY)).toMatchObject({ note: 'หมายเหตุใหม่', template: { tasks: expect.not.arrayContaining([expect.objectContaining({ id: third })]) } });
    await discardCalendarDraft(db, FY);
    expect(await draftToPublish(db, stored, 'x')).toBeNull();
    db.close();
    await db.delete();
  });
});
