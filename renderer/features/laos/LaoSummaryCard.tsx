import { Box, Card, CardContent, Grid, LinearProgress, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import type { FiscalSummary } from '../../data/queries';
import { PLAN_STATUS_LABELS } from '../../../shared/domain/plan';

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">{label}</Typography>
      <Typography variant="subtitle1" component="p" data-testid={testId} sx={{ fontWeight: 600, lineHeight: 1.4, fontVariantNumeric: 'tabular-nums' }}>{value}</Typography>
    </Box>
  );
}

/** Plan period, ordinance total, committed, disbursed and % disbursed for the fiscal year. */
export function LaoSummaryCard({ summary, fiscalYear }: { summary: FiscalSummary; fiscalYear: number }) {
  const { t, i18n } = useTranslation('records');
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const format = useFormat();
  const percent = summary.percentDisbursed;
  return (
    <Card variant="outlined" data-testid="lao-summary">
      <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 } }}>
        <Typography variant="overline" color="text.secondary">{t('summary.title', { fy: fiscalYear })}</Typography>
        <Grid container spacing={1.5} sx={{ mt: 0.25 }}>
          <Grid size={{ xs: 6, md: 2.4 }}>
            <Figure testId="summary-plan" label={t('summary.plan')} value={summary.plan ? `${summary.plan.startYear}–${summary.plan.endYear} · ${PLAN_STATUS_LABELS[summary.plan.status][lang]}` : t('summary.none')} />
          </Grid>
          <Grid size={{ xs: 6, md: 2.4 }}>
            <Figure testId="summary-ordinance" label={t('summary.ordinanceTotal')} value={summary.ordinanceTotal === null ? t('summary.none') : format.baht(summary.ordinanceTotal)} />
          </Grid>
          <Grid size={{ xs: 6, md: 2.4 }}><Figure testId="summary-committed" label={t('summary.committed')} value={format.baht(summary.committed)} /></Grid>
          <Grid size={{ xs: 6, md: 2.4 }}><Figure testId="summary-disbursed" label={t('summary.disbursed')} value={format.baht(summary.disbursed)} /></Grid>
          <Grid size={{ xs: 12, md: 2.4 }}>
            <Figure testId="summary-percent" label={t('summary.percentDisbursed')} value={percent === null ? '—' : `${percent.toFixed(1)}%`} />
            {percent !== null && <LinearProgress variant="determinate" value={Math.min(100, percent)} sx={{ mt: 0.5, height: 6, borderRadius: 3 }} />}
          </Grid>
        </Grid>
      </CardContent>
    </Card>
  );
}
