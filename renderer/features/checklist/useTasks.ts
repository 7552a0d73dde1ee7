import { useMemo } from 'react';
import { fiscalYearOfMonth } from '../../../shared/calendar/fiscal';
import { tasksForMonth, type CalendarTask, type CalendarTemplate } from '../../../shared/calendar/index';
import { useCalendar } from '../../data/calendars';

/** The fiscal year's calendar in force (published, or the seed) and the tasks of a month (or of the whole year), stable across renders. */
export function useCalendarTasks(year: number, month: number, wholeYear = false): { template: CalendarTemplate; tasks: CalendarTask[] } {
  const fiscalYear = fiscalYearOfMonth(year, month);
  const { template } = useCalendar(fiscalYear);
  const tasks = useMemo(() => (wholeYear ? template.tasks : tasksForMonth(template, year, month)), [template, year, month, wholeYear]);
  return { template, tasks };
}
