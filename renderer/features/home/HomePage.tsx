import { Box, Button, Card, CardContent, Grid, LinearProgress, Stack, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RECORD_TABLES } from '../../../shared/domain/tables';
import { localDb } from '../../data/db';
import { generateAndLoadDemo } from '../../data/demo';
import { useFormat } from '../../app/format';
import { DemoBanner } from './DemoBanner';

function useOverview() {
  return useLiveQuery(async () => {
    const db = localDb();
    const [province, laoCount, districtCount, laos] = await Promise.all([
      db.provinces.toCollection().first(),
      db.laos.count(),
      db.districts.count(),
      db.laos.toArray(),
    ]);
    const counts = await Promise.all(RECORD_TABLES.map((table) => db.table(table).count()));
    const byType = new Map<string, number>();
    for (const lao of laos) byType.set(String(lao.type), (byType.get(String(lao.type)) ?? 0) + 1);
    return { province, laoCount, districtCount, recordCount: counts.reduce((a, b) => a + b, 0), byType: [...byType] };
  }, []);
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card>
      <CardContent>
        <Typography variant="body2" color="text.secondary">{label}</Typography>
        <Typography variant="h4" component="p" data-testid={testId}>{value}</Typography>
      </CardContent>
    </Card>
  );
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
      <Box>
        <Typography variant="h4" component="h1">{provinceName || t('home.greeting')}</Typography>
        <Typography color="text.secondary" data-testid="today">
          {t('home.today', { date: format.date(today.iso) })} · {t('home.fiscalYear', { fy: today.fiscalYear, q: today.quarter })}
        </Typography>
      </Box>
      {overview.laoCount === 0 ? (
        <EmptyState />
      ) : (
        <>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 4 }}><Stat testId="lao-count" label={t('home.laoCount')} value={format.integer(overview.laoCount)} /></Grid>
            <Grid size={{ xs: 12, sm: 4 }}><Stat testId="district-count" label={t('home.districtCount')} value={format.integer(overview.districtCount)} /></Grid>
            <Grid size={{ xs: 12, sm: 4 }}><Stat testId="record-count" label={t('home.recordCount')} value={format.integer(overview.recordCount)} /></Grid>
          </Grid>
          <Card>
            <CardContent>
              <Typography variant="h6" component="h2" gutterBottom>{t('home.byType')}</Typography>
              <Stack spacing={1}>
                {overview.byType.map(([type, count]) => (
                  <Stack key={type} direction="row" sx={{ justifyContent: 'space-between' }}>
                    <Typography>{t(`laoType.${type}`)}</Typography>
                    <Typography sx={{ fontWeight: 600 }}>{format.integer(count)}</Typography>
                  </Stack>
                ))}
              </Stack>
            </CardContent>
          </Card>
          <Box><Button variant="contained" component={Link} to="/laos">{t('home.openDirectory')}</Button></Box>
        </>
      )}
    </Stack>
  );
}
