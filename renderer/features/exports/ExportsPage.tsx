import { Alert, Box, Button, Card, CardActions, CardContent, LinearProgress, ListItemText, Menu, MenuItem, Stack, TextField, Typography } from '@mui/material';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fiscalYearOfMonth, monthsOfFiscalYear, parseIsoDate } from '../../../shared/calendar/fiscal';
import { useFormat } from '../../app/format';
import { useProvinceCompletion, useProvinceReference } from '../../data/province';
import { exportFileName } from '../../export/exportNames';
import type { WorkbookLanguage } from '../../export/labels';
import { runExport } from '../../export/runExport';
import { useFiscalYearsWithData } from '../../data/fiscalYears';
import { monthKey, newestFirst, parseMonthKey, useLocalName, useMonthLabel } from '../checklist/months';
import { DemoBanner } from '../home/DemoBanner';
import { EXPORT_ACTIONS, shortcutLabel, type ExportAction } from './exportActions';
import { exportRequest } from './exportRequest';
import { requestExport, takePendingExport, updateSelections, useExportSelections, usePendingExport } from './exportSelections';
import { LaoPicker } from './LaoPicker';
import { keepInDistrict, selectedLaos } from './laoSelection';
import { useStartExport } from './useExportShortcuts';
import { PartialDataNotice } from '../sync/PartialDataNotice';

type Notice = { severity: 'success' | 'info' | 'error'; text: string } | undefined;

