import { Box, Card, CardActionArea, CardContent, Chip, FormControl, Grid, InputAdornment, InputLabel, LinearProgress, MenuItem, Select, Stack, TextField, Typography } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LAO_TYPE_CODES, groupLaosByDistrict, matchesLaoSearch, monthStatusOf, type DirectoryLao, type DirectoryDistrict } from './directory';
import { useProvinceCompletion } from '../../data/province';
import { useCalendarTasks } from '../checklist/useTasks';
import { TASK_STATUSES } from '../../../shared/calendar/index';
import { StatusChip } from '../checklist/status';
import { localDb } from '../../data/db';
import { loadAllLaoSummaries, type FiscalSummary } from '../../data/queries';
import { useFormat } from '../../app/format';
import { DemoBanner } from '../home/DemoBanner';

export function LaoDirectoryPage() {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [type, setType] = useState('');
  const [districtCode, setDistrictCode] = useState('');
  const [status, setStatus] = useState('');
  const tr = useTranslation('records').t;
  const format = useFormat();
  const fiscalYear = format.today().fiscalYear;
  const deferredQuery = useDeferredValue(query);
  const today = format.today();
  const [year, month] = today.iso.split('-').map(Number) as [number, number];
  const { tasks } = useCalendarTasks(year, month);
  const completion = useProvinceCompletion(today.fiscalYear, today.iso);
  const statusOf = useMemo(() => {
    const ids = tasks.map((task) => task.id);
    return (laoId: string) => monthStatusOf(completion.results.get(laoId), ids);
  }, [tasks, completion.results]);
  const tc = useTranslation('calendar').t;
  const summaries = useLiveQuery(() => loadAllLaoSummaries(localDb(), fiscalYear), [fiscalYear]);
  const data = useLiveQuery(async () => {
    const db = localDb();
    const [laos, districts] = await Promise.all([db.laos.toArray(), db.districts.toArray()]);
    return { laos: laos as unknown as DirectoryLao[], districts: districts as unknown as DirectoryDistrict[] };
  }, []);
  const groups = useMemo(() => {
    if (!data) return [];
    const visible = data.laos.filter((lao) => (!type || lao.type === type) && (!districtCode || lao.districtCode === districtCode)
      && (!status || statusOf(lao.id) === status) && matchesLaoSearch(lao, data.districts, deferredQuery));
    return groupLaosByDistrict(visible, data.districts);
  }, [data, type, districtCode, status, statusOf, deferredQuery]);
  if (!data) return <LinearProgress />;
  const en = i18n.language === 'en';
  return (
    <Stack spacing={3}>
      <DemoBanner />
      <Typography variant="h4" component="h1">{t('laos.title')}</Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          label={t('laos.search')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          autoFocus
          fullWidth
          slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon /></InputAdornment> } }}
        />
        <FormControl sx={{ minWidth: 220 }}>
          <InputLabel id="lao-district-label">{tr('directory.district')}</InputLabel>
          <Select labelId="lao-district-label" label={tr('directory.district')} value={districtCode} onChange={(event) => setDistrictCode(event.target.value)}>
            <MenuItem value="">{tr('directory.allDistricts')}</MenuItem>
            {[...data.districts].sort((a, b) => a.code.localeCompare(b.code)).map((d) => <MenuItem key={d.code} value={d.code}>{en ? d.nameEn : d.nameTh}</MenuItem>)}
          </Select>
        </FormControl>
        <FormControl sx={{ minWidth: 260 }}>
          <InputLabel id="lao-type-label">{t('laos.type')}</InputLabel>
          <Select labelId="lao-type-label" label={t('laos.type')} value={type} onChange={(event) => setType(event.target.value)}>
            <MenuItem value="">{t('laos.allTypes')}</MenuItem>
            {LAO_TYPE_CODES.map((code) => <MenuItem key={code} value={code}>{t(`laoType.${code}`)}</MenuItem>)}
          </Select>
        </FormControl>
        <FormControl sx={{ minWidth: 220 }}>
          <InputLabel id="lao-status-label">{tr('directory.monthStatus')}</InputLabel>
          <Select labelId="lao-status-label" label={tr('directory.monthStatus')} value={status} onChange={(event) => setStatus(event.target.value)} disabled={!completion.ready}>
            <MenuItem value="">{tr('directory.allStatuses')}</MenuItem>
            {TASK_STATUSES.map((code) => <MenuItem key={code} value={code}>{tc(`status.${code}`)}</MenuItem>)}
          </Select>
        </FormControl>
      </Stack>
      {groups.length === 0 && <Typography color="text.secondary">{t('laos.none')}</Typography>}
      {groups.map(({ district, laos }) => (
        <Box key={district.code} component="section" aria-label={en ? district.nameEn : district.nameTh}>
          <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'baseline' }}>
            <Typography variant="h6" component="h2">{t('laos.district', { name: en ? district.nameEn : district.nameTh })}</Typography>
            <Typography color="text.secondary">{t('laos.count', { count: laos.length })}</Typography>
          </Stack>
          <Grid container spacing={1.5}>
            {laos.map((lao) => (
              <Grid key={lao.id} size={{ xs: 12, sm: 6, md: 4 }}>
                <Card data-testid="lao-card">
                  <CardActionArea component={Link} to={`/laos/${lao.id}`}>
                    <CardContent>
                      <Typography sx={{ fontWeight: 600 }}>{en ? lao.nameEn : lao.nameTh}</Typography>
                      <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 0.5, alignItems: 'center', flexWrap: 'wrap' }}>
                        <Chip size="small" label={t(`laoType.${lao.type}`)} />
                        <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>{t('laos.code', { code: lao.code })}</Typography>
                        <Box sx={{ flexGrow: 1 }} />
                        {statusOf(lao.id) && <StatusChip status={statusOf(lao.id)!} />}
                      </Stack>
                      <LaoCardSummary summary={summaries?.get(lao.id)} fiscalYear={fiscalYear} />
                    </CardContent>
                  </CardActionArea>
                </Card>
              </Grid>
            ))}
          </Grid>
        </Box>
      ))}
    </Stack>
  );
}

function LaoCardSummary({ summary, fiscalYear }: { summary: FiscalSummary | undefined; fiscalYear: number }) {
  const tr = useTranslation('records').t;
  const format = useFormat();
  if (!summary) return null;
  const percent = summary.percentDisbursed;
  return (
    <Box sx={{ mt: 1 }} data-testid="lao-card-summary">
      <Typography variant="caption" color="text.secondary" component="div">
        {summary.plan ? tr('directory.plan', { period: `${summary.plan.startYear}–${summary.plan.endYear}` }) : tr('directory.noPlan')}
        {' · '}
        {summary.ordinanceTotal === null ? tr('directory.noOrdinance', { fy: fiscalYear }) : tr('directory.ordinanceTotal', { amount: format.baht(summary.ordinanceTotal) })}
      </Typography>
      {percent !== null && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mt: 0.5 }}>
          <LinearProgress variant="determinate" value={Math.min(100, percent)} sx={{ flexGrow: 1, height: 6, borderRadius: 3 }} />
          <Typography variant="caption" sx={{ minWidth: 90, textAlign: 'right' }}>{tr('directory.disbursed', { percent: percent.toFixed(1) })}</Typography>
        </Stack>
      )}
    </Box>
  );
}
