/**
 * Under the app bar: a new version downloading (with its progress), then the
 * offer to restart into it. Restarting is the user's choice; "Later" hides the
 * offer until the next start (a normal quit installs it too).
 */
import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateState } from '../../../shared/platform/bridge';
import { getPlatform } from '../../platform';
import { useUpdateFeed, useUpdateState } from './useUpdates';

export function UpdateNotice() {
  useUpdateFeed();
  const state = useUpdateState();
  const [later, setLater] = useState<string | null>(null);
  return <UpdateNoticeView state={state} dismissed={later} onLater={setLater} onRestart={() => void getPlatform().installUpdate()} />;
}

export function UpdateNoticeView({ state, dismissed, onLater, onRestart }: {
  state: UpdateState;
  dismissed: string | null;
  onLater: (version: string) => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  if (state.status === 'downloading') {
    return (
      <Box role="status" data-testid="update-downloading" sx={{ px: 2, py: 0.5, bgcolor: 'background.paper', color: 'text.primary' }}>
        <Typography variant="body2">{t('updates.downloading', { version: state.version, percent: state.percent })}</Typography>
        <LinearProgress variant="determinate" value={state.percent} aria-label={t('updates.downloading', { version: state.version, percent: state.percent })} />
      </Box>
    );
  }
  if (state.status === 'ready' && dismissed !== state.version) {
    return (
      <Alert
        severity="info"
        data-testid="update-ready"
        sx={{ borderRadius: 0 }}
        action={
          <>
            <Button color="inherit" size="small" onClick={() => onLater(state.version)}>{t('updates.later')}</Button>
            <Button color="primary" variant="contained" size="small" onClick={onRestart}>{t('updates.restart')}</Button>
          </>
        }
      >
        {t('updates.ready', { version: state.version })} {t('updates.workIsSafe')}
      </Alert>
    );
  }
  return null;
}

/** One line for Settings: where this copy's updates come from and how the last check went. */
export function UpdateStatusLine() {
  const { t } = useTranslation();
  const state = useUpdateState();
  const key = {
    unsupported: getPlatform().kind === 'browser' ? 'updates.withServer' : 'updates.notInstalled',
    idle: 'updates.idle',
    checking: 'updates.checking',
    upToDate: 'updates.upToDate',
    downloading: 'updates.downloadingShort',
    ready: 'updates.readyShort',
    failed: 'updates.failed',
  }[state.status];
  return <Typography color="text.secondary" data-testid="update-status">{t(key, state.status === 'downloading' || state.status === 'ready' ? { version: state.version } : {})}</Typography>;
}
