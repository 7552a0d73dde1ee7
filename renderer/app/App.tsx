import { CssBaseline, LinearProgress, ThemeProvider } from '@mui/material';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { HashRouter } from 'react-router';
import i18n from '../i18n';
import { theme } from './theme';
import { startSync } from '../sync/runtime';
import { LockGate } from '../features/lock/LockGate';
import { useEffect, useState } from 'react';
import { StartupCheck, useStartupPhase, type Phase } from './startup';
import { ErrorBoundary } from './ErrorBoundary';

/** The pages' chunk: asked for once the lock screen shows (it loads while the password is typed), or when the app opens unlocked. */
type PagesChunk = typeof import('./Pages');
let pagesChunk: PagesChunk | undefined;
const loadPages = () => import('./Pages').then((chunk) => (pagesChunk = chunk));

/**
 * The pages, drawn at once when their chunk loaded behind the lock screen,
 * after a progress bar otherwise. Not React.lazy: a suspended render holds
 * the revealed pages back ~300 ms. A chunk that cannot load goes to the
 * error boundary, which offers Reload.
 */
function Pages() {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<{ chunk?: PagesChunk; error?: unknown }>({ chunk: pagesChunk });
  useEffect(() => {
    if (loaded.chunk) return;
    let live = true;
    loadPages().then((chunk) => live && setLoaded({ chunk }), (error: unknown) => live && setLoaded({ error }));
    return () => {
      live = false;
    };
  }, [loaded.chunk]);
  if (loaded.error !== undefined) throw loaded.error;
  return loaded.chunk ? <loaded.chunk.Pages /> : <LinearProgress aria-label={t('app.loading')} />;
}

/**
 * The lock screen does not wait for the start-up check: it shows no records,
 * and the officer types the password meanwhile. The pages (and the lock
 * screen's read-ahead of them) wait for it.
 */
function AppRoutes({ phase }: { phase: Phase }) {
  return (
    <HashRouter>
      <LockGate ready={phase === 'ready'} whileLocked={loadPages}>
        {phase === 'ready' ? <Pages /> : <StartupCheck phase={phase} />}
      </LockGate>
    </HashRouter>
  );
}

export function App() {
  const phase = useStartupPhase();
  // Sync starts once a cut-off load is gone, so it never writes beside that load's rows.
  useEffect(() => (phase === 'ready' ? startSync() : undefined), [phase]);
  return (
    <I18nextProvider i18n={i18n}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <ErrorBoundary><AppRoutes phase={phase} /></ErrorBoundary>
      </ThemeProvider>
    </I18nextProvider>
  );
}
