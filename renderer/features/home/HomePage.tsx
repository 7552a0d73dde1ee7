import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { localDb } from '../../data/db';
import { residueOf, type DeviceHoldings } from '../../data/device';
import { useDeviceHoldings } from '../../data/deviceHooks';
import { useFormat } from '../../app/format';
import { ChecklistView } from '../checklist/ChecklistView';
import { DemoBanner } from './DemoBanner';
import { DemoLoader } from './DemoLoader';

/**
 * The province and its LAO count: all the home page needs to show the checklist.
 * What else the laptop holds is counted only on a laptop without LAOs
 * (EmptyState): counting every record table walks a million rows (about a
 * second), and this live query runs again after every write.
 */
function useOverview() {
  return useLiveQuery(async () => {
    const db = localDb();
    const [province, laoCount] = await Promise.all([db.provinces.toCollection().first(), db.laos.count()]);
    return { province, laoCount };
  }, []);
}

/** What to offer on a laptop without LAOs: a load's progress, the way to clear residue, the wait for a sync, or the first run. */
function EmptyBody({ holdings }: { holdings: DeviceHoldings }) {
  const { t } = useTranslation();
  const residue = residueOf(holdings);
  // A load under way writes its records before its LAOs: those rows are not residue.
  if (holdings.loading) return <DemoLoader />;
  if (residue > 0) {
    return (
      <Alert severity="warning" data-testid="home-residue" action={<Button component={RouterLink} to="/settings#clear" color="inherit" size="small">{t('home.openClear')}</Button>}>
        {t('home.residue', { count: residue })}. {t('home.residueHint')}
      </Alert>
    );
  }
  if (holdings.signedIn) return <Typography color="text.secondary" data-testid="home-awaiting-sync">{t('home.awaitingSync')}</Typography>;
  return (
    <>
      <Typography color="text.secondary">{t('home.emptyHint')}</Typography>
      <DemoLoader />
    </>
  );
}

/** No LAOs here: the first-run card. */
function EmptyState() {
  const { t } = useTranslation();
  const holdings = useDeviceHoldings();
  return (
    <Card sx={{ maxWidth: 640 }}>
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h5" component="h2">{t('home.empty')}</Typography>
          {holdings ? <EmptyBody holdings={holdings} /> : <LinearProgress />}
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
