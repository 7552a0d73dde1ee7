import { Box, Card, CardActionArea, CardContent, Chip, FormControl, Grid, InputAdornment, InputLabel, LinearProgress, MenuItem, Select, Stack, TextField, Typography } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useLiveQuery } from 'dexie-react-hooks';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LAO_TYPE_CODES, directoryRows, groupLaosByDistrict, matchesLaoSearch, monthStatusOf, type DirectoryLao, type DirectoryDistrict } from './directory';
import { useProvinceCompletion } from '../../data/province';
import { useCalendarTasks } from '../checklist/useTasks';
import { TASK_STATUSES } from '../../../shared/calendar/index';
import { StatusChip } from '../checklist/status';
import { localDb } from '../../data/db';
import { loadAllLaoSummaries, type FiscalSummary } from '../../data/queries';
import { useFormat } from '../../app/format';
import { DemoBanner } from '../home/DemoBanner';
import { useLocalName } from '../checklist/months';

export function LaoDirectoryPage() {
  const { t } = useTranslation();
  const name = useLocalName();
  const [query, setQuery] = useState('');
  const [type, setType] = useState('');
  const [districtCode, setDistrictCode] = useState('');
  const [status, setStatus] = useState('');
  const [provinceCode, setProvinceCode] = useState('');
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
    const [laos, districts, provinces] = await Promise.all([db.laos.toArray(), db.districts.toArray(), db.provinces.toArray()]);
    return {
      laos: laos as unknown as DirectoryLao[],
      districts: districts as unknown as (DirectoryDistrict & { provinceCode: string })[],
      districtByCode: new Map((districts as unknown as DirectoryDistrict[]).map((d) => [d.code, d])),
      provinces: (provinces as unknown as { code: string; nameTh: string; nameEn: string }[]).sort((a, b) => a.code.localeCompare(b.code)),
    };
  }, []);
  const groups = useMemo(() => {
    if (!data) return [];
    const visible = data.laos.filter((lao) => (!provinceCode || lao.provinceCode === provinceCode) && (!type || lao.type === type) && (!districtCode || lao.districtCode === districtCode)
      && (!status || statusOf(lao.id) === status) && matchesLaoSearch(lao, data.districtByCode, deferredQuery));
    return groupLaosByDistrict(visible, data.districts);
  }, [data, provinceCode, type, districtCode, status, statusOf, deferredQuery]);
  const shown = useMemo(() => groups.reduce((sum, group) => sum + group.laos.length, 0), [groups]);
  if (!data) return <LinearProgress />;
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
        {/* A device with more than one province (an administrator's, after the national registry): one province at a time, or all. */}
        {data.provinces.length > 1 && (
          <FormControl sx={{ minWidth: 220 }}>
            <InputLabel id="lao-province-label">{tr('directory.province')}</InputLabel>
            <Select labelId="lao-province-label" label={tr('directory.province')} value={provinceCode} onChange={(event) => { setProvinceCode(event.target.value); setDistrictCode(''); }}>
              <MenuItem value="">{tr('directory.allProvinces')}</MenuItem>
              {data.provinces.map((p) => <MenuItem key={p.code} value={p.code}>{name(p)}</MenuItem>)}
            </Select>
          </FormControl>
        )}
        <FormControl sx={{ minWidth: 220 }}>
          <InputLabel id="lao-district-label">{tr('directory.district')}</InputLabel>
          <Select labelId="lao-district-label" label={tr('directory.district')} value={districtCode} onChange={(event) => setDistrictCode(event.target.value)}>
            <MenuItem value="">{tr('directory.allDistricts')}</MenuItem>
            {data.districts.filter((d) => !provinceCode || d.provinceCode === provinceCode).sort((a, b) => a.code.localeCompare(b.code)).map((d) => <MenuItem key={d.code} value={d.code}>{name(d)}</MenuItem>)}
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
      <Typography color="text.secondary" data-testid="lao-count-shown" data-count={shown} aria-live="polite">{t('laos.shown', { count: shown })}</Typography>
      {groups.length === 0 && <Typography color="text.secondary">{t('laos.none')}</Typography>}
      <DirectoryList groups={groups} render={(lao) => (
        <Card data-testid="lao-card" sx={{ height: '100%' }}>
          <CardActionArea component={Link} to={`/laos/${lao.id}`} sx={{ height: '100%', alignItems: 'flex-start' }}>
            <CardContent>
              <Typography sx={{ fontWeight: 600 }}>{name(lao)}</Typography>
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
      )} districtLabel={(district, count) => (
        <Stack direction="row" spacing={1} sx={{ pt: 1.5, pb: 1, alignItems: 'baseline' }}>
          <Typography variant="h6" component="h2">{t('laos.district', { name: name(district) })}</Typography>
          <Typography color="text.secondary">{t('laos.count', { count })}</Typography>
        </Stack>
      )} />
    </Stack>
  );
}

/** Columns of cards for the list's width: three on a laptop, two on a narrow window, one on a phone. */
const columnsFor = (width: number) => (width >= 900 ? 3 : width >= 600 ? 2 : 1);

/**
 * The district headings and rows of cards, virtualized against the page's own
 * scroll: only the rows on screen are elements, so the whole country's 7,850
 * LAOs filter and scroll as quickly as a province's hundred.
 */
function DirectoryList({ groups, render, districtLabel }: {
  groups: readonly { district: DirectoryDistrict; laos: DirectoryLao[] }[];
  render: (lao: DirectoryLao) => ReactNode;
  districtLabel: (district: DirectoryDistrict, count: number) => ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1200);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      setWidth(element.clientWidth);
      setOffset(element.getBoundingClientRect().top + window.scrollY);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const columns = columnsFor(width);
  const rows = useMemo(() => directoryRows(groups, columns), [groups, columns]);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: (index) => (rows[index]?.kind === 'district' ? 52 : 150),
    overscan: 6,
    scrollMargin: offset,
  });
  return (
    <Box ref={ref} sx={{ position: 'relative', height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows[item.index]!;
        return (
          <Box
            key={item.key}
            ref={virtualizer.measureElement}
            data-index={item.index}
            component={row.kind === 'district' ? 'section' : 'div'}
            aria-label={row.kind === 'district' ? row.district.nameTh : undefined}
            sx={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`, pb: row.kind === 'cards' ? 1.5 : 0 }}
          >
            {row.kind === 'district' ? districtLabel(row.district, row.count) : (
              <Grid container spacing={1.5} columns={columns}>
                {row.laos.map((lao) => <Grid key={lao.id} size={1}>{render(lao)}</Grid>)}
              </Grid>
            )}
          </Box>
        );
      })}
    </Box>
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
