import { describe, expect, it } from 'vitest';
import type { Lao } from '../../../shared/domain/reference';
import type { CalendarTask, TaskResult } from '../../../shared/calendar/index';
import { laosInScope, summarizeTask } from './checklist';
import { buildMatrix } from '../matrix/matrix';
import { officerRows } from '../officers/officers';

const lao = (n: number, type: Lao['type'] = 'SAO', districtCode = '9901'): Lao => ({
  id: `00000000-0000-7000-8000-00000000000${n}`, code: `99010${String(n).padStart(2, '0')}`, type, nameTh: `อบต.${n}`, nameEn: `SAO ${n}`, provinceCode: '99', districtCode,
});
const task = { id: 'plan', months: [{ year: 2026, month: 11 }], everyMonth: false, label: { th: 'แผน', en: 'Plan' }, guidance: { th: '', en: '' } } as unknown as CalendarTask;
const r = (status: TaskResult['status'], done: number, total: number): TaskResult => ({ status, done, total, missing: [] });
const laos = [lao(1), lao(2), lao(3, 'SUBDISTRICT_MUNICIPALITY', '9902'), lao(4), lao(5)];
const results = new Map([
  [laos[0]!.id, { plan: r('complete', 4, 4) }],
  [laos[1]!.id, { plan: r('in_progress', 3, 4) }],
  [laos[2]!.id, { plan: r('overdue', 3, 4) }],
  [laos[3]!.id, { plan: r('in_progress', 1, 4) }],
  [laos[4]!.id, { plan: r('not_applicable', 0, 0) }],
]);
/** The same task before its months: one LAO finished early, the others are not yet due. */
const early = new Map([
  [laos[0]!.id, { plan: r('complete', 4, 4) }],
  [laos[1]!.id, { plan: r('not_yet_due', 3, 4) }],
  [laos[2]!.id, { plan: r('not_yet_due', 0, 4) }],
  [laos[3]!.id, { plan: r('not_applicable', 0, 0) }],
]);
const districts = [{ code: '9901', provinceCode: '99', nameTh: 'หนึ่ง', nameEn: 'One' }, { code: '9902', provinceCode: '99', nameTh: 'สอง', nameEn: 'Two' }];

describe('monthly checklist', () => {
  it('counts LAOs per status and sorts overdue first, then least done', () => {
    const summary = summarizeTask(task, laos, results);
    expect(summary.tally).toEqual({ complete: 1, in_progress: 2, not_started: 0, overdue: 1, not_applicable: 1, not_yet_due: 0, total: 5, due: 4 });
    expect(summary.rows.map((row) => row.lao.id)).toEqual([laos[2]!.id, laos[3]!.id, laos[1]!.id, laos[0]!.id, laos[4]!.id]);
  });

  it('counts not-yet-due LAOs apart, out of the due, and lists them after any to follow up, before the complete', () => {
    const summary = summarizeTask(task, laos, early);
    expect(summary.tally).toMatchObject({ complete: 1, not_yet_due: 2, not_applicable: 1, due: 1 });
    expect(summary.rows.map((row) => row.result.status)).toEqual(['not_yet_due', 'not_yet_due', 'complete', 'not_applicable']);
  });

  it("scopes to the officer's LAOs, or all of them", () => {
    expect(laosInScope(laos, [laos[1]!.id], true).map((l) => l.id)).toEqual([laos[1]!.id]);
    expect(laosInScope(laos, [laos[1]!.id], false)).toHaveLength(5);
    expect(laosInScope(laos, undefined, true)).toHaveLength(5);
  });
});

describe('province matrix', () => {
  it('groups by district with % complete per task and district, ignoring not-applicable cells', () => {
    const model = buildMatrix(laos, districts, [task], results, {});
    expect(model.groups.map((g) => [g.district.code, g.rows.length])).toEqual([['9901', 4], ['9902', 1]]);
    expect(model.groups[0]!.perTask).toMatchObject([{ complete: 1, due: 3 }]);
    expect(model.perTask).toMatchObject([{ complete: 1, due: 4 }]);
    expect(model.shown).toBe(5);
  });

  it('leaves not-yet-due cells out of percent complete and filters by them', () => {
    const model = buildMatrix(laos, districts, [task], early, {});
    expect(model.perTask).toMatchObject([{ complete: 1, not_yet_due: 2, due: 1 }]);
    const waiting = buildMatrix(laos, districts, [task], early, { status: 'not_yet_due' });
    expect(waiting.groups.flatMap((g) => g.rows.map((row) => row.lao.id))).toEqual([laos[1]!.id, laos[2]!.id]);
  });

  it('filters by district, type and status from cached results', () => {
    expect(buildMatrix(laos, districts, [task], results, { district: '9902' }).shown).toBe(1);
    expect(buildMatrix(laos, districts, [task], results, { type: 'SAO' }).shown).toBe(4);
    const overdue = buildMatrix(laos, districts, [task], results, { status: 'overdue' });
    expect(overdue.groups.flatMap((g) => g.rows.map((row) => row.lao.id))).toEqual([laos[2]!.id]);
  });
});

describe('officers', () => {
  it("reports contract documents and the share of complete work on the officer's LAOs", () => {
    const officer = { id: 'u1', username: 'demo-officer1', displayName: 'ก', role: 'officer' as const, provinceCodes: ['99'], laoIds: [laos[0]!.id, laos[1]!.id, laos[4]!.id], contractSignedOn: '2024-10-01', hiringDocsSentOn: '2024-10-20' };
    const [row] = officerRows([officer, { ...officer, id: 'u2', role: 'supervisor' }], laos, [task], results, '2026-11-25');
    expect(row).toMatchObject({ laoCount: 3, tally: { complete: 1, due: 2 }, docs: { status: 'late', dueOn: '2024-10-16', daysLate: 4 } });
    const [before] = officerRows([officer], laos, [task], early, '2026-11-25');
    expect(before!.tally).toMatchObject({ complete: 1, not_yet_due: 1, due: 1 });
  });
});
