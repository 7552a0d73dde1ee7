/**
 * The sign-offs of the exported LAOs and fiscal year as a sheet of its own
 * (issue 17): who signed each task's period off and when, and who reopened it,
 * when and why. One layout (layout.ts TableSheet) for the streamed raw
 * workbook and the styled ones alike.
 */
import { monthName, toBE } from '../../shared/calendar/fiscal';
import { bangkokDateOf } from '../../shared/calendar/isoDate';
import type { CalendarTask, SignOff } from '../../shared/calendar/index';
import type { Lao } from '../../shared/domain/reference';
import { sheetName, type TableSheet } from './layout';
import type { Wording } from './labels';

/** What every workbook's input may carry about sign-offs (ExportHeader.signOffs). */
export interface SignOffFacts {
  list: readonly SignOff[];
  users: ReadonlyArray<{ id: string; displayName: string }>;
  /** The calendar's tasks, to name each task; a task no longer in it is named by its code. */
  tasks: readonly CalendarTask[];
}

/** The sheet, or null when no exported LAO has a sign-off in the year. */
export function signOffSheet(w: Wording, input: { signOffs?: SignOffFacts; laos: readonly Lao[]; fiscalYear: number }, facts: TableSheet['facts']): TableSheet | null {
  if (!input.signOffs) return null;
  const l = w.labels.signOffs;
  const laos = new Map(input.laos.map((lao) => [lao.id, lao]));
  const names = new Map(input.signOffs.users.map((user) => [user.id, user.displayName]));
  const tasks = new Map(input.signOffs.tasks.map((task) => [task.id, task]));
  const rows = input.signOffs.list
    .filter((s) => s.fiscalYear === input.fiscalYear && laos.has(s.laoId))
    .sort((a, b) => laos.get(a.laoId)!.code.localeCompare(laos.get(b.laoId)!.code) || a.signedAt.localeCompare(b.signedAt));
  if (rows.length === 0) return null;
  const when = (iso: string | null) => (iso ? w.date(bangkokDateOf(new Date(iso))) : '');
  const who = (id: string | null) => (id ? names.get(id) ?? id : '');
  return {
    name: sheetName(l.sheet),
    title: l.title,
    facts,
    headers: [l.laoCode, l.lao, l.task, l.period, l.state, l.signedBy, l.signedOn, l.note, l.reopenedBy, l.reopenedOn, l.reason],
    formats: [],
    rowCount: rows.length,
    rows: rows.map((s) => {
      const lao = laos.get(s.laoId)!;
      const task = tasks.get(s.taskId);
      const period = s.month ? `${monthName(s.month.month, { locale: w.language, style: 'long' })} ${toBE(s.month.year)}` : l.wholePeriod;
      return [
        lao.code, w.name(lao), task ? w.localized(task.label) : s.taskId, period, s.reopenedAt ? l.reopened : l.signed,
        who(s.signedBy), when(s.signedAt), s.note, who(s.reopenedBy), when(s.reopenedAt), s.reopenReason ?? '',
      ];
    }),
    freezeColumns: 2,
  };
}
