import { Alert, Box, Breadcrumbs, Card, CardContent, Chip, Divider, LinearProgress, Link as MuiLink, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { localDb, type StoredRecord } from '../../data/db';
import { useFormat } from '../../app/format';
import { DemoBanner } from '../home/DemoBanner';
import { AntiDrugForm } from './AntiDrugForm';
import type { DirectoryLao } from './directory';

function useLaoActivities(laoId: string, fiscalYear: number) {
  return useLiveQuery(async () => {
    const db = localDb();
    const lao = (await db.laos.get(laoId)) as DirectoryLao | undefined;
    const activities = await db.antiDrugActivities.where({ laoId, fiscalYear }).toArray();
    return { lao, activities: activities.filter((row) => !row.deleted).sort((a, b) => String(b.heldOn).localeCompare(String(a.heldOn))) };
  }, [laoId, fiscalYear]);
}

function ActivityList({ activities }: { activities: StoredRecord[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (activities.length === 0) return <Typography color="text.secondary">{t('lao.noActivities')}</Typography>;
  return (
    <List dense data-testid="activity-list">
      {activities.map((activity) => (
        <ListItem key={activity.id} divider>
          <ListItemText
            primary={String(activity.name)}
            secondary={`${format.date(String(activity.heldOn))} · ${format.baht(Number(activity.budget))} · ${t('antiDrug.participantsCount', { count: Number(activity.participants) })}`}
          />
          {activity.enteredOnBehalf ? <Chip size="small" variant="outlined" label={t('form.onBehalf')} /> : null}
        </ListItem>
      ))}
    </List>
  );
}

export function LaoPage() {
  const { laoId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { fiscalYear } = format.today();
  const data = useLaoActivities(laoId, fiscalYear);
  if (!data) return <LinearProgress />;
  if (!data.lao) return <Alert severity="error">{t('lao.notFound')}</Alert>;
  const { lao, activities } = data;
  return (
    <Stack spacing={3}>
      <DemoBanner />
      <Breadcrumbs>
        <MuiLink component={Link} to="/laos">{t('nav.laos')}</MuiLink>
        <Typography color="text.primary">{i18n.language === 'en' ? lao.nameEn : lao.nameTh}</Typography>
      </Breadcrumbs>
      <Box>
        <Typography variant="h4" component="h1">{i18n.language === 'en' ? lao.nameEn : lao.nameTh}</Typography>
        <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
          <Chip label={t(`laoType.${lao.type}`)} color="primary" variant="outlined" />
          <Typography color="text.secondary">{t('laos.code', { code: lao.code })}</Typography>
          <Typography color="text.secondary">· {t('lao.fiscalYear', { fy: fiscalYear })}</Typography>
        </Stack>
      </Box>
      <Card>
        <CardContent>
          <Typography variant="h6" component="h2" gutterBottom>{t('lao.antiDrug')}</Typography>
          <ActivityList activities={activities} />
          <Divider sx={{ my: 2 }} />
          <Typography variant="subtitle1" component="h3" gutterBottom>{t('lao.addAntiDrug')}</Typography>
          <AntiDrugForm lao={lao as DirectoryLao & { provinceCode: string }} fiscalYear={fiscalYear} />
        </CardContent>
      </Card>
    </Stack>
  );
}
