/**
 * A screen that throws while rendering shows a translated message with
 * "Reload" instead of a blank window. Nothing is cleared: the records and the
 * outbox are in IndexedDB, untouched. The error goes to the desktop's log
 * file (main/log.ts; the console in the browser).
 */
import { Alert, AlertTitle, Box, Button, Typography } from '@mui/material';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { getPlatform } from '../platform';
import { logRenderError, textOf } from './errorLog';

declare global {
  interface Window {
    /** End-to-end tests only: set by a page script (Playwright's addInitScript) to make the page area fail; no URL or stored value sets it. */
    __eplanFailRender?: boolean;
  }
}

/** Fails the render when an e2e test asked for it (see above); nothing otherwise. */
export function RenderFailureProbe(): null {
  if (typeof window !== 'undefined' && window.__eplanFailRender === true) throw new Error('forced render error (end-to-end test)');
  return null;
}

export function RenderFailure({ error }: { error: Error }) {
  const { t } = useTranslation();
  const where = getPlatform().kind === 'electron' ? t('crash.logDesktop') : t('crash.logBrowser');
  return (
    <Box sx={{ maxWidth: 720, mx: 'auto', my: 4, px: 2 }} data-testid="render-failure">
      <Alert severity="error" role="alert">
        <AlertTitle>{t('crash.title')}</AlertTitle>
        <Typography sx={{ mb: 1 }}>{t('crash.dataSafe')}</Typography>
        <Typography variant="body2" sx={{ mb: 2 }}>{where}</Typography>
        <Button variant="contained" color="primary" onClick={() => window.location.reload()} autoFocus>
          {t('crash.reload')}
        </Button>
        <Typography component="pre" variant="caption" sx={{ mt: 2, whiteSpace: 'pre-wrap', wordBreak: 'break-word', opacity: 0.8 }}>
          {error.message}
        </Typography>
      </Alert>
    </Box>
  );
}

interface ErrorBoundaryProps {
  children: ReactNode;
  /** A new key (another page) clears the failure, so the officer can move on. */
  resetKey?: string;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(textOf(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    logRenderError(error, info.componentStack);
  }

  override componentDidUpdate(previous: ErrorBoundaryProps): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render(): ReactNode {
    return this.state.error ? <RenderFailure error={this.state.error} /> : this.props.children;
  }
}
