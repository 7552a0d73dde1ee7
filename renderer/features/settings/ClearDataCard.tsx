import { Alert, Box, Button, Card, CardContent, Checkbox, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, LinearProgress, Stack, Typography } from '@mui/material';
import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import SaveAltIcon from '@mui/icons-material/SaveAlt';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { now } from '../../../shared/clock';
import { bangkokDateOf } from '../../../shared/calendar/fiscal';
import { useFormat } from '../../app/format';
import { localDb } from '../../data/db';
import { clearDeviceData, deviceHoldings, unsyncedExport } from '../../data/device';
import { getPlatform } from '../../platform';
import { stopSync } from '../../sync/runtime';

interface SavedFile {
  name: string;
  throughSeq: number;
  count: number;
  at: string;
}

/**
 * "Clear this laptop's data": what the laptop holds, its unsynced work saved
 * to a file first when there is any (clearing is refused until then), a
 * confirmation with a second step, then the app starts over signed out.
 */
export function ClearDataCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const holdings = useLiveQuery(() => deviceHoldings(localDb()), []);
  const lastSeq = useLiveQuery(async () => (await localDb().outbox.orderBy('seq').last())?.seq ?? 0, []);
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState<'export' | 'clear' | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!holdings || lastSeq === undefined) return null;

  const unsynced = holdings.unsynced;
  const exportedAll = unsynced === 0 || (saved !== null && saved.throughSeq >= lastSeq);
  const stale = unsynced > 0 && saved !== null && saved.throughSeq < lastSeq;

  const saveUnsynced = async () => {
    setBusy('export');
    setError(null);
    const at = now().toISOString();
    const file = await unsyncedExport(localDb(), at);
    const name = `eplan-unsynced-work-${bangkokDateOf(new Date(at))}.json`;
    const result = await getPlatform().saveFile({ suggestedName: name, mimeType: 'application/json', data: new TextEncoder().encode(JSON.stringify(file, null, 2)) });
    setBusy(null);
    if (result.ok) setSaved({ name, throughSeq: file.throughSeq, count: file.entries.length, at });
    else if (result.code !== 'CANCELLED') setError(t('settings.clearFailed', { reason: result.code }));
  };

  const clear = async () => {
    setBusy('clear');
    setError(null);
    try {
      stopSync();
      const result = await clearDeviceData(localDb(), { exportedThroughSeq: saved?.throughSeq ?? null });
      if (!result.ok) {
        setBusy(null);
        setConfirming(false);
        setError(t('settings.clearRefused'));
        return;
      }
      await getPlatform().clearToken();
      // A fresh start: every screen and the sync engine forget what they held.
      window.location.hash = '#/';
      window.location.reload();
    } catch (failure) {
      setBusy(null);
      setConfirming(false);
      setError(t('settings.clearFailed', { reason: failure instanceof Error ? failure.name : String(failure) }));
    }
  };

  return (
    <Card id="clear" data-testid="clear-data">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('settings.clear')}</Typography>
        <Typography color="text.secondary" sx={{ mb: 1.5 }}>{t('settings.clearHint')}</Typography>
        <Typography variant="body2" data-testid="device-holdings" sx={{ mb: 2 }}>
          {t('settings.holdings', { records: format.integer(holdings.records), laos: format.integer(holdings.laos), unsynced: format.integer(unsynced), drafts: format.integer(holdings.drafts) })}
        </Typography>
        {unsynced > 0 && (
          <Alert severity={exportedAll ? 'success' : 'warning'} sx={{ mb: 2 }} data-testid="unsynced-warning">
            {exportedAll && saved
              ? t('settings.exported', { file: saved.name, count: saved.count, when: format.date(bangkokDateOf(new Date(saved.at))) })
              : stale ? t('settings.exportedStale') : t('settings.unsyncedWarning', { count: unsynced })}
          </Alert>
        )}
        {error && <Alert severity="error" sx={{ mb: 2 }} data-testid="clear-error">{error}</Alert>}
        <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
          {unsynced > 0 && (
            <Button variant={exportedAll ? 'outlined' : 'contained'} startIcon={<SaveAltIcon />} onClick={() => void saveUnsynced()} disabled={busy !== null}>
              {t('settings.exportUnsynced')}
            </Button>
          )}
          <Button variant="outlined" color="error" startIcon={<DeleteForeverIcon />} disabled={!exportedAll || busy !== null} onClick={() => { setUnderstood(false); setConfirming(true); }}>
            {t('settings.clearButton')}
          </Button>
        </Stack>
      </CardContent>
      <Dialog open={confirming} onClose={() => busy === null && setConfirming(false)} aria-labelledby="clear-title" data-testid="clear-confirm">
        <DialogTitle id="clear-title">{t('settings.confirmTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 1.5 }}>
            {t('settings.confirmBody', { records: format.integer(holdings.records), laos: format.integer(holdings.laos), drafts: format.integer(holdings.drafts) })}
          </DialogContentText>
          {unsynced > 0 && <Alert severity="info" sx={{ mb: 1.5 }}>{t('settings.confirmUnsynced', { count: unsynced })}</Alert>}
          <FormControlLabel control={<Checkbox checked={understood} onChange={(e) => setUnderstood(e.target.checked)} autoFocus />} label={t('settings.confirmCheck')} />
          {busy === 'clear' && (
            <Box role="status" aria-live="polite" sx={{ mt: 1 }}>
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
