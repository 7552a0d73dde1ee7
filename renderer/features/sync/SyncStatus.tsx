import { Alert, Box, Button, Chip, LinearProgress, Stack, Tooltip, Typography } from '@mui/material';
import LoginIcon from '@mui/icons-material/Login';
import SyncIcon from '@mui/icons-material/Sync';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { bangkokDateTime, useFormat, type Formatters as Format } from '../../app/format';
import type { SyncErrorCode } from '../../sync/api';
import { syncEngine } from '../../sync/runtime';
import { RejectedChanges } from './RejectedChanges';
import { downloadPercent, type DownloadCount, type SyncState } from './syncState';
import { useOutboxCounts, useSessionUser, useSyncState, useSyncStatus } from './useSync';
import { useOpenConflictCount } from '../conflicts/useConflicts';

const onBar = { color: '#fff', borderColor: 'rgba(255,255,255,0.5)', '& .MuiChip-icon': { color: '#fff' } };

type Translate = ReturnType<typeof useTranslation<'sync'>>['t'];

/** "x of y" (or "x" when the server did not count) in the key given, numbers formatted. */
export function countText(t: Translate, format: Format, key: 'status.downloading' | 'status.resuming' | 'status.partial' | 'status.partialHint' | 'partialData.text', count: DownloadCount): string {
  const stored = format.integer(count.stored);
  return count.total === null ? t(`${key}Count`, { stored }) : t(key, { stored, total: format.integer(count.total) });
}

/** The chip's words: the state, and the changes not yet sent while a download is unfinished. */
function stateLabel(t: Translate, format: Format, state: SyncState): string {
  const pending = state.pending > 0 ? ` · ${t('status.pending', { count: state.pending })}` : '';
  switch (state.kind) {
    case 'localOnly': return state.pending > 0 ? t('status.pending', { count: state.pending }) : t('status.localOnly');
    case 'downloading': return countText(t, format, state.resumed ? 'status.resuming' : 'status.downloading', state.count) + pending;
    case 'partial': return countText(t, format, 'status.partial', state.count) + pending;
    case 'pending': return t('status.pending', { count: state.pending });
    case 'synced': return t('status.allSynced');
  }
}

/** The app bar's sync summary: one state (syncState.ts), last sync (B.E.), a sync-now button. */
export function SyncStatus() {
  const { t } = useTranslation('sync');
  const format = useFormat();
  const status = useSyncStatus();
  const counts = useOutboxCounts();
  const user = useSessionUser();
  const state = useSyncState();
  // Open conflicts not yet decided on this device (a decision made offline waits for the next sync).
  const conflicts = useOpenConflictCount();
  if (user === undefined || state === undefined) return null;
  const last = status.lastSyncAt ? t('status.lastSync', { when: bangkokDateTime(status.lastSyncAt, format) }) : t('status.neverSynced');
  const partial = state.kind === 'downloading' || state.kind === 'partial';
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Chip
        data-testid="sync-pending"
        data-pending={counts.pending}
        data-state={state.kind}
        size="small"
        variant={partial ? 'filled' : 'outlined'}
        color={partial ? 'warning' : 'default'}
        sx={partial ? undefined : onBar}
        label={stateLabel(t, format, state)}
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

/** Under the app bar: the first download's progress ("x of y"), an unfinished download, or the error with a retry button. */
export function SyncBanner() {
  const { t } = useTranslation('sync');
  const format = useFormat();
  const status = useSyncStatus();
  const state = useSyncState();
  if (state?.kind === 'downloading') {
    const percent = downloadPercent(state.count);
    return (
      <Box data-testid="sync-initial" data-stored={state.count.stored} data-total={state.count.total ?? ''} sx={{ px: 2, py: 0.5, bgcolor: 'background.paper', color: 'text.primary' }}>
        <Typography variant="caption">{countText(t, format, state.resumed ? 'status.resuming' : 'status.downloading', state.count)}</Typography>
        {percent === null ? <LinearProgress /> : <LinearProgress variant="determinate" value={percent} aria-label={t('status.downloadProgress')} />}
      </Box>
    );
  }
  const error = status.phase === 'error' ? status.error : null;
  if (state?.kind === 'partial') {
    return (
      <Alert data-testid="sync-partial" severity="warning" sx={{ borderRadius: 0 }} action={error === null ? undefined : <ErrorAction code={error} />}>
        {countText(t, format, 'status.partialHint', state.count)} {t('status.resumesNext')}
        {error !== null && (
          <Box component="span" data-testid="sync-error" sx={{ display: 'block' }}>
            {t(`error.${error === 'NETWORK' ? 'NETWORK_PARTIAL' : error}`)}
            {status.nextRetryAt && ` · ${t('status.nextRetry', { when: bangkokDateTime(status.nextRetryAt, format) })}`}
          </Box>
        )}
      </Alert>
    );
  }
  if (error === null) return null;
  return (
    <Alert data-testid="sync-error" severity={error === 'NETWORK' ? 'warning' : 'error'} sx={{ borderRadius: 0 }} action={<ErrorAction code={error} />}>
      {t(`error.${error}`)}
      {status.nextRetryAt && ` · ${t('status.nextRetry', { when: bangkokDateTime(status.nextRetryAt, format) })}`}
    </Alert>
  );
}

/** Sign in again after a refused token; otherwise retry now. */
function ErrorAction({ code }: { code: SyncErrorCode }) {
  const { t } = useTranslation('sync');
  return code === 'UNAUTHORIZED' ? (
    <Button component={RouterLink} to="/login" color="inherit" size="small">{t('status.signIn')}</Button>
  ) : (
    <Button color="inherit" size="small" data-testid="sync-retry" onClick={() => void syncEngine().sync()}>{t('status.retry')}</Button>
  );
}
