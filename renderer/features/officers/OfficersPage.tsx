import { Alert, Box, Card, Chip, LinearProgress, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { parseIsoDate } from '../../../shared/calendar/fiscal';
import { useFormat } from '../../app/format';
import { useProvinceCompletion, useProvinceReference } from '../../data/province';
import { DemoBanner } from '../home/DemoBanner';
import { useIsDemo } from '../../data/session';
import { useCalendarTasks } from '../checklist/useTasks';
import { useMonthLabel } from '../checklist/months';
import { CompletionFailedNote, STATUS_STYLE, percent } from '../checklist/status';
import type { StatusTally } from '../../../shared/calendar/index';
import { officerRows } from './officers';
import { DOC_STYLE, DocsChip } from './DocsChip';

/** Percent complete of the due tasks, and how many have not begun yet. */
function Progress({ tally, ready, kind }: { tally: StatusTally | undefined; ready: boolean; kind: 'month' | 'year' }) {
  const { t } = useTranslation('calendar');
  if (!ready || !tally) return <LinearProgress />;
  const pct = percent(tally.complete, tally.due);
  return (
    <Stack spacing={0.25}>
      {tally.due === 0 ? <Typography variant="body2" color="text.secondary">{t('officers.noTasks')}</Typography> : (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <LinearProgress variant="determinate" value={pct} aria-hidden sx={{ flexGrow: 1, height: 8, borderRadius: 4 }} />
          <Typography variant="body2" sx={{ width: 44, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }} data-testid={kind === 'month' ? 'officer-percent' : 'officer-year-percent'}>{pct}%</Typography>
        </Stack>
      )}
      {tally.not_yet_due > 0 ? (
        <Typography variant="caption" sx={{ color: STATUS_STYLE.not_yet_due.color }} data-testid="officer-not-yet-due" data-status="not_yet_due">
          {t('officers.notYetDue', { count: tally.not_yet_due })}
        </Typography>
      ) : null}
    </Stack>
  );
}

export function OfficersPage() {
  const { t } = useTranslation('calendar');
  const format = useFormat();
  const today = format.today();
  const asOf = today.iso;
  const monthLabel = useMonthLabel();
  const ymd = parseIsoDate(today.iso)!;
  const reference = useProvinceReference();
  const isDemo = useIsDemo();
  const snapshot = useProvinceCompletion(today.fiscalYear, today.iso);
  const { template, tasks } = useCalendarTasks(ymd.year, ymd.month);
  // Cheap (officers × their LAOs × a year's tasks); no memo needed.
  const rows = officerRows(reference?.users ?? [], reference?.laos ?? [], tasks, snapshot.results, asOf);
  const year = new Map(officerRows(reference?.users ?? [], reference?.laos ?? [], template.tasks, snapshot.results, asOf).map((row) => [row.user.id, row.tally]));
  if (!reference) return <LinearProgress />;
  const count = (status: string) => rows.filter((row) => row.docs.status === status).length;
  return (
    // data-results: the day whose results the figures show, once computed for it (empty while stale).
    <Stack spacing={3} data-testid="officers-page" data-results={snapshot.ready && !snapshot.stale ? snapshot.asOf : ''}>
      <DemoBanner />
      <CompletionFailedNote snapshot={snapshot} />
      <Box>
        <Typography variant="h4" component="h1">{t('officers.title')}</Typography>
        <Typography color="text.secondary">{t('officers.intro')}</Typography>
      </Box>
      {/* The demo lets anyone look at this page and says so; on server data its "(shown in the demo)" would be untrue. */}
      {isDemo ? <Alert severity="info" variant="outlined">{t('officers.supervisorOnly')}</Alert> : null}
      {rows.length === 0 ? <Alert severity="info">{t('officers.none')}</Alert> : (
        <>
          <Stack direction="row" spacing={1}>
            <Chip label={t('officers.summaryOnTime', { count: count('on_time') })} sx={{ bgcolor: DOC_STYLE.on_time.bg, color: DOC_STYLE.on_time.color }} />
            <Chip label={t('officers.summaryLate', { count: count('late') + count('overdue') })} sx={{ bgcolor: DOC_STYLE.late.bg, color: DOC_STYLE.late.color }} data-testid="late-count" />
            <Chip label={t('officers.summaryPending', { count: count('pending') })} sx={{ bgcolor: DOC_STYLE.pending.bg, color: DOC_STYLE.pending.color }} />
          </Stack>
          <Card>
            <TableContainer>
              <Table size="small" data-testid="officer-table">
                <TableHead>
                  <TableRow>
                    <TableCell>{t('officers.name')}</TableCell>
                    <TableCell align="right">{t('officers.laos')}</TableCell>
                    <TableCell>{t('officers.signedOn')}</TableCell>
                    <TableCell>{t('officers.sentOn')}</TableCell>
                    <TableCell>{t('officers.dueOn')}</TableCell>
                    <TableCell>{t('officers.docsStatus')}</TableCell>
                    <TableCell sx={{ minWidth: 200 }}>{t('officers.monthProgress', { month: monthLabel(ymd.year, ymd.month) })}</TableCell>
                    <TableCell sx={{ minWidth: 200 }}>{t('officers.yearProgress', { fy: today.fiscalYear })}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((row) => (
                    <TableRow key={row.user.id} hover data-testid="officer-row" data-docs-status={row.docs.status}>
                      <TableCell>
                        <Typography sx={{ fontWeight: 600 }}>{row.user.displayName} {reference.currentUser?.id === row.user.id ? <Typography component="span" variant="body2" color="text.secondary">{t('officers.you')}</Typography> : null}</Typography>
                        <Typography variant="caption" color="text.secondary">{row.user.username}</Typography>
                      </TableCell>
                      <TableCell align="right">{format.integer(row.laoCount)}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.user.contractSignedOn ? format.date(row.user.contractSignedOn) : '–'}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.user.hiringDocsSentOn ? format.date(row.user.hiringDocsSentOn) : t('officers.notSent')}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{row.docs.dueOn ? format.date(row.docs.dueOn) : '–'}</TableCell>
                      <TableCell><DocsChip docs={row.docs} /></TableCell>
                      <TableCell><Progress tally={row.tally} ready={snapshot.ready} kind="month" /></TableCell>
                      <TableCell data-testid="officer-year"><Progress tally={year.get(row.user.id)} ready={snapshot.ready} kind="year" /></TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </Card>
        </>
      )}
    </Stack>
  );
}
