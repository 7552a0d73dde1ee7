import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { localDb } from '../../data/db';
import { deviceHoldings, residueOf, type DeviceHoldings } from '../../data/device';
import { useFormat } from '../../app/format';
import { ChecklistView } from '../checklist/ChecklistView';
import { DemoBanner } from './DemoBanner';
import { DemoLoader } from './DemoLoader';

function useOverview() {
  return useLiveQuery(async () => {
    const db = localDb();
    const [province, holdings] = await Promise.all([db.provinces.toCollection().first(), deviceHoldings(db)]);
    return { province, laoCount: holdings.laos, holdings };
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
function EmptyState({ holdings }: { holdings: DeviceHoldings }) {
  const { t } = useTranslation();
  return (
    <Card sx={{ maxWidth: 640 }}>
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h5" component="h2">{t('home.empty')}</Typography>
          <EmptyBody holdings={holdings} />
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
          <EmptyState holdings={overview.holdings} />
        </>
      ) : (
        <ChecklistView provinceName={provinceName} laoCount={overview.laoCount} />
      )}
    </Stack>
  );
}
