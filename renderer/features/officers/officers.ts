/** Pure: each officer's contract-document status and share of complete work for a month's tasks. */
import type { Lao, User } from '../../../shared/domain/reference';
import { contractDocsStatus, type CalendarTask } from '../../../shared/calendar/index';
import type { LaoTaskResults } from '../../data/completionCache';

export interface OfficerRow {
  user: User;
  laoCount: number;
  docs: ReturnType<typeof contractDocsStatus>;
  complete: number;
  applicable: number;
}

export function officerRows(users: readonly User[], laos: readonly Lao[], tasks: readonly CalendarTask[], results: ReadonlyMap<string, LaoTaskResults>, asOf: string): OfficerRow[] {
  return users
    .filter((user) => user.role === 'officer')
    .map((user) => {
      const laoIds = user.laoIds ?? laos.map((lao) => lao.id);
      let complete = 0;
      let applicable = 0;
      for (const laoId of laoIds) {
        for (const task of tasks) {
          const status = results.get(laoId)?.[task.id]?.status;
          if (!status || status === 'not_applicable') continue;
          applicable += 1;
          if (status === 'complete') complete += 1;
        }
      }
      return { user, laoCount: laoIds.length, docs: contractDocsStatus(user, asOf), complete, applicable };
    })
    .sort((a, b) => a.user.username.localeCompare(b.user.username, 'en', { numeric: true }));
}
