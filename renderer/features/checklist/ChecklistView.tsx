import { Alert, Box, Button, Card, CardActionArea, CardContent, Grid, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { useUrlParams } from '../../app/useUrlParams';
import { useLastVisits, useProvinceCompletion, useProvinceReference } from '../../data/province';
import { isDue, judgedFiscalYear, needsFollowUp, TASK_STATUSES } from '../../../shared/calendar/index';
import { useCalendarTasks } from './useTasks';
import { laosInScope, summarizeTask, type LaoRow, type TaskSummary } from './checklist';
import { selectedMonth, useLocalName, useMonthLabel } from './months';
import { MonthPicker } from './MonthPicker';
import { CompletionState, STATUS_STYLE, StatusLegend, nothingDueStatus, percent } from './status';
import { TaskLaoList, type MissingItemsOf } from './TaskLaoList';
import { PartialDataNotice } from '../sync/PartialDataNotice';
import { SeenContext, signOffMonth, SignOffAllButton, SignOffMonthButton, useTaskSignOffs } from './SignOff';

/** The statuses that count toward percent complete, complete first. */
const BAR_ORDER = [...TASK_STATUSES].reverse().filter(isDue);
/** Every status but not applicable, which a checklist month does not need explained. */
const LEGEND = TASK_STATUSES.filter((status) => status !== 'not_applicable');

function StatusBar({ summary }: { summary: TaskSummary }) {
  const total = summary.tally.due || 1;
  return (
    <Box aria-hidden sx={{ display: 'flex', height: 8, borderRadius: 4, overflow: 'hidden', bgcolor: '#e6e8ef' }}>
      {BAR_ORDER.map((status) => (
        <Box key={status} sx={{ width: `${(summary.tally[status] / total) * 100}%`, bgcolor: STATUS_STYLE[status].color }} />
      ))}
    </Box>
  );
}

function Counts({ summary }: { summary: TaskSummary }) {
  const { t } = useTranslation('calendar');
  const format = useFormat();
  return (
    <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {TASK_STATUSES.filter((status) => isDue(status) || summary.tally[status] > 0).map((status) => (
        <Typography key={status} variant="body2" sx={{ color: STATUS_STYLE[status].color, fontWeight: 600 }} data-testid={`count-${status}`}>
          {t(`status.${status}`)} {format.integer(summary.tally[status])}
        </Typography>
      ))}
    </Stack>
  );
}

function TaskCard({ summary, selected, onSelect }: { summary: TaskSummary; selected: boolean; onSelect: () => void }) {
  const { t, i18n } = useTranslation('calendar');
  const label = summary.task.label[i18n.language === 'en' ? 'en' : 'th'];
  const nothingDue = nothingDueStatus(summary.tally);
  return (
    <Card data-testid="task-card" data-task-id={summary.task.id} sx={{ borderColor: selected ? 'primary.main' : undefined, borderWidth: selected ? 2 : 1, bgcolor: selected ? '#f2f4fc' : undefined }}>
      <CardActionArea onClick={onSelect} aria-pressed={selected}>
        <CardContent sx={{ py: 1.5 }}>
          <Stack spacing={1}>
            <Stack direction="row" sx={{ justifyContent: 'space-between', gap: 1 }}>
              <Typography sx={{ fontWeight: 600 }}>{label}</Typography>
              <Typography variant="body2" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }} color="primary">
                {nothingDue ? t(`status.${nothingDue}`) : t('checklist.percentComplete', { percent: percent(summary.tally.complete, summary.tally.due) })}
              </Typography>
            </Stack>
            {summary.task.everyMonth ? <Typography variant="caption" color="text.secondary">{t('checklist.everyMonth')}</Typography> : null}
            <StatusBar summary={summary} />
            <Counts summary={summary} />
          </Stack>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}

/** Listed unless "show complete" is pressed: not-yet-due LAOs too, after those to follow up now (what they will be asked for is known already). */
const isPending = (row: LaoRow) => needsFollowUp(row.result.status) || row.result.status === 'not_yet_due';

