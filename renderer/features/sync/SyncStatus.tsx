import { Alert, Box, Button, Chip, LinearProgress, Stack, Tooltip, Typography } from '@mui/material';
import LoginIcon from '@mui/icons-material/Login';
import SyncIcon from '@mui/icons-material/Sync';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useFormat } from '../../app/format';
import { syncEngine } from '../../sync/runtime';
import { formatSyncTime } from './syncTime';
import { RejectedChanges } from './RejectedChanges';
import { useOutboxCounts, useSessionUser, useSyncStatus } from './useSync';
import { useOpenConflictCount } from '../conflicts/useConflicts';

const onBar = { color: '#fff', borderColor: 'rgba(255,255,255,0.5)', '& .MuiChip-icon': { color: '#fff' } };

/** The app bar's sync summary: pending changes, last sync (B.E.), a sync-now button. */
export function SyncStatus() {
  const { t } = useTranslation('sync');
  const format = useFormat();
  const status = useSyncStatus();
  const counts = useOutboxCounts();
  const user = useSessionUser();
  // Open conflicts not yet decided on this device (a decision made offline waits for the next sync).
  const conflicts = useOpenConflictCount();
  if (user === undefined) return null;
  const last = status.lastSyncAt ? t('status.lastSync', { when: formatSyncTime(status.lastSyncAt, format) }) : t('status.neverSynced');
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Chip
        data-testid="sync-pending"
        data-pending={counts.pending}
        size="small"
        variant="outlined"
        sx={onBar}
        label={counts.pending > 0 ? t('status.pending', { count: counts.pending }) : t(user === null ? 'status.localOnly' : 'status.allSynced')}
      />
      {counts.rejected > 0 && <RejectedChanges count={counts.rejected} />}
      {counts.waiting > 0 && (
        <Tooltip title={t('status.waitingHint', { count: counts.waiting })}>
          <Chip data-testid="sync-waiting" data-waiting={counts.waiting} size="small" variant="outlined" sx={onBar} label={t('status.waiting', { count: counts.waiting })} />
        </Tooltip>
      )}
      {conflicts > 0 && (
        <Chip data-testid="sync-conflicts" size="small" color="warning" clickable component={RouterLink} to="/conflicts" label={t('conflicts:openLink', { count: conflicts })} />
      )}
      {user === null ? (
        <Button component={RouterLink} to="/login" color="inherit" size="small" startIcon={<LoginIcon />} data-testid="sync-sign-in">{t('status.signIn')}</Button>
      ) : (
        <Tooltip title={t('status.syncNow')}>
          <Button
            color="inherit"
            size="small"
            data-testid="sync-now"
            startIcon={<SyncIcon />}
            disabled={status.phase === 'syncing'}
            onClick={() => void syncEngine().sync()}
            sx={{ textTransform: 'none' }}
          >
            <Typography variant="caption" data-testid="sync-last" component="span">{status.phase === 'syncing' ? t('status.syncing') : last}</Typography>
          </Button>
        </Tooltip>
      )}
    </Stack>
  );
}

/** Under the app bar: initial-sync progress, or the error with a retry button. */
export function SyncBanner() {
  const { t } = useTranslation('sync');
  const format = useFormat();
  const status = useSyncStatus();
  if (status.initialRows !== null) {
    return (
      <Box data-testid="sync-initial" sx={{ px: 2, py: 0.5, bgcolor: 'background.paper' }}>
        <Typography variant="caption">{t('status.initial', { count: status.initialRows })}</Typography>
        <LinearProgress />
      </Box>
    );
  }
  if (status.phase !== 'error' || status.error === null) return null;
  return (
    <Alert
      data-testid="sync-error"
      severity={status.error === 'NETWORK' ? 'warning' : 'error'}
      sx={{ borderRadius: 0 }}
      action={
        status.error === 'UNAUTHORIZED' ? (
          <Button component={RouterLink} to="/login" color="inherit" size="small">{t('status.signIn')}</Button>
        ) : (
          <Button color="inherit" size="small" data-testid="sync-retry" onClick={() => void syncEngine().sync()}>{t('status.retry')}</Button>
        )
      }
    >
      {t(`error.${status.error}`)}
      {status.nextRetryAt && ` · ${t('status.nextRetry', { when: formatSyncTime(status.nextRetryAt, format) })}`}
    </Alert>
  );
}
