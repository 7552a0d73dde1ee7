import { Alert, Box, Button, Card, CardContent, Checkbox, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, LinearProgress, Stack, Typography } from '@mui/material';
import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import SaveAltIcon from '@mui/icons-material/SaveAlt';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { now } from '../../../shared/clock';
import { bangkokDateTime, useFormat } from '../../app/format';
import { localDb } from '../../data/db';
import { clearDeviceData, fileCovers, unsyncedExport, unsyncedFileName, type WorkStamp } from '../../data/device';
import { useCurrentWork, useDeviceHoldings } from '../../data/deviceHooks';
import { getPlatform } from '../../platform';
import { restartSync, stopSync } from '../../sync/runtime';

interface SavedFile {
  name: string;
  stamp: WorkStamp;
  count: number;
  at: string;
}

/** Saves the unsynced work as a JSON file; null when the user cancelled the save dialog. */
async function saveUnsyncedFile(): Promise<{ ok: true; file: SavedFile } | { ok: false; code: string } | null> {
  const at = now();
  const file = await unsyncedExport(localDb(), at.toISOString());
  const name = unsyncedFileName(at);
  const result = await getPlatform().saveFile({ suggestedName: name, mimeType: 'application/json', data: new TextEncoder().encode(JSON.stringify(file, null, 2)) });
  if (result.ok) return { ok: true, file: { name, stamp: file, count: file.entries.length + file.resolutionQueue.length, at: at.toISOString() } };
  return result.code === 'CANCELLED' ? null : { ok: false, code: result.code };
}

/**
 * "Clear this laptop's data": what the laptop holds, its unsynced work saved
 * to a file first when there is any (clearing is refused until then), a
 * confirmation with a second step, then the app starts over signed out.
 */
export function ClearDataCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const holdings = useDeviceHoldings();
  const work = useCurrentWork();
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState<'export' | 'clear' | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!holdings || !work) return null;

  const unsynced = holdings.unsynced;
  const exportedAll = fileCovers(saved?.stamp ?? null, work);
  const stale = unsynced > 0 && saved !== null && !exportedAll;

  const saveUnsynced = async () => {
    setBusy('export');
    setError(null);
    try {
      const result = await saveUnsyncedFile();
      if (result?.ok) setSaved(result.file);
      else if (result) setError(t('settings.exportFailed', { reason: result.code }));
    } finally {
      setBusy(null);
    }
  };

  const fail = (message: string) => {
    restartSync();
    setBusy(null);
    setConfirming(false);
    setError(message);
  };

  const clear = async () => {
    setBusy('clear');
    setError(null);
    try {
      // A sync under way would write on after the clear.
      await stopSync();
      const result = await clearDeviceData(localDb(), { exported: saved?.stamp ?? null });
      if (!result.ok) return fail(t(result.code === 'LOAD_RUNNING' ? 'home.demoLoadingElsewhere' : 'settings.clearRefused'));
      await getPlatform().clearToken();
      // A fresh start: every screen and the sync engine forget what they held.
      window.location.hash = '#/';
      window.location.reload();
    } catch (failure) {
      fail(t('settings.clearFailed', { reason: failure instanceof Error ? failure.name : String(failure) }));
    }
  };

  return (
    <Card id="clear" data-testid="clear-data" component="section" aria-labelledby="clear-heading">
      <CardContent>
        <Typography variant="h6" component="h2" id="clear-heading" gutterBottom>{t('settings.clear')}</Typography>
        <Typography color="text.secondary" sx={{ mb: 1.5 }}>{t('settings.clearHint')}</Typography>
        <Typography variant="body2" data-testid="device-holdings" sx={{ mb: 2 }}>
          {t('settings.holdings', { records: format.integer(holdings.records), laos: format.integer(holdings.laos), unsynced: format.integer(unsynced), drafts: format.integer(holdings.drafts) })}
        </Typography>
        {unsynced > 0 && (
          <Alert severity={exportedAll ? 'success' : 'warning'} sx={{ mb: 2 }} data-testid="unsynced-warning">
            {exportedAll && saved
              ? t('settings.exported', { file: saved.name, count: saved.count, when: bangkokDateTime(saved.at, format) })
              : stale ? t('settings.exportedStale') : t('settings.unsyncedWarning', { count: unsynced })}
          </Alert>
        )}
        {holdings.loading && <Alert severity="info" sx={{ mb: 2 }}>{t('home.demoLoadingElsewhere')}</Alert>}
        {error && <Alert severity="error" sx={{ mb: 2 }} data-testid="clear-error">{error}</Alert>}
        <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
          {unsynced > 0 && (
            <Button variant={exportedAll ? 'outlined' : 'contained'} startIcon={<SaveAltIcon />} onClick={() => void saveUnsynced()} disabled={busy !== null}>
              {t('settings.exportUnsynced')}
            </Button>
          )}
          <Button variant="outlined" color="error" startIcon={<DeleteForeverIcon />} disabled={!exportedAll || holdings.loading || busy !== null} onClick={() => { setUnderstood(false); setConfirming(true); }}>
            {t('settings.clearButton')}
          </Button>
        </Stack>
      </CardContent>
      <Dialog open={confirming} onClose={() => busy === null && setConfirming(false)} aria-labelledby="clear-title" aria-describedby="clear-body" data-testid="clear-confirm">
        <DialogTitle id="clear-title">{t('settings.confirmTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText id="clear-body" sx={{ mb: 1.5 }}>
            {t('settings.confirmBody', { records: format.integer(holdings.records), laos: format.integer(holdings.laos), drafts: format.integer(holdings.drafts) })}
          </DialogContentText>
          {unsynced > 0 && saved && <Alert severity="info" sx={{ mb: 1.5 }}>{t('settings.confirmUnsynced', { count: unsynced, file: saved.name })}</Alert>}
          <FormControlLabel control={<Checkbox checked={understood} onChange={(e) => setUnderstood(e.target.checked)} autoFocus disabled={busy !== null} />} label={t('settings.confirmCheck')} />
          {busy === 'clear' && (
            <Box role="status" aria-live="polite" sx={{ mt: 1 }} data-testid="clear-progress">
              <Typography variant="body2">{t('settings.clearing')}</Typography>
              <LinearProgress aria-label={t('settings.clearing')} />
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} disabled={busy !== null}>{t('settings.cancel')}</Button>
          <Button variant="contained" color="error" onClick={() => void clear()} disabled={!understood || busy !== null}>{t('settings.confirmClear')}</Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
