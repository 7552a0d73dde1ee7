import { Alert } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import type { FiscalSummary } from '../../data/queries';

/** The items' allocations against the ordinance's total. */
export function OrdinanceBalance({ summary }: { summary: FiscalSummary }) {
  const { t } = useTranslation('records');
  const format = useFormat();
  if (summary.ordinanceTotal === null) return <Alert severity="info" sx={{ mb: 1.5 }}>{t('ordinanceItems.noOrdinance')}</Alert>;
  const difference = summary.ordinanceTotal - summary.itemsAllocated;
  const severity = difference === 0 ? 'success' : difference < 0 ? 'error' : 'warning';
  return (
    <Alert severity={severity} sx={{ mb: 1.5 }} data-testid="ordinance-balance">
      {t('ordinanceItems.balance', { sum: format.baht(summary.itemsAllocated), total: format.baht(summary.ordinanceTotal) })}
      {difference !== 0 && ` · ${t(difference > 0 ? 'ordinanceItems.unallocated' : 'ordinanceItems.overAllocated', { amount: format.baht(Math.abs(difference)) })}`}
    </Alert>
  );
}
