/** Status colours, icons and labels shared by the checklist, matrix and officers pages. */
import { Box, Chip, CircularProgress, LinearProgress, Stack, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import RemoveIcon from '@mui/icons-material/Remove';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import TimelapseIcon from '@mui/icons-material/Timelapse';
import type { SvgIconComponent } from '@mui/icons-material';
import { useTranslation } from 'react-i18next';
import type { TaskStatus } from '../../../shared/calendar/index';

export const STATUSES: readonly TaskStatus[] = ['overdue', 'not_started', 'in_progress', 'complete', 'not_applicable'];

/** Foreground (AA contrast on white and on the tint) and a pale tint for cells. */
export const STATUS_STYLE: Record<TaskStatus, { color: string; tint: string; Icon: SvgIconComponent }> = {
  complete: { color: '#1b5e20', tint: '#e3f1e4', Icon: CheckCircleIcon },
  in_progress: { color: '#8a5300', tint: '#fdf0d8', Icon: TimelapseIcon },
  not_started: { color: '#4f5563', tint: '#eceef3', Icon: RadioButtonUncheckedIcon },
  overdue: { color: '#b71c1c', tint: '#fbe3e3', Icon: ErrorIcon },
  not_applicable: { color: '#80868f', tint: '#f7f7f9', Icon: RemoveIcon },
};

/** Sort rank: what needs the officer most comes first. */
export const STATUS_RANK: Record<TaskStatus, number> = { overdue: 0, not_started: 1, in_progress: 2, complete: 3, not_applicable: 4 };

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

export function StatusLegend({ statuses = STATUSES }: { statuses?: readonly TaskStatus[] }) {
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

/**
 * Shown while the stored results of an earlier day stay on screen and today's
 * are computed: small, so the officer keeps working with the page meanwhile.
 */
export function UpdatingNote({ progress }: { progress: number }) {
  const { t } = useTranslation('calendar');
  const label = t('checklist.updatingToToday');
  return (
    <Stack direction="row" spacing={1} role="status" aria-live="polite" data-testid="completion-updating" sx={{ alignItems: 'center' }}>
      <CircularProgress size={14} thickness={5} variant="determinate" value={Math.max(5, progress * 100)} aria-label={label} />
      <Typography variant="caption" color="text.secondary">{label}</Typography>
    </Stack>
  );
}
