import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ContractDocsStatus } from '../../../shared/calendar/index';

export const DOC_STYLE = {
  on_time: { color: '#1b5e20', bg: '#e3f1e4' },
  late: { color: '#b71c1c', bg: '#fbe3e3' },
  overdue: { color: '#b71c1c', bg: '#fbe3e3' },
  pending: { color: '#8a5300', bg: '#fdf0d8' },
  not_applicable: { color: '#4f5563', bg: '#eceef3' },
} as const;

/** The 15-day rule of the hiring documents (seed note 2) as a coloured chip, with the days late. */
export function DocsChip({ docs, testId }: { docs: ContractDocsStatus; testId?: string }) {
  const { t } = useTranslation('calendar');
  const style = DOC_STYLE[docs.status];
  const late = docs.daysLate ? ` ${t('officers.daysLate', { count: docs.daysLate })}` : '';
  return <Chip size="small" data-testid={testId} data-status={docs.status} label={`${t(`docs.${docs.status}`)}${late}`} sx={{ bgcolor: style.bg, color: style.color, fontWeight: 600 }} />;
}
