/**
 * The colour of each completion status, for the screens (status.tsx) and the
 * workbooks (export/sheet.ts) alike. Plain data: the export worker imports it
 * without React or MUI.
 */
import type { TaskStatus } from '../../../shared/calendar/index';

/** Foreground (AA contrast on white and on the tint) and a pale tint for cells. */
export const STATUS_COLOURS: Readonly<Record<TaskStatus, { color: string; tint: string }>> = {
  overdue: { color: '#b71c1c', tint: '#fbe3e3' },
  not_started: { color: '#4f5563', tint: '#eceef3' },
  in_progress: { color: '#8a5300', tint: '#fdf0d8' },
  // Calm blue: a task whose months have not begun is no problem, unlike overdue.
  not_yet_due: { color: '#1d5b8f', tint: '#e3eef8' },
  complete: { color: '#1b5e20', tint: '#e3f1e4' },
  not_applicable: { color: '#80868f', tint: '#f7f7f9' },
};