function TaskDetail({ summary, fiscalYear, shownYear, shownMonth, missingItems }: { summary: TaskSummary; fiscalYear: number; shownYear: number; shownMonth: number; missingItems: MissingItemsOf }) {
  const { t, i18n } = useTranslation('calendar');
  const reference = useProvinceReference();
  const lastVisits = useLastVisits();
  const localName = useLocalName();
  const monthLabel = useMonthLabel();
  const [params, updateParams] = useUrlParams();
  const [showComplete, setShowComplete] = useState(false);
  const openLao = params.get('lao');
  // A link that opens a complete LAO (a matrix cell, to sign it off) shows the complete ones with it: the row is listed.
  // Looked for at every render until the LAO is seen complete (its results may still be worked out when the page opens),
  // then once only, so "hide" stays pressed.
  const [shownFor, setShownFor] = useState<string | null>(null);
  if (openLao && openLao !== shownFor && summary.rows.some((row) => row.lao.id === openLao && !isPending(row))) {
    setShownFor(openLao);
    setShowComplete(true);
  }
  const onToggle = useCallback((laoId: string) => updateParams((next) => {
    if (next.get('lao') === laoId) next.delete('lao'); else next.set('lao', laoId);
  }), [updateParams]);
  const districtNames = useMemo(() => new Map((reference?.districts ?? []).map((d) => [d.code, localName(d)])), [reference, localName]);
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const pending = summary.rows.filter(isPending);
  const followUp = pending.filter((row) => needsFollowUp(row.result.status)).length;
  const done = summary.rows.length - pending.length;
  const first = summary.task.months[0]!;
  const period = useMemo(() => ({ task: summary.task, fiscalYear, month: signOffMonth(summary.task, { year: shownYear, month: shownMonth }) }), [summary.task, fiscalYear, shownYear, shownMonth]);
  const signOffs = useTaskSignOffs(fiscalYear, summary.task.id, period.month);
  const unsignedComplete = summary.rows.filter((row) => row.result.status === 'complete' && !signOffs.get(row.lao.id)?.active).map((row) => row.lao);
  return (
    <Card data-testid="task-detail">
      <CardContent>
        <Typography variant="h6" component="h2">{summary.task.label[lang]}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, mb: 2 }}>{summary.task.guidance[lang]}</Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }} useFlexGap>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>{t('checklist.needsAttention', { count: followUp })}</Typography>
          <SignOffAllButton laos={unsignedComplete} task={summary.task} fiscalYear={fiscalYear} month={period.month} />
        </Stack>
      </CardContent>
      {pending.length === 0 ? <Alert severity="success" sx={{ mx: 2, mb: 2 }}>{t('checklist.allComplete')}</Alert> : null}
      {followUp === 0 && summary.tally.not_yet_due > 0 ? (
        <Alert severity="info" icon={false} sx={{ mx: 2, mb: 2 }} data-testid="task-not-yet-due">
          {t('checklist.notYetDue', { count: summary.tally.not_yet_due, month: monthLabel(first.year, first.month) })}
        </Alert>
      ) : null}
      <TaskLaoList fiscalYear={judgedFiscalYear(summary.task.rule, fiscalYear)} rows={showComplete ? summary.rows : pending} lastVisits={lastVisits ?? new Map()} districtNames={districtNames} openLao={openLao} onToggle={onToggle} period={period} signOffs={signOffs} missingItems={missingItems} />
      {done > 0 ? (
        <Box sx={{ p: 1.5 }}>
          <Button size="small" onClick={() => setShowComplete((v) => !v)}>{showComplete ? t('checklist.hideComplete') : t('checklist.showComplete', { count: done })}</Button>
        </Box>
      ) : null}
    </Card>
  );
}

