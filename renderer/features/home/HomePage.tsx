import { Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDb } from '../../data/db';
import { generateAndLoadDemo } from '../../data/demo';
import { useFormat } from '../../app/format';
import { ChecklistView } from '../checklist/ChecklistView';
import { DemoBanner } from './DemoBanner';

function useOverview() {
  return useLiveQuery(async () => {
    const db = localDb();
    const [province, laoCount] = await Promise.all([db.provinces.toCollection().first(), db.laos.count()]);
    return { province, laoCount };
  }, []);
}

function EmptyState() {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<number | null>(null);
  const load = async () => {
    setProgress(0);
    await generateAndLoadDemo(localDb(), setProgress);
    setProgress(null);
  };
  return (
    <Card sx={{ maxWidth: 640 }}>
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h5" component="h2">{t('home.empty')}</Typography>
          <Typography color="text.secondary">{t('home.emptyHint')}</Typography>
          {progress === null ? (
            <Box><Button variant="contained" onClick={load}>{t('home.loadDemo')}</Button></Box>
          ) : (
            <Box role="status" aria-live="polite">
              <Typography variant="body2">{t('home.loadingDemo')} {Math.round(progress * 100)}%</Typography>
              <LinearProgress variant="determinate" value={progress * 100} aria-label={t('home.loadingDemo')} />
            </Box>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}

/** The officer's home: this month's checklist once data is on the device, else the first-run empty state. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const overview = useOverview();
  const format = useFormat();
  const today = format.today();
  if (!overview) return <LinearProgress />;
  const provinceName = overview.province ? String(i18n.language === 'en' ? overview.province.nameEn : overview.province.nameTh) : '';
  return (
    <Stack spacing={3}>
      <DemoBanner />
      {overview.laoCount === 0 ? (
        <>
          <Box>
            <Typography variant="h4" component="h1">{provinceName || t('home.greeting')}</Typography>
            <Typography color="text.secondary" data-testid="today">
              {t('home.today', { date: format.date(today.iso) })} · {t('home.fiscalYear', { fy: today.fiscalYear, q: today.quarter })}
            </Typography>
          </Box>
          <EmptyState />
        </>
      ) : (
        <ChecklistView provinceName={provinceName} laoCount={overview.laoCount} />
      )}
    </Stack>
  );
}
