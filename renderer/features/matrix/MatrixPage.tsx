import { Alert, Box, Button, MenuItem, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LAO_TYPE_CODES } from '../../../shared/domain/reference';
import { useFormat } from '../../app/format';
import { useUrlParams } from '../../app/useUrlParams';
import { useProvinceCompletion, useProvinceReference } from '../../data/province';
import { localDb } from '../../data/db';
import { DemoBanner } from '../home/DemoBanner';
import { isTaskStatus, TASK_STATUSES } from '../../../shared/calendar/index';
import { useCalendarTasks } from '../checklist/useTasks';
import { selectedMonth, useLocalName } from '../checklist/months';
import { MonthPicker } from '../checklist/MonthPicker';
import { CompletionState, StatusLegend } from '../checklist/status';
import { buildMatrix, provinceView } from './matrix';
import { MatrixTable } from './MatrixTable';
import { PartialDataNotice } from '../sync/PartialDataNotice';
import { useActiveSignOffs } from '../checklist/SignOff';

export function MatrixPage() {
  const { t } = useTranslation('calendar');
  const { t: tr } = useTranslation();
  const format = useFormat();
  const today = format.today();
  const name = useLocalName();
  const [params, updateParams] = useUrlParams();
  const { year, month, fiscalYear } = selectedMonth(params.get('month'), today.iso);
  const view = params.get('view') === 'year' ? 'year' : 'month';
  const district = params.get('district') ?? undefined;
  const type = params.get('type') ?? undefined;
  const statusParam = params.get('status');
  const status = isTaskStatus(statusParam) ? statusParam : undefined;
  const reference = useProvinceReference();
  const snapshot = useProvinceCompletion(fiscalYear, today.iso);
  const locks = useActiveSignOffs(fiscalYear, year, month);
  const { tasks } = useCalendarTasks(year, month, view === 'year');
  // A device with several provinces (an administrator's, after the national registry) shows one
  // province's matrix at a time: the first unless another is chosen.
  const provinceNames = useLiveQuery(() => localDb().provinces.toArray() as unknown as Promise<{ code: string; nameTh: string; nameEn: string }[]>, []);
  const { provinces, province, ...inProvince } = useMemo(
    () => provinceView(reference?.laos ?? [], reference?.districts ?? [], params.get('province')),
    [reference, params],
  );
  // Filtering reads the cached results; results only change when the engine recomputed an LAO.
  const model = useMemo(
    () => buildMatrix(inProvince.laos, inProvince.districts, tasks, snapshot.results, { district, type, status }),
    [inProvince, tasks, snapshot.results, district, type, status],
  );
  const setParam = (key: string, value: string | undefined) => updateParams((next) => {
    if (value) next.set(key, value); else next.delete(key);
  });
  const presentTypes = LAO_TYPE_CODES.filter((code) => inProvince.laos.some((lao) => lao.type === code));

  return (
    // data-results: the day whose results are on screen, once they are computed for it (empty while stale).
    <Stack spacing={2.5} data-testid="matrix-page" data-results={snapshot.ready && !snapshot.stale ? snapshot.asOf : ''}>
      <DemoBanner />
      <Box>
        <Typography variant="h4" component="h1">{t('matrix.title', { fy: fiscalYear })}</Typography>
        <Typography color="text.secondary">{t('matrix.intro')}</Typography>
      </Box>
      <PartialDataNotice />
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <ToggleButtonGroup size="small" exclusive value={view} aria-label={t('matrix.view')} onChange={(_e, v: string | null) => v && setParam('view', v === 'year' ? 'year' : undefined)}>
          <ToggleButton value="month">{t('matrix.monthView')}</ToggleButton>
          <ToggleButton value="year">{t('matrix.yearView')}</ToggleButton>
        </ToggleButtonGroup>
        <MonthPicker year={year} month={month} fiscalYear={fiscalYear} currentFiscalYear={today.fiscalYear} onChange={(key) => setParam('month', key)} minWidth={190} />
        {province !== undefined && (
          <TextField select size="small" label={t('matrix.province')} value={province} onChange={(e) => updateParams((next) => { next.set('province', e.target.value); next.delete('district'); })} sx={{ minWidth: 150 }}>
            {provinces.map((code) => {
              const known = provinceNames?.find((p) => p.code === code);
              return <MenuItem key={code} value={code}>{known ? name(known) : code}</MenuItem>;
            })}
          </TextField>
        )}
        <TextField select size="small" label={t('matrix.district')} value={district ?? ''} onChange={(e) => setParam('district', e.target.value)} sx={{ minWidth: 180 }}>
          <MenuItem value="">{t('matrix.allDistricts')}</MenuItem>
          {inProvince.districts.map((d) => <MenuItem key={d.code} value={d.code}>{name(d)}</MenuItem>)}
        </TextField>
        <TextField select size="small" label={t('matrix.type')} value={type ?? ''} onChange={(e) => setParam('type', e.target.value)} sx={{ minWidth: 200 }}>
          <MenuItem value="">{t('matrix.allTypes')}</MenuItem>
          {presentTypes.map((code) => <MenuItem key={code} value={code}>{tr(`laoType.${code}`)}</MenuItem>)}
        </TextField>
        <TextField select size="small" label={t('matrix.status')} value={status ?? ''} onChange={(e) => setParam('status', e.target.value)} sx={{ minWidth: 170 }}>
          <MenuItem value="">{t('matrix.allStatuses')}</MenuItem>
          {TASK_STATUSES.map((s) => <MenuItem key={s} value={s}>{t(`status.${s}`)}</MenuItem>)}
        </TextField>
        {district || type || status ? (
          <Button size="small" onClick={() => updateParams((next) => ['district', 'type', 'status'].forEach((k) => next.delete(k)))}>{t('matrix.clear')}</Button>
        ) : null}
        <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto', whiteSpace: 'nowrap' }} data-testid="matrix-shown">{t('matrix.shown', { count: model.shown, total: model.total })}</Typography>
      </Stack>
      <StatusLegend />
      <CompletionState snapshot={snapshot} />
      {!snapshot.ready ? null : tasks.length === 0 ? (
        <Alert severity="info">{t('checklist.noTasks')}</Alert>
      ) : model.shown === 0 ? (
        <Alert severity="info">{t('matrix.none')}</Alert>
      ) : (
        <MatrixTable model={model} tasks={tasks} focusMonth={{ year, month }} locks={locks} stale={snapshot.stale} />
      )}
    </Stack>
  );
}
