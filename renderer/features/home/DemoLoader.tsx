import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDb } from '../../data/db';
import { generateAndLoadDemo } from '../../data/demo';
import { classifyWriteError } from '../../data/records';

/** The "load demo data" button, then its progress; a failed load (e.g. a full disk) says so. */
export function DemoLoader({ variant = 'contained' }: { variant?: 'contained' | 'outlined' }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<number | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const load = async () => {
    setFailed(null);
    setProgress(0);
    try {
      await generateAndLoadDemo(localDb(), setProgress);
    } catch (error) {
      const problem = classifyWriteError(error);
      setFailed(problem.code === 'QUOTA_EXCEEDED' ? t('form.quotaExceeded') : t('form.saveFailed', { code: problem.code }));
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
      <Button variant={variant} onClick={load}>{t('home.loadDemo')}</Button>
      {failed && <Alert severity="error" sx={{ mt: 2 }}>{failed}</Alert>}
    </Box>
  );
}
