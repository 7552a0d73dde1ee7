/**
 * What runs before any screen or sync: a demo load that a closed window or a
 * crash cut off is removed (data/demo.ts), so no screen ever shows its rows
 * and no sync or save mixes with them. Once per window; the notice that it
 * happened stays until the user closes it.
 */
import { Alert, Box, LinearProgress, Typography } from '@mui/material';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { localDb } from '../data/db';
import { watchCalendars } from '../data/calendars';
import { undoInterruptedLoad } from '../data/demo';

export type Phase = 'checking' | 'removing' | 'ready';

let phase: Phase = 'checking';
let removedLoad = false;
let started: Promise<void> | null = null;
const listeners = new Set<() => void>();

function set(next: Phase, removed = removedLoad): void {
  phase = next;
  removedLoad = removed;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function failed(error: unknown): void {
  // The mark stays and the next start tries again; the app opens meanwhile.
  console.error('removing an interrupted load failed', error);
  set('ready');
}

function start(): void {
  // The calendars in force are read first, so no page computes with the seed calendar and then again with the published one.
  started ??= watchCalendars(localDb())
    .then(() => undoInterruptedLoad(localDb(), { onRemoving: () => set('removing') }))
    .then((outcome) => {
      set('ready', outcome === 'removed');
      // Another window holds the lock: its load is left to finish; if it was cut off, it goes once the lock is free.
      if (outcome === 'busy') void undoInterruptedLoad(localDb(), { wait: true }).then((later) => later === 'removed' && set('ready', true), failed);
    })
    .catch(failed);
}

/** 'ready' once the start-up check is done. */
export function useStartupPhase(): Phase {
  useEffect(start, []);
  return useSyncExternalStore(subscribe, () => phase);
}

/** Shown instead of the app while the rows of a cut-off load are removed. */
export function StartupCheck({ phase: current }: { phase: Phase }) {
  const { t } = useTranslation();
  if (current !== 'removing') return null;
  return (
    <Box role="status" aria-live="polite" sx={{ maxWidth: 560, mx: 'auto', mt: 12, px: 2 }} data-testid="startup-removing">
      <Typography sx={{ mb: 1 }}>{t('home.removingLoad')}</Typography>
      <LinearProgress aria-label={t('home.removingLoad')} />
    </Box>
  );
}

/** Says, until closed, that this start removed a cut-off demo load. */
export function StartupNotice() {
  const { t } = useTranslation();
  const removed = useSyncExternalStore(subscribe, () => removedLoad);
  const [closed, setClosed] = useState(false);
  if (!removed || closed) return null;
  return (
    <Alert severity="info" data-testid="load-undone" onClose={() => setClosed(true)} sx={{ mb: 2 }}>
      {t('home.loadUndone')}
    </Alert>
  );
}
