import { Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES } from '../../../shared/calendar/index';
import { useCalendar } from '../../data/calendars';
import { budgetProgress, disbursedShare, type BudgetRecords } from '../../../shared/export/budgetProgress';
import { useFormat } from '../../app/format';
import { localDb } from '../../data/db';
import { useProvinceCompletion, useProvinceReference } from '../../data/province';
import { useLocalName, useMonthLabel } from '../checklist/months';
import { CompletionState, StatusChip, percent } from '../checklist/status';
import { officerRows } from '../officers/officers';
import { districtProgress, laosMostBehind, monthlyProgress, yearOfMonths, yearStatusTally } from './dashboard';
import { PartialDataNotice } from '../sync/PartialDataNotice';

// The charts library loads with the dashboard, not with the app.
const DashboardCharts = lazy(() => import('./DashboardCharts'));

function Bar({ label, part, whole, share }: { label: string; part?: number; whole?: number; share?: number | null }) {
  const value = share === undefined ? percent(part ?? 0, whole ?? 0) : Math.round((share ?? 0) * 100);
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }} data-testid="dashboard-bar">
      <Typography variant="body2" sx={{ width: 200, flexShrink: 0 }} noWrap title={label}>{label}</Typography>
      <LinearProgress variant="determinate" value={value} sx={{ flex: 1, height: 12, borderRadius: 1 }} aria-label={label} />
      <Typography variant="body2" sx={{ width: 48, textAlign: 'right' }}>{value}%</Typography>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card variant="outlined" sx={{ breakInside: 'avoid' }}>
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>{title}</Typography>
        <Stack spacing={1}>{children}</Stack>
      </CardContent>
    </Card>
  );
}

export function DashboardPage() {
  const { t } = useTranslation('exports');
  const { t: tr } = useTranslation();
  const format = useFormat();
  const today = format.today();
  const monthLabel = useMonthLabel();
  const name = useLocalName();
  const reference = useProvinceReference();
  const snapshot = useProvinceCompletion(today.fiscalYear, today.iso);
  const { template } = useCalendar(today.fiscalYear);
  const records = useLiveQuery(async () => {
    const db = localDb();
    const [ordinances, ordinanceItems, contracts, disbursements] = await Promise.all([db.ordinances.toArray(), db.ordinanceItems.toArray(), db.contracts.toArray(), db.disbursements.toArray()]);
    return { ordinances, ordinanceItems, contracts, disbursements } as unknown as BudgetRecords;
  }, []);
  const laos = useMemo(() => reference?.laos ?? [], [reference]);
  const months = useMemo(() => monthlyProgress(template, laos, snapshot.results, today.iso), [template, laos, snapshot.results, today.iso]);
  const budget = useMemo(() => (records && reference ? budgetProgress(reference.laos, reference.districts, records, today.fiscalYear) : undefined), [records, reference, today.fiscalYear]);
  const officers = useMemo(
    () => officerRows(reference?.users ?? [], laos, template.tasks, snapshot.results, today.iso).sort((a, b) => percent(b.tally.complete, b.tally.due) - percent(a.tally.complete, a.tally.due)),
    [reference, laos, template, snapshot.results, today.iso],
  );
  const behind = useMemo(() => laosMostBehind(template, laos, snapshot.results), [template, laos, snapshot.results]);
  const yearTally = useMemo(() => yearStatusTally(template, laos, snapshot.results), [template, laos, snapshot.results]);
  const chartMonths = useMemo(() => yearOfMonths(template, laos, snapshot.results, today.iso), [template, laos, snapshot.results, today.iso]);
  const chartDistricts = useMemo(() => districtProgress(template, laos, reference?.districts ?? [], snapshot.results), [template, laos, reference, snapshot.results]);
  const quarters = useMemo(() => ([1, 2, 3, 4] as const).map((q) => (budget ? disbursedShare(budget.total, q) : null)), [budget]);

  return (
    // data-results: the day whose results the figures show, once computed for it (empty while stale).
    <Stack spacing={2.5} data-testid="dashboard-page" data-results={snapshot.ready && !snapshot.stale ? snapshot.asOf : ''}>
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography variant="h4" component="h1" sx={{ flex: 1 }}>{t('dashboard.title', { fy: today.fiscalYear })}</Typography>
        <Button startIcon={<PrintIcon />} onClick={() => window.print()} sx={{ displayPrint: 'none' }}>{t('dashboard.print')}</Button>
      </Stack>
      <PartialDataNotice />
      <CompletionState snapshot={snapshot} />
      {snapshot.ready ? (
        <Suspense fallback={<Box role="status"><Typography variant="body2" color="text.secondary">{t('dashboard.loadingCharts')}</Typography><LinearProgress /></Box>}>
          <DashboardCharts
            months={chartMonths}
            monthLabel={(year, month) => monthLabel(year, month, 'short')}
            districts={chartDistricts}
            districtName={name}
            officers={officers.map((o) => ({ name: o.user.displayName, tally: o.tally }))}
            quarters={quarters}
          />
        </Suspense>
      ) : null}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
        <Section title={t('dashboard.progress')}>
          {months.map((m) => <Bar key={`${m.year}-${m.month}`} label={monthLabel(m.year, m.month)} part={m.tally.complete} whole={m.tally.due} />)}
        </Section>
        <Section title={t('dashboard.officers')}>
          {officers.length === 0 ? <Typography color="text.secondary">{t('dashboard.none')}</Typography> : null}
          {officers.map((o) => <Bar key={o.user.id} label={o.user.displayName} part={o.tally.complete} whole={o.tally.due} />)}
        </Section>
        <Section title={t('dashboard.yearStatus')}>
          <Typography variant="body2" color="text.secondary">{t('dashboard.yearStatusNote')}</Typography>
          {TASK_STATUSES.map((status) => (
            <Stack key={status} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="dashboard-status" data-status={status}>
              <Box sx={{ flex: 1 }}><StatusChip status={status} /></Box>
              <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>{format.integer(yearTally[status])}</Typography>
            </Stack>
          ))}
        </Section>
        <Section title={t('dashboard.disbursementByDistrict')}>
          {(budget?.districts ?? []).map((d) => <Bar key={d.district.code} label={name(d.district)} share={disbursedShare(d.subtotal, 4)} />)}
        </Section>
        <Section title={t('dashboard.disbursementByType')}>
          {(budget?.byType ?? []).map((d) => <Bar key={d.type} label={tr(`laoType.${d.type}`)} share={disbursedShare(d.subtotal, 4)} />)}
        </Section>
        <Section title={t('dashboard.behind')}>
          {behind.length === 0 ? <Typography color="text.secondary">{t('dashboard.none')}</Typography> : null}
          {behind.map((b) => (
            <Stack key={b.lao.id} direction="row" spacing={1} data-testid="dashboard-behind">
              <Typography variant="body2" sx={{ flex: 1 }}>{b.lao.code} {name(b.lao)}</Typography>
              <Typography variant="body2" color="error">{t('dashboard.overdue', { count: b.tally.overdue })}</Typography>
            </Stack>
          ))}
        </Section>
      </Box>
    </Stack>
  );
}
