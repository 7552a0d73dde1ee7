/** Pure: each officer's contract-document status and the statuses of their LAOs' tasks. */
import type { Lao, User } from '../../../shared/domain/reference';
import { assignedLaoIds } from '../../../shared/domain/assignments';
import { contractDocsStatus, tallyResults, type CalendarTask, type StatusTally } from '../../../shared/calendar/index';
import type { LaoTaskResults } from '../../../shared/calendar/completionCache';

export interface OfficerRow {
  user: User;
  laoCount: number;
  docs: ReturnType<typeof contractDocsStatus>;
  /** The tasks × the officer's LAOs by status. */
  tally: StatusTally;
}

export function officerRows(users: readonly User[], laos: readonly Lao[], tasks: readonly CalendarTask[], results: ReadonlyMap<string, LaoTaskResults>, asOf: string): OfficerRow[] {
  return users
    .filter((user) => user.role === 'officer')
    .map((user) => {
      const laoIds = assignedLaoIds(user, laos);
      const tally = tallyResults(results, laoIds, tasks);
      return { user, laoCount: laoIds.length, docs: contractDocsStatus(user, asOf), tally };
    })
    .sort((a, b) => a.user.username.localeCompare(b.user.username, 'en', { numeric: true }));
}
