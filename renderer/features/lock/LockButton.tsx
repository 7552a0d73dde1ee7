import { IconButton, Tooltip } from '@mui/material';
import LockIcon from '@mui/icons-material/LockOutlined';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { localDb } from '../../data/db';
import { lockVerifier } from '../../data/lock';
import { lockStore } from './lockStore';

/** The app bar's padlock: locks this window at once (shown once a password protects the device). */
export function LockButton() {
  const { t } = useTranslation('sync');
  const protectedDevice = useLiveQuery(async () => (await lockVerifier(localDb())) !== undefined, [], false);
  if (!protectedDevice) return null;
  return (
    <Tooltip title={t('lock.lockNow')}>
      <IconButton color="inherit" aria-label={t('lock.lockNow')} onClick={() => lockStore.lock()} data-testid="lock-now">
        <LockIcon />
      </IconButton>
    </Tooltip>
  );
}
