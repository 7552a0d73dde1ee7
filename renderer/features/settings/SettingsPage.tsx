import { Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getPlatform } from '../../platform';
import { LOCAL_SCHEMA_VERSION } from '../../data/schema';
import { DemoLoader } from '../home/DemoLoader';
import { readStorageStatus, type StorageStatus } from '../../data/storage';
import { useFormat } from '../../app/format';
import { ClearDataCard } from './ClearDataCard';
import { UpdateStatusLine } from '../updates/UpdateNotice';

function useAppInfo() {
  const [info, setInfo] = useState<{ version: string; kind: string; serverUrl: string | null } | null>(null);
  useEffect(() => {
    const platform = getPlatform();
    void Promise.all([platform.appVersion(), platform.defaultServerUrl()]).then(([version, serverUrl]) =>
      setInfo({ version, kind: platform.kind, serverUrl }),
    );
  }, []);
  return info;
}

function StorageCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<StorageStatus | null>(null);
  useEffect(() => {
    void readStorageStatus().then(setStatus);
  }, []);
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('settings.storage')}</Typography>
        {status?.quota ? (
          <>
            <Typography data-testid="storage-use">{t('settings.storageUse', { used: format.bytes(status.usage ?? 0), quota: format.bytes(status.quota) })}</Typography>
            <LinearProgress variant="determinate" value={Math.min(100, ((status.usage ?? 0) / status.quota) * 100)} sx={{ my: 1 }} />
          </>
        ) : (
          <Typography>{t('settings.storageUnknown')}</Typography>
        )}
        <Typography variant="body2" color="text.secondary">{status?.persisted ? t('settings.persisted') : t('settings.notPersisted')}</Typography>
        <Typography variant="body2" color="text.secondary">{t('settings.databaseVersion', { version: LOCAL_SCHEMA_VERSION })}</Typography>
      </CardContent>
    </Card>
  );
}

function DemoCard() {
  const { t } = useTranslation();
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>{t('settings.demo')}</Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }}>{t('settings.demoHint')}</Typography>
        <DemoLoader variant="outlined" />
      </CardContent>
    </Card>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const info = useAppInfo();
  return (
    <Stack spacing={2} sx={{ maxWidth: 760 }}>
      <Typography variant="h4" component="h1">{t('settings.title')}</Typography>
      <Card>
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>{t('settings.about')}</Typography>
          {info && (
            <>
              <Typography data-testid="app-version">{t('settings.version', { version: info.version, platform: t(`settings.platform_${info.kind}`) })}</Typography>
              <Typography color="text.secondary">{t('settings.serverUrl')}: {info.serverUrl ?? '—'}</Typography>
              <UpdateStatusLine />
            </>
          )}
        </CardContent>
      </Card>
      <StorageCard />
      <DemoCard />
      <ClearDataCard />
    </Stack>
  );
}
