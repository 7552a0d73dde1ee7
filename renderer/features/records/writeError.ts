/** What a refused local write says to the user, in one place for every form and list. */
import { useTranslation } from 'react-i18next';
import { bangkokDateOf } from '../../../shared/calendar/isoDate';
import { useFormat } from '../../app/format';
import { calendarInForce } from '../../data/calendars';
import { useProvinceReference } from '../../data/province';
import type { WriteError } from '../../data/records';

export function useWriteErrorText(): (error: WriteError | { code: 'QUOTA_EXCEEDED' | 'WRITE_FAILED' | 'NOT_FOUND' }) => string {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const reference = useProvinceReference();
  return (error) => {
    if (error.code === 'QUOTA_EXCEEDED') return t('form.quotaExceeded');
    if (error.code === 'PERIOD_SIGNED_OFF' && 'signOff' in error) {
      const { signOff } = error;
      const task = calendarInForce(signOff.fiscalYear).template.tasks.find((candidate) => candidate.id === signOff.taskId);
      return t('form.periodSignedOff', {
        task: task ? task.label[i18n.language === 'en' ? 'en' : 'th'] : signOff.taskId,
        by: reference?.users.find((user) => user.id === signOff.signedBy)?.displayName ?? signOff.signedBy,
        date: format.date(bangkokDateOf(new Date(signOff.signedAt))),
      });
    }
    return t('form.saveFailed', { code: error.code });
  };
}
