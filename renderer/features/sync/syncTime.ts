import { bangkokDateOf } from '../../../shared/calendar/fiscal';
import type { Formatters } from '../../app/format';

/** '25 พ.ย. 2569 14:05' (B.E. date, Bangkok time). */
export function formatSyncTime(iso: string, format: Formatters): string {
  const at = new Date(iso);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Bangkok', hour12: false }).format(at);
  return `${format.date(bangkokDateOf(at))} ${time}`;
}
