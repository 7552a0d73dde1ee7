import { Box, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { localDb } from '../../data/db';
import { useFormat } from '../../app/format';
import { ChecklistView } from '../checklist/ChecklistView';
import { DemoBanner } from './DemoBanner';
import { DemoLoader } from './DemoLoader';

function useOverview() {
  return useLiveQuery(async () => {
    const db = localDb();
    const [province, laoCount] = await Promise.all([db.provinces.toCollection().first(), db.laos.count()]);
    return { province, laoCount };
  }, []);
}

function EmptyState() {
  const { t } = useTranslation();
  return (
    <Card sx={{ maxWidth: 640 }}>
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h5" component="h2">{t('home.empty')}</Typography>
          <Typography color="text.secondary">{t('home.emptyHint')}</Typography>
          <DemoLoader />
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
