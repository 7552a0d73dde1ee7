import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { localDb } from '../../data/db';
import { generateAndLoadDemo, LoadRunningError } from '../../data/demo';
import { DeviceNotEmptyError, holdsNothing } from '../../data/device';
import { useDeviceHoldings } from '../../data/deviceHooks';
import { classifyWriteError } from '../../data/records';

type Failure = { key: 'home.demoNeedsEmpty' | 'home.demoLoadingElsewhere' } | { key: 'home.demoFailedUndone'; quota: boolean; code: string };

/** The load of this window, kept outside the component: the home page swaps its cards as rows arrive. */
let state: { progress: number | null; failure: Failure | null } = { progress: null, failure: null };
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
function set(patch: Partial<typeof state>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

function failureOf(error: unknown): Failure {
  if (error instanceof DeviceNotEmptyError) return { key: 'home.demoNeedsEmpty' };
  if (error instanceof LoadRunningError) return { key: 'home.demoLoadingElsewhere' };
  const problem = classifyWriteError(error);
  return { key: 'home.demoFailedUndone', quota: problem.code === 'QUOTA_EXCEEDED', code: problem.code };
}

async function load(): Promise<void> {
  if (state.progress !== null) return;
  set({ progress: 0, failure: null });
  try {
    await generateAndLoadDemo(localDb(), (progress) => set({ progress }));
    set({ progress: null });
  } catch (error) {
    set({ progress: null, failure: failureOf(error) });
  }
}

/**
 * The "load demo data" button, then its progress. The demo loads only into a
 * laptop that holds nothing; a failed load (e.g. a full disk) is removed
 * whole and says so.
 */
export function DemoLoader({ variant = 'contained' }: { variant?: 'contained' | 'outlined' }) {
  const { t } = useTranslation();
  const { progress, failure } = useSyncExternalStore(subscribe, () => state);
  const holdings = useDeviceHoldings();
  if (progress !== null) {
    return (
      <Box role="status" aria-live="polite" data-testid="demo-progress">
        <Typography variant="body2">{t('home.loadingDemo')} {Math.round(progress * 100)}%</Typography>
        <LinearProgress variant="determinate" value={progress * 100} aria-label={t('home.loadingDemo')} />
      </Box>
    );
  }
  const empty = holdings === undefined ? undefined : holdsNothing(holdings);
  const why = holdings?.loading ? t('home.demoLoadingElsewhere') : empty === false ? t('home.demoNeedsEmpty') : null;
  const failed = failure && (failure.key === 'home.demoFailedUndone' ? t(failure.key, { reason: failure.quota ? t('form.quotaExceeded') : failure.code }) : t(failure.key));
  return (
    <Box>
      <Button variant={variant} onClick={() => void load()} disabled={empty !== true}>{t('home.loadDemo')}</Button>
      {why && !failed && <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="demo-needs-empty">{why}</Typography>}
      {failed && <Alert severity="error" sx={{ mt: 2 }} data-testid="demo-failed">{failed}</Alert>}
    </Box>
  );
}
