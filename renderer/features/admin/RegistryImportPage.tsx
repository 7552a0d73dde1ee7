import { Alert, Box, Button, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDb } from '../../data/db';
import { importRegistry, type RegistryImportOutcome } from './importRegistry';

export function RegistryImportPage() {
  const { t } = useTranslation('exports');
  const [outcome, setOutcome] = useState<RegistryImportOutcome | undefined>();
  const [busy, setBusy] = useState(false);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      setOutcome(await importRegistry(localDb(), await file.text()));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={2.5}>
      <Box>
        <Typography variant="h4" component="h1">{t('registry.title')}</Typography>
        <Typography color="text.secondary">{t('registry.intro')}</Typography>
      </Box>
      <Box>
        <Button variant="contained" component="label" startIcon={<UploadFileIcon />} disabled={busy}>
          {t('registry.choose')}
          <input hidden type="file" accept=".csv,text/csv" data-testid="registry-file" onChange={(e) => void onFile(e.target.files?.[0])} />
        </Button>
      </Box>
      {outcome?.ok ? <Alert severity="success" data-testid="registry-outcome">{t('registry.done', outcome)}</Alert> : null}
      {outcome && !outcome.ok ? (
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
