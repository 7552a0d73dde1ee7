import { Alert, Box, Button, LinearProgress, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOnline } from '../../app/useOnline';
import { localDb } from '../../data/db';
import { storedAdminApi } from '../../sync/runtime';
import { useSessionUser } from '../sync/useSync';
import { adminErrorKey } from './users';
import { importRegistry, type RegistryImportOutcome, type RegistryStep } from './importRegistry';
import { useFormat } from '../../app/format';
import { decodeRegistry, type RegistryEncoding } from './registryEncoding';
import { logError } from '../../app/errorLog';

export function RegistryImportPage() {
  const { t } = useTranslation('exports');
  const [outcome, setOutcome] = useState<RegistryImportOutcome | undefined>();
  const [busy, setBusy] = useState(false);
  const [encoding, setEncoding] = useState<RegistryEncoding | undefined>();
  const [progress, setProgress] = useState<{ step: RegistryStep; done: number; total: number } | null>(null);
  const format = useFormat();
  const user = useSessionUser();
  const online = useOnline();
  const toServer = user?.role === 'admin';
  const [unexpected, setUnexpected] = useState(false);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setUnexpected(false);
    try {
      const api = toServer ? await storedAdminApi(localDb()) : null;
      // Excel on Thai Windows saves Windows-874; newer tools UTF-8, with or without a byte-order mark.
      const decoded = decodeRegistry(new Uint8Array(await file.arrayBuffer()));
      setEncoding(decoded.encoding);
      setOutcome(undefined);
      const onProgress = (step: RegistryStep, done: number, total: number) => setProgress({ step, done, total });
      setOutcome(await importRegistry(localDb(), decoded.text, api ? { sendToServer: (registry) => api.importReference(registry), onProgress } : { onProgress }));
    } catch (error) {
      // importRegistry answers every expected failure itself: this is the unexpected (a file the browser could not read).
      setOutcome(undefined);
      setUnexpected(true);
      logError('registry import failed', error);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <Stack spacing={2.5}>
      <Box>
        <Typography variant="h4" component="h1">{t('registry.title')}</Typography>
        <Typography color="text.secondary">{t('registry.intro')}</Typography>
      </Box>
      {toServer
        ? <Alert severity={online ? 'info' : 'warning'}>{t(online ? 'registry.toServer' : 'registry.needsOnline')}</Alert>
        : <Alert severity="info">{t('registry.deviceOnly')}</Alert>}
      <Box>
        <Button variant="contained" component="label" startIcon={<UploadFileIcon />} disabled={busy || user === undefined || (toServer && !online)}>
          {t('registry.choose')}
          <input hidden type="file" accept=".csv,text/csv" data-testid="registry-file" disabled={busy || user === undefined || (toServer && !online)} onChange={(e) => void onFile(e.target.files?.[0])} />
        </Button>
      </Box>
      {busy && progress ? (
        <Box role="status" data-testid="registry-progress" data-step={progress.step} data-done={progress.done} data-total={progress.total}>
          <Typography variant="body2" sx={{ mb: 0.5 }}>
            {t(`registry.progress.${progress.step}`, { done: format.integer(progress.done), total: format.integer(progress.total) })}
          </Typography>
          <LinearProgress variant={progress.step === 'sending' && progress.done < progress.total ? 'indeterminate' : 'determinate'} value={progress.total === 0 ? 0 : (100 * progress.done) / progress.total} />
        </Box>
      ) : null}
      {outcome && encoding ? (
        <Typography variant="body2" color="text.secondary" data-testid="registry-encoding" data-encoding={encoding}>{t(`registry.encoding.${encoding}`)}</Typography>
      ) : null}
      {unexpected ? <Alert severity="error" data-testid="registry-outcome">{t('registry.unexpected')}</Alert> : null}
      {outcome?.ok ? (
        <Alert severity="success" data-testid="registry-outcome">
          {t('registry.done', { laos: format.integer(outcome.laos), districts: format.integer(outcome.districts), provinces: format.integer(outcome.provinces), rows: format.integer(outcome.rows) })}{' '}
          {t(outcome.onServer ? 'registry.doneOnServer' : 'registry.doneDeviceOnly')}
        </Alert>
      ) : null}
      {outcome && !outcome.ok && 'serverError' in outcome ? (
        <Alert severity="error" data-testid="registry-outcome">{t('registry.serverRefused', { reason: t(`sync:${adminErrorKey(outcome.serverError)}`) })}</Alert>
      ) : null}
      {outcome && !outcome.ok && 'localError' in outcome ? (
        <Alert severity={outcome.onServer ? 'warning' : 'error'} data-testid="registry-outcome">
          {t(outcome.onServer ? 'registry.localFailedOnServer' : 'registry.localFailed', {
            reason: outcome.localError.code === 'QUOTA_EXCEEDED' ? t('translation:form.quotaExceeded') : t('registry.storageRefused'),
          })}
        </Alert>
      ) : null}
      {outcome && !outcome.ok && 'issues' in outcome ? (
        <Alert severity="error" data-testid="registry-outcome">
          {t('registry.failed', { count: outcome.issues.length })}
          <List dense>
            {outcome.issues.map((issue) => (
              <ListItem key={`${issue.line}-${issue.code}-${issue.params?.column ?? ''}`} disableGutters>
                <ListItemText primary={`${t('registry.line', { line: issue.line })}: ${t(`registry.issue.${issue.code}`, issue.params ?? {})}`} />
              </ListItem>
            ))}
          </List>
        </Alert>
      ) : null}
    </Stack>
  );
}