export function ChecklistView({ provinceName, laoCount }: { provinceName: string; laoCount: number }) {
  const { t } = useTranslation('calendar');
  const { t: tr } = useTranslation();
  const format = useFormat();
  const today = format.today();
  const monthLabel = useMonthLabel();
  const [params, updateParams] = useUrlParams();
  const { year, month, fiscalYear } = selectedMonth(params.get('month'), today.iso);
  const mine = params.get('scope') !== 'all';
  const reference = useProvinceReference();
  // Each publication of results (every twenty LAOs of a pass at sign-in or on a new day, then the pass's end) redraws the
  // page: in the background, a slice per task, the page before staying meanwhile. Drawn at once, each took 100–184 ms
  // at the whole province.
  const snapshot = useDeferredValue(useProvinceCompletion(fiscalYear, today.iso));
  const { tasks } = useCalendarTasks(year, month);
  const assigned = reference?.currentUser?.laoIds;
  const scoped = useMemo(() => laosInScope(reference?.laos ?? [], assigned, mine), [reference, assigned, mine]);
  const summaries = useMemo(() => tasks.map((task) => summarizeTask(task, scoped, snapshot.results)), [tasks, scoped, snapshot.results]);
  const selectedId = params.get('task');
  const selected = summaries.find((s) => s.task.id === selectedId) ?? summaries[0];
  const setParam = (key: string, value: string | null) => updateParams((next) => {
    if (value === null) next.delete(key); else next.set(key, value);
    if (key !== 'lao') next.delete('lao');
  });

  return (
    <SeenContext value={snapshot.seen}>
      {/* data-results: the day whose results are on screen, once they are computed for it (empty while stale). */}
      <Stack spacing={3} data-testid="checklist-page" data-results={snapshot.ready && !snapshot.stale ? snapshot.asOf : ''}>
        <Box>
          <Typography variant="overline" color="text.secondary">{provinceName}</Typography>
          <Typography variant="h4" component="h1">{t('checklist.title', { month: monthLabel(year, month) })}</Typography>
          <Typography color="text.secondary" data-testid="today">
            {tr('home.today', { date: format.date(today.iso) })} · {tr('home.fiscalYear', { fy: today.fiscalYear, q: today.quarter })}
          </Typography>
          <Typography color="text.secondary" sx={{ mt: 0.5 }}>{t('checklist.intro')}</Typography>
        </Box>
        <PartialDataNotice />
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <MonthPicker year={year} month={month} fiscalYear={fiscalYear} currentFiscalYear={today.fiscalYear} onChange={(key) => setParam('month', key)} minWidth={200} />
          <ToggleButtonGroup size="small" exclusive value={mine ? 'mine' : 'all'} aria-label={t('checklist.scope')} onChange={(_e, v: string | null) => v && setParam('scope', v === 'all' ? 'all' : null)}>
            <ToggleButton value="mine" disabled={!assigned}>{t('checklist.mine', { count: assigned?.length ?? laoCount })}</ToggleButton>
            <ToggleButton value="all">{t('checklist.all', { count: laoCount })}</ToggleButton>
          </ToggleButtonGroup>
          {snapshot.ready && !snapshot.stale ? (
            <SignOffMonthButton
              fiscalYear={fiscalYear} year={year} month={month}
              tasks={summaries.map((summary) => ({ task: summary.task, complete: summary.rows.filter((row) => row.result.status === 'complete').map((row) => row.lao) }))}
            />
          ) : null}
          <Box sx={{ ml: 'auto', textAlign: 'right' }}>
            <Typography variant="caption" color="text.secondary" component="div">{t('checklist.provinceLaos')}</Typography>
            <Typography variant="h6" component="p" data-testid="lao-count" sx={{ lineHeight: 1 }}>{format.integer(laoCount)}</Typography>
          </Box>
        </Stack>
        <CompletionState snapshot={snapshot} />
        {!snapshot.ready ? null : tasks.length === 0 ? (
          <Alert severity="info">{t('checklist.noTasks')}</Alert>
        ) : (
          <>
            <StatusLegend statuses={LEGEND} />
            <Grid container spacing={2} sx={{ alignItems: 'flex-start' }}>
              <Grid size={{ xs: 12, md: 4 }}>
                <Stack spacing={1.5} component="section" aria-label={t('checklist.tasks')}>
                  {summaries.map((summary) => (
                    <TaskCard key={summary.task.id} summary={summary} selected={summary === selected} onSelect={() => setParam('task', summary.task.id)} />
                  ))}
                </Stack>
              </Grid>
              <Grid size={{ xs: 12, md: 8 }}>{selected ? <TaskDetail summary={selected} fiscalYear={fiscalYear} shownYear={year} shownMonth={month} missingItems={snapshot.missingItems} /> : null}</Grid>
            </Grid>
          </>
        )}
      </Stack>
    </SeenContext>
  );
}
