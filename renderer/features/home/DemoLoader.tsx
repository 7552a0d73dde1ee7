import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDb } from '../../data/db';
import { generateAndLoadDemo } from '../../data/demo';
import { DeviceNotEmptyError, deviceHoldings, holdsNothing } from '../../data/device';
import { classifyWriteError } from '../../data/records';

/**
 * The "load demo data" button, then its progress. The demo loads only into a
 * laptop that holds nothing; a failed load (e.g. a full disk) is removed
 * whole and says so.
 */
export function DemoLoader({ variant = 'contained' }: { variant?: 'contained' | 'outlined' }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<number | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const empty = useLiveQuery(async () => holdsNothing(await deviceHoldings(localDb())), []);
  const load = async () => {
    setFailed(null);
    setProgress(0);
    try {
      await generateAndLoadDemo(localDb(), setProgress);
    } catch (error) {
      if (error instanceof DeviceNotEmptyError) setFailed(t('home.demoNeedsEmpty'));
      else {
        const problem = classifyWriteError(error);
        const reason = problem.code === 'QUOTA_EXCEEDED' ? t('form.quotaExceeded') : problem.code;
        setFailed(t('home.demoFailedUndone', { reason }));
      }
    }
    setProgress(null);
  };
  if (progress !== null) {
    return (
      <Box role="status" aria-live="polite">
        <Typography variant="body2">{t('home.loadingDemo')} {Math.round(progress * 100)}%</Typography>
        <LinearProgress variant="determinate" value={progress * 100} aria-label={t('home.loadingDemo')} />
      </Box>
    );
  }
  return (
    <Box>
      <Button variant={variant} onClick={load} disabled={empty === false}>{t('home.loadDemo')}</Button>
      {empty === false && progress === null && !failed && <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="demo-needs-empty">{t('home.demoNeedsEmpty')}</Typography>}
      {failed && <Alert severity="error" sx={{ mt: 2 }} data-testid="demo-failed">{failed}</Alert>}
    </Box>
  );
}