export function ExportsPage() {
  const { t, i18n } = useTranslation('exports');
  const format = useFormat();
  const today = format.today();
  const ymd = parseIsoDate(today.iso)!;
  const monthLabel = useMonthLabel();
  const name = useLocalName();
  const selections = useExportSelections();
  const month = selections.month || monthKey(ymd.year, ymd.month);
  const language: WorkbookLanguage = selections.language || (i18n.language === 'en' ? 'en' : 'th');
  const [progress, setProgress] = useState<number | undefined>();
  const [notice, setNotice] = useState<Notice>();
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const abort = useRef<AbortController | null>(null);
  const chosen = parseMonthKey(month)!;
  const fiscalYear = fiscalYearOfMonth(chosen.year, chosen.month);
  const reference = useProvinceReference();
  const snapshot = useProvinceCompletion(fiscalYear, today.iso);
  const yearsWithData = useFiscalYearsWithData(today.fiscalYear);
  const pending = usePendingExport();
  const startExport = useStartExport();
  const busy = progress !== undefined;
  const laos = reference ? selectedLaos(reference.laos, selections) : [];

  const perform = useCallback(async (action: ExportAction) => {
    if (busy || !reference) return;
    // Stale results are of another day, or not yet checked against the records: an export dated
    // today waits for today's, and starts by itself once they are computed (the pending request below).
    if (!snapshot.ready || snapshot.stale) {
      requestExport(action.kind);
      return setNotice({ severity: 'info', text: t('page.notReady') });
    }
    setMenuAnchor(null);
    setNotice(undefined);
    setProgress(0);
    const controller = new AbortController();
    abort.current = controller;
    try {
      const selected = { ...reference, laos: selectedLaos(reference.laos, selections) };
      const request = await exportRequest({ kind: action.kind, ...chosen, fiscalYear, language, asOf: today.iso }, selected, snapshot);
      const name = exportFileName(action.kind, reference.laos[0]?.provinceCode ?? '00', fiscalYear, action.kind === 'matrix' ? chosen : undefined);
      const outcome = await runExport(request, name, setProgress, controller.signal);
      if (outcome.ok) setNotice({ severity: 'success', text: t('page.saved', { name: outcome.path || name }) });
      else if (outcome.code === 'CANCELLED') setNotice({ severity: 'info', text: t('page.cancelled') });
      else setNotice({ severity: 'error', text: t('page.failed', { reason: outcome.message ?? outcome.code }) });
    } finally {
      abort.current = null;
      setProgress(undefined);
    }
  }, [busy, reference, snapshot, t, chosen, fiscalYear, language, today.iso, selections]);

  // An export asked for by a shortcut or the app-bar menu, here or on another page, starts once the data is ready.
  useEffect(() => {
    if (!pending || busy || !reference || !snapshot.ready || snapshot.stale) return;
    // Taken in a task of its own: if the inputs change first, the cleanup leaves the request pending for the next run.
    const timer = setTimeout(() => {
      const kind = takePendingExport(pending.seq);
      const action = EXPORT_ACTIONS.find((a) => a.kind === kind);
      if (action) void perform(action);
    }, 0);
    return () => clearTimeout(timer);
  }, [pending, busy, reference, snapshot.ready, snapshot.stale, perform]);

  const fiscalYears = newestFirst([...yearsWithData, fiscalYear]);
  const changeFiscalYear = (fy: number) => {
    // The same month of the year in the other fiscal year.
    const same = monthsOfFiscalYear(fy).find((m) => m.month === chosen.month)!;
    updateSelections({ month: monthKey(same.year, same.month) });
  };

  return (
    <Stack spacing={2.5}>
      <DemoBanner />
      <Box>
        <Typography variant="h4" component="h1">{t('page.title')}</Typography>
        <Typography color="text.secondary">{t('page.intro')}</Typography>
      </Box>
      <PartialDataNotice />
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField select size="small" label={t('page.fiscalYear')} value={fiscalYear} onChange={(e) => changeFiscalYear(Number(e.target.value))} sx={{ minWidth: 150 }} disabled={busy} data-testid="export-fiscal-year">
          {fiscalYears.map((fy) => <MenuItem key={fy} value={fy}>{t('page.fiscalYearValue', { fy })}</MenuItem>)}
        </TextField>
        <TextField select size="small" label={t('page.month')} value={month} onChange={(e) => updateSelections({ month: e.target.value })} sx={{ minWidth: 190 }} disabled={busy}>
          {monthsOfFiscalYear(fiscalYear).map((c) => <MenuItem key={monthKey(c.year, c.month)} value={monthKey(c.year, c.month)}>{monthLabel(c.year, c.month)}</MenuItem>)}
        </TextField>
        <TextField select size="small" label={t('page.language')} value={language} onChange={(e) => updateSelections({ language: e.target.value === 'en' ? 'en' : 'th' })} sx={{ minWidth: 160 }} disabled={busy}>
          <MenuItem value="th">ไทย</MenuItem>
          <MenuItem value="en">English</MenuItem>
        </TextField>
        <TextField
          select size="small" label={t('page.district')} value={selections.district} sx={{ minWidth: 180 }} disabled={busy} data-testid="export-district"
          onChange={(e) => updateSelections({ district: e.target.value, laoIds: keepInDistrict(reference?.laos ?? [], selections.laoIds, e.target.value) })}
        >
          <MenuItem value="">{t('page.allDistricts')}</MenuItem>
          {(reference?.districts ?? []).map((d) => <MenuItem key={d.code} value={d.code}>{name(d)}</MenuItem>)}
        </TextField>
      </Stack>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <LaoPicker laos={reference?.laos ?? []} district={selections.district} value={selections.laoIds} onChange={(laoIds) => updateSelections({ laoIds })} disabled={busy || !reference} />
        <Typography variant="body2" color="text.secondary" data-testid="export-lao-count">{t('page.laoCount', { count: laos.length })}</Typography>
        <Button variant="contained" startIcon={<FileDownloadIcon />} disabled={busy || !reference} onClick={(e) => setMenuAnchor(e.currentTarget)} aria-haspopup="menu" data-testid="export-menu-button">
          {t('page.menu')}
        </Button>
        <Menu anchorEl={menuAnchor} open={Boolean(menuAnchor)} onClose={() => setMenuAnchor(null)}>
          {EXPORT_ACTIONS.map((action) => (
            <MenuItem key={action.kind} onClick={() => void perform(action)} data-testid={`export-${action.kind}`}>
              <ListItemText primary={t(`kind.${action.kind}`)} secondary={shortcutLabel(action)} />
            </MenuItem>
          ))}
        </Menu>
      </Stack>
      {pending && !busy ? <Alert severity="info" data-testid="export-waiting">{t('page.notReady')}</Alert> : null}
      {busy ? (
        <Box role="status" aria-live="polite" data-testid="export-progress">
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography variant="body2">{t('page.running', { percent: Math.round((progress ?? 0) * 100) })}</Typography>
            <Button size="small" onClick={() => abort.current?.abort()}>{t('page.cancel')}</Button>
          </Stack>
          <LinearProgress variant={progress && progress > 0 ? 'determinate' : 'indeterminate'} value={(progress ?? 0) * 100} />
        </Box>
      ) : null}
      {notice ? <Alert severity={notice.severity} data-testid="export-notice" onClose={() => setNotice(undefined)}>{notice.text}</Alert> : null}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {EXPORT_ACTIONS.map((action) => (
          <Card key={action.kind} variant="outlined" sx={{ flex: '1 1 260px' }}>
            <CardContent>
              <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{t(`kind.${action.kind}`)}</Typography>
              <Typography variant="body2" color="text.secondary">{t('page.shortcut', { keys: shortcutLabel(action) })}</Typography>
            </CardContent>
            <CardActions>
              <Button size="small" disabled={busy || !reference} onClick={() => startExport(action.kind)}>{t('page.menu')}</Button>
            </CardActions>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
