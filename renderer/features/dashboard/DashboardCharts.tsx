/**
 * The dashboard's charts (issue 15 item 8), with MUI's own @mui/x-charts:
 * the year's tasks month by month by status, completion per district and per
 * officer, and the province's disbursement by quarter. Loaded only when the
 * dashboard opens (React.lazy), so the rest of the app does not carry them.
 * Every chart has its figures as a table for screen readers and print, and
 * as data attributes the tests read.
 */
import { Box, Card, CardContent, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslation } from 'react-i18next';
import { completeShare, type StatusTally, type TaskStatus } from '../../../shared/calendar/index';
import { STATUS_STYLE } from '../checklist/status';
import type { DistrictProgress, MonthProgress } from './dashboard';

/** Statuses stacked in the month chart, the most urgent nearest the axis; not applicable is not a bar. */
const STACKED: readonly TaskStatus[] = ['overdue', 'not_started', 'in_progress', 'complete', 'not_yet_due'];

export interface ChartsProps {
  months: readonly MonthProgress[];
  monthLabel: (year: number, month: number) => string;
  districts: readonly DistrictProgress[];
  districtName: (district: DistrictProgress['district']) => string;
  officers: ReadonlyArray<{ name: string; tally: StatusTally }>;
  /** Share of the ordinance totals disbursed by the end of each quarter, 0..1; null without a budget. */
  quarters: ReadonlyArray<number | null>;
}

const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** A visually hidden table of a chart's figures: what a screen reader reads and a test checks. */
function FiguresTable({ caption, headers, rows }: { caption: string; headers: string[]; rows: Array<Array<string | number | null>> }) {
  return (
    <Box component="table" sx={{ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
      <caption>{caption}</caption>
      <thead><tr>{headers.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
      <tbody>{rows.map((row, i) => <tr key={i}>{row.map((cell, j) => <td key={j}>{cell ?? '–'}</td>)}</tr>)}</tbody>
    </Box>
  );
}

function ChartCard({ title, testId, values, children }: { title: string; testId: string; values: unknown; children: React.ReactNode }) {
  return (
    <Card variant="outlined" sx={{ breakInside: 'avoid', position: 'relative' }} data-testid={testId} data-values={JSON.stringify(values)}>
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>{title}</Typography>
        {children}
      </CardContent>
    </Card>
  );
}

export default function DashboardCharts({ months, monthLabel, districts, districtName, officers, quarters }: ChartsProps) {
  const { t } = useTranslation('exports');
  const { t: tc } = useTranslation('calendar');
  const percentAxis = [{ min: 0, max: 100, valueFormatter: (v: number | null) => `${v ?? 0}%` }];
  const share = (tally: StatusTally) => pct(completeShare(tally));
  const monthNames = months.map((m) => monthLabel(m.year, m.month));
  const districtNames = districts.map((d) => districtName(d.district));
  const quarterNames = [1, 2, 3, 4].map((q) => t('dashboard.quarter', { q }));
  const barHeight = (n: number) => Math.max(160, 44 + n * 30);

  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
      <Box sx={{ gridColumn: { lg: '1 / -1' } }}>
        <ChartCard title={t('dashboard.chartMonths')} testId="chart-months" values={months.map((m) => ({ year: m.year, month: m.month, complete: m.tally.complete, due: m.tally.due, total: m.tally.total }))}>
          <BarChart
            height={300}
            xAxis={[{ scaleType: 'band', data: monthNames, tickLabelStyle: { fontSize: 12 } }]}
            series={STACKED.map((status) => ({ id: status, label: tc(`status.${status}`), stack: 'status', color: STATUS_STYLE[status].color, data: months.map((m) => m.tally[status]) }))}
            slotProps={{ legend: { position: { vertical: 'bottom', horizontal: 'center' } } }}
          />
          <FiguresTable
            caption={t('dashboard.chartMonths')}
            headers={[tc('month.label'), ...STACKED.map((s) => tc(`status.${s}`))]}
            rows={months.map((m, i) => [monthNames[i]!, ...STACKED.map((s) => m.tally[s])])}
          />
        </ChartCard>
      </Box>
      <ChartCard title={t('dashboard.chartDistricts')} testId="chart-districts" values={districts.map((d) => ({ code: d.district.code, percent: share(d.tally) }))}>
        <BarChart
          height={barHeight(districts.length)}
          layout="horizontal"
          yAxis={[{ scaleType: 'band', data: districtNames, width: 110 }]}
          xAxis={percentAxis}
          series={[{ label: t('dashboard.completePercent'), color: STATUS_STYLE.complete.color, data: districts.map((d) => share(d.tally)), valueFormatter: (v) => (v === null ? '–' : `${v}%`) }]}
          hideLegend
        />
        <FiguresTable caption={t('dashboard.chartDistricts')} headers={[t('dashboard.district'), t('dashboard.completePercent')]} rows={districts.map((d, i) => [districtNames[i]!, share(d.tally)])} />
      </ChartCard>
      <ChartCard title={t('dashboard.chartOfficers')} testId="chart-officers" values={officers.map((o) => ({ name: o.name, percent: share(o.tally) }))}>
        {officers.length === 0 ? <Typography color="text.secondary">{t('dashboard.none')}</Typography> : (
          <BarChart
            height={barHeight(officers.length)}
            layout="horizontal"
            yAxis={[{ scaleType: 'band', data: officers.map((o) => o.name), width: 150 }]}
            xAxis={percentAxis}
            series={[{ label: t('dashboard.completePercent'), color: '#23307a', data: officers.map((o) => share(o.tally)), valueFormatter: (v) => (v === null ? '–' : `${v}%`) }]}
            hideLegend
          />
        )}
        <FiguresTable caption={t('dashboard.chartOfficers')} headers={[t('dashboard.officer'), t('dashboard.completePercent')]} rows={officers.map((o) => [o.name, share(o.tally)])} />
      </ChartCard>
      <ChartCard title={t('dashboard.chartQuarters')} testId="chart-quarters" values={quarters.map((q) => pct(q))}>
        <BarChart
          height={240}
          xAxis={[{ scaleType: 'band', data: quarterNames }]}
          yAxis={percentAxis}
          series={[{ label: t('dashboard.disbursedPercent'), color: '#8a5a00', data: quarters.map((q) => pct(q)), valueFormatter: (v) => (v === null ? '–' : `${v}%`) }]}
          hideLegend
        />
        <FiguresTable caption={t('dashboard.chartQuarters')} headers={[t('dashboard.quarterColumn'), t('dashboard.disbursedPercent')]} rows={quarters.map((q, i) => [quarterNames[i]!, pct(q)])} />
      </ChartCard>
    </Box>
  );
}
