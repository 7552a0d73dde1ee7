/** The calendar page's side panels: the draft's preview on this laptop's data, and the publication history. */
import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarPublicationSchema, TASK_STATUSES, tallyPerTask, type CalendarPublication, type CalendarTemplate } from '../../../shared/calendar/index';
import { acceptedEntries } from '../../../shared/result';
import { useFormat, withTimes } from '../../app/format';
import { ProvinceCompletion } from '../../data/completion';
import { localDb } from '../../data/db';
import { useProvinceReference } from '../../data/province';
import { storedApi } from '../../sync/runtime';
import { CompletionFailedNote, StatusChip } from '../checklist/status';

/** Never-changing store for the time before a preview is asked for. */
const idle = { subscribe: () => () => undefined, snapshot: () => null };

/**
 * The province as it would stand today under the draft, computed from this
 * laptop's records by an engine of its own that stores nothing, so the results
 * in force are untouched (issue 17: a preview before publishing).
 */
export function DraftPreview({ template, asOf }: { template: CalendarTemplate; asOf: string }) {
  const { t, i18n } = useTranslation('calendar');
  const format = useFormat();
  const reference = useProvinceReference();
  const [engine, setEngine] = useState<ProvinceCompletion | null>(null);
  // A changed draft makes the shown preview out of date: it is asked for again.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setEngine(null), [template]);
  const snapshot = useSyncExternalStore(engine?.subscribe ?? idle.subscribe, engine?.snapshot ?? idle.snapshot);
  const laos = reference?.laos;
  const rows = useMemo(
    () => {
      if (!snapshot?.ready || !laos) return [];
      const { perTask } = tallyPerTask(snapshot.results, laos.map((lao) => lao.id), template.tasks);
      return template.tasks.map((task, i) => ({ task, tally: perTask[i]! }));
    },
    [snapshot, template, laos],
  );
  const run = () => {
    const preview = new ProvinceCompletion(localDb(), template.fiscalYear, asOf, template, { preview: true });
    setEngine(preview);
    preview.refreshInBackground();
  };
  return (
    <Card variant="outlined" data-testid="calendar-preview">
      <CardContent>
        <Typography variant="h6" component="h2">{t('editor.preview')}</Typography>
        <Typography color="text.secondary" variant="body2" sx={{ mb: 1.5 }}>{t('editor.previewIntro')}</Typography>
        {!laos || laos.length === 0 ? (
          <Alert severity="info">{t('editor.previewNoLaos')}</Alert>
        ) : (
          <Button variant="outlined" onClick={run} disabled={engine !== null && !snapshot?.ready && !snapshot?.failed} data-testid="calendar-preview-run">{t('editor.previewRun')}</Button>
        )}
        {snapshot?.failed && <Box sx={{ mt: 2 }}><CompletionFailedNote snapshot={snapshot} /></Box>}
        {engine && !snapshot?.ready && !snapshot?.failed && (
          <Box sx={{ mt: 2 }} role="status">
            <Typography variant="body2">{t('editor.previewComputing', { percent: Math.round((snapshot?.progress ?? 0) * 100) })}</Typography>
            <LinearProgress variant="determinate" value={(snapshot?.progress ?? 0) * 100} />
          </Box>
        )}
        {rows.length > 0 && (
          <Table size="small" sx={{ mt: 2 }} aria-label={t('editor.preview')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('editor.task')}</TableCell>
                {TASK_STATUSES.map((status) => <TableCell key={status} align="center"><StatusChip status={status} /></TableCell>)}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(({ task, tally }) => (
                <TableRow key={task.id} data-testid="preview-row" data-task={task.id}>
                  <TableCell>{i18n.language === 'en' ? task.label.en : task.label.th}</TableCell>
                  {TASK_STATUSES.map((status) => (
                    <TableCell key={status} align="center" data-status={status} data-count={tally[status]}>{format.integer(tally[status])}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/** Every published version of the year, newest first, fetched when online (it lives on the server). */
export function VersionHistory({ fiscalYear, online, refreshKey }: { fiscalYear: number; online: boolean; refreshKey: number }) {
  const { t } = useTranslation('calendar');
  const format = withTimes(useFormat());
  const reference = useProvinceReference();
  const [versions, setVersions] = useState<CalendarPublication[] | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const api = online ? await storedApi(localDb()) : null;
      if (!api) return live && setVersions(null);
      try {
        const { versions: sent } = await api.calendarVersions(fiscalYear);
        if (live) setVersions(acceptedEntries(calendarPublicationSchema, sent));
      } catch {
        if (live) setVersions(null);
      }
    })();
    return () => {
      live = false;
    };
  }, [fiscalYear, online, refreshKey]);
  const nameOf = (id: string) => reference?.users.find((user) => user.id === id)?.displayName ?? id;
  return (
    <Card variant="outlined" data-testid="calendar-versions">
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>{t('editor.versions')}</Typography>
        {versions === null && <Typography color="text.secondary">{t('editor.versionsOffline')}</Typography>}
        {versions?.length === 0 && <Typography color="text.secondary">{t('editor.noVersions')}</Typography>}
        {versions && versions.length > 0 && (
          <Table size="small" aria-label={t('editor.versions')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('editor.version')}</TableCell>
                <TableCell>{t('editor.by')}</TableCell>
                <TableCell>{t('editor.at')}</TableCell>
                <TableCell>{t('editor.changes')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {versions.map((v) => (
                <TableRow key={v.version} data-testid="calendar-version">
                  <TableCell>{v.version}</TableCell>
                  <TableCell>{nameOf(v.publishedBy)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.dateTime(v.publishedAt)}</TableCell>
                  <TableCell>
                    <Stack>
                      {v.note && <span>{v.note}</span>}
                      <Typography variant="body2" color="text.secondary">
                        {t('editor.changeSummary', { added: v.changes.added.length, removed: v.changes.removed.length, changed: v.changes.changed.length })} {v.changes.reordered ? t('editor.reordered') : ''}
                      </Typography>
                    </Stack>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
