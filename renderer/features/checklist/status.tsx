/** Status colours, icons and labels shared by the checklist, matrix, directory and officers pages. */
import { Alert, Box, Button, Chip, CircularProgress, LinearProgress, Stack, Typography } from '@mui/material';
import { keyframes } from '@mui/material/styles';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import EventIcon from '@mui/icons-material/Event';
import RemoveIcon from '@mui/icons-material/Remove';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import TimelapseIcon from '@mui/icons-material/Timelapse';
import type { SvgIconComponent } from '@mui/icons-material';
import { useTranslation } from 'react-i18next';
import { TASK_STATUSES, type StatusTally, type TaskStatus } from '../../../shared/calendar/index';
import { STATUS_COLOURS } from './statusColours';
import type { CompletionSnapshot } from '../../data/completion';

const STATUS_ICON: Record<TaskStatus, SvgIconComponent> = {
  overdue: ErrorIcon,
  not_started: RadioButtonUncheckedIcon,
  in_progress: TimelapseIcon,
  not_yet_due: EventIcon,
  complete: CheckCircleIcon,
  not_applicable: RemoveIcon,
};

/** Colour, tint and icon of each status. */
export const STATUS_STYLE = Object.fromEntries(
  TASK_STATUSES.map((status) => [status, { ...STATUS_COLOURS[status], Icon: STATUS_ICON[status] }]),
) as Readonly<Record<TaskStatus, { color: string; tint: string; Icon: SvgIconComponent }>>;

export function StatusChip({ status, label }: { status: TaskStatus; label?: string }) {
  const { t } = useTranslation('calendar');
  const { color, tint, Icon } = STATUS_STYLE[status];
  return (
    <Chip
      size="small"
      icon={<Icon aria-hidden sx={{ color: `${color} !important` }} />}
      label={label ?? t(`status.${status}`)}
      data-status={status}
      sx={{ bgcolor: tint, color, fontWeight: 600, border: `1px solid ${color}33` }}
    />
  );
}

export function StatusLegend({ statuses = TASK_STATUSES }: { statuses?: readonly TaskStatus[] }) {
  const { t } = useTranslation('calendar');
  return (
    <Stack direction="row" spacing={1} useFlexGap role="list" aria-label={t('status.legend')} data-testid="status-legend" sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      <Typography variant="body2" color="text.secondary" sx={{ mr: 0.5 }}>{t('status.legend')}:</Typography>
      {statuses.map((status) => (
        <Box role="listitem" key={status}><StatusChip status={status} /></Box>
      ))}
    </Stack>
  );
}

export const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 100));

/** What a tally with nothing due shows instead of a percentage: not yet due if any result is, else not applicable. */
export const nothingDueStatus = (tally: StatusTally): TaskStatus | undefined =>
  tally.due > 0 ? undefined : tally.not_yet_due > 0 ? 'not_yet_due' : 'not_applicable';

/** Shown while the first completion pass runs (it reads every LAO's records once). */
export function ComputingProgress({ progress }: { progress: number }) {
  const { t } = useTranslation('calendar');
  return (
    <Box role="status" aria-live="polite">
      <Typography variant="body2">{t('checklist.computing', { percent: Math.round(progress * 100) })}</Typography>
      <LinearProgress variant="determinate" value={progress * 100} />
    </Box>
  );
}

const fadeIn = keyframes`
  from { opacity: 0; }
  to { opacity: 1; }
`;

/**
 * Shown while stored results stay on screen and current ones are computed:
 * of an earlier day, or (catchingUp) of this day before the first pass after
 * a restart has checked them against the records. Small, so the officer keeps
 * working with the page meanwhile; it fades in late, so a pass that ends
 * quickly (nothing changed) does not flash it. The fade is a CSS animation:
 * MUI's Fade forces a layout of the whole page as it mounts (its `reflow`),
 * 47 ms inside the task that drew the checklist at a start.
 */
export function UpdatingNote({ progress, catchingUp = false }: { progress: number; catchingUp?: boolean }) {
  const { t } = useTranslation('calendar');
  const label = t(catchingUp ? 'checklist.catchingUp' : 'checklist.updatingToToday');
  return (
    <Stack direction="row" spacing={1} role="status" aria-live="polite" data-testid="completion-updating" sx={{ alignItems: 'center', animation: `${fadeIn} 225ms ease-in 400ms both`, '@media (prefers-reduced-motion: reduce)': { animationDuration: '1ms' } }}>
      <CircularProgress size={14} thickness={5} variant={catchingUp ? 'indeterminate' : 'determinate'} value={Math.max(5, progress * 100)} aria-label={label} />
      <Typography variant="caption" color="text.secondary">{label}</Typography>
    </Stack>
  );
}

/**
 * Shown when the last completion pass failed (completion.ts, `failed`): the
 * page keeps the results of the last pass that ran through and says so, with
 * a way to run it again.
 */
export function CompletionFailedNote({ snapshot }: { snapshot: Pick<CompletionSnapshot, 'failed' | 'retry'> }) {
  const { t } = useTranslation('calendar');
  if (!snapshot.failed) return null;
  return (
    <Alert severity="warning" data-testid="completion-failed" action={<Button color="inherit" size="small" onClick={snapshot.retry}>{t('checklist.retry')}</Button>}>
      {t('checklist.failed')}
    </Alert>
  );
}

/**
 * Where the completion statuses stand, said the same way on every page that
 * shows them: the last pass failed (with Try again), the first pass is still
 * computing (with its progress), or stored results are shown while current
 * ones are computed. Pages draw statuses only once `snapshot.ready`.
 */
export function CompletionState({ snapshot }: { snapshot: Pick<CompletionSnapshot, 'failed' | 'retry' | 'ready' | 'stale' | 'progress' | 'catchingUp'> }) {
  if (snapshot.failed) return <CompletionFailedNote snapshot={snapshot} />;
  if (!snapshot.ready) return <ComputingProgress progress={snapshot.progress} />;
  return snapshot.stale ? <UpdatingNote progress={snapshot.progress} catchingUp={snapshot.catchingUp} /> : null;
}
