/**
 * The work calendar of a fiscal year (issue 17): everyone reads the calendar in
 * force; administrators edit a draft (kept on this laptop as they go), preview
 * it on the laptop's data and publish it to the server, on top of the version
 * they started from. Every laptop follows after its next sync.
 */
import {
  Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, FormControl, IconButton, InputLabel, MenuItem, Paper, Select, Stack,
  Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Tooltip, Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlineOutlined';
import EditIcon from '@mui/icons-material/Edit';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import FileUploadIcon from '@mui/icons-material/FileUpload';
import PublishIcon from '@mui/icons-material/Publish';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canAdminister } from '../../../shared/auth/access';
import { calendarPublicationSchema, taskMonthsLabel, type CalendarTask } from '../../../shared/calendar/index';
import { useFormat, withTimes } from '../../app/format';
import { useOnline } from '../../app/useOnline';
import { calendarInForce, useCalendar, usePublishedYears } from '../../data/calendars';
import { localDb } from '../../data/db';
import { useProvinceReference } from '../../data/province';
import { getPlatform } from '../../platform';
import { SyncError } from '../../sync/api';
import { storeCalendars } from '../../sync/login';
import { storedAdminApi } from '../../sync/runtime';
import { adminErrorKey } from '../admin/users';
import { useSessionUser } from '../sync/useSync';
import { DraftPreview, VersionHistory } from './CalendarPanels';
import {
  addTask, atTask, calendarFileText, changeCalendarDraft, discardCalendarDraft, draftFromYear, draftIssues, loadCalendarDraft, moveTask, newTask,
  readCalendarFile, removeTask, replaceTask, draftToPublish, startDraft, type CalendarDraft,
} from './draft';
import { useWriteErrorText } from '../records/writeError';
import { classifyWriteError } from '../../data/records';
import { TaskDialog } from './TaskDialog';

type Notice = { severity: 'success' | 'info' | 'warning' | 'error'; text: string; testId?: string };

function RuleText({ task }: { task: CalendarTask }) {
  const { t } = useTranslation('calendar');
  const rule = task.rule as Record<string, unknown> & { kind: string };
  const extra = Object.entries(rule).filter(([key]) => key !== 'kind').map(([key, value]) => (key === 'quarter' ? `Q${String(value)}` : `${t(`editor.threshold.${key}`)}: ${String(value)}`));
  return <>{t(`editor.ruleKind.${rule.kind}`)}{extra.length > 0 && <Typography variant="body2" color="text.secondary">{extra.join(' · ')}</Typography>}</>;
}

export function CalendarPage() {
  const { t, i18n } = useTranslation('calendar');
  const writeErrorText = useWriteErrorText();
  const locale = i18n.language === 'en' ? 'en' : 'th';
  const format = withTimes(useFormat());
  const today = format.today();
  const online = useOnline();
  const me = useSessionUser();
  const reference = useProvinceReference();
  const db = localDb();
  const [fiscalYear, setFiscalYear] = useState(today.fiscalYear);
  const calendar = useCalendar(fiscalYear);
  const published = usePublishedYears();
  const thisYear = today.fiscalYear;
  const years = useMemo(() => [...new Set([...published, thisYear - 1, thisYear, thisYear + 1])].sort((a, b) => a - b), [published, thisYear]);
  const draft = useLiveQuery(() => loadCalendarDraft(db, fiscalYear), [fiscalYear]);
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState<{ index: number | null; task: CalendarTask } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const canEdit = me !== undefined && me !== null && canAdminister(me);

  // The note follows the draft of the year shown (typed locally, kept with the draft on leaving the field).
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setNote(draft?.note ?? ''), [draft?.note, fiscalYear]);

  const template = draft?.template ?? calendar.template;
  const issues = useMemo(() => (draft ? draftIssues(draft) : new Map()), [draft]);
  const issueCount = [...issues.values()].reduce((sum, list) => sum + list.length, 0);
  const baseVersion = calendar.publication?.version ?? null;
  // Every change is made to the draft as stored (changeCalendarDraft); one the laptop cannot store says so and is not lost from the screen.
  const update = (change: (current: CalendarDraft | null) => CalendarDraft | null): Promise<boolean> =>
    changeCalendarDraft(db, fiscalYear, change).then(() => true, (error: unknown) => {
      setNotice({ severity: 'error', text: writeErrorText(classifyWriteError(error)) });
      return false;
    });
  const byName = (id: string) => reference?.users.find((user) => user.id === id)?.displayName ?? id;

  const exportFile = async () => {
    await getPlatform().saveFile({ suggestedName: `calendar-${fiscalYear}.json`, mimeType: 'application/json', data: new TextEncoder().encode(calendarFileText(template)) });
  };

  const importFile = async (file: File) => {
    const read = readCalendarFile(await file.text(), fiscalYear);
    if (!read.ok) {
      setNotice({ severity: 'error', testId: 'calendar-import-error', text: t('editor.importFailed', { problems: [...new Set(read.issues.map((issue) => t(`editor.issues.${issue.code}`)))].join(', ') }) });
      return;
    }
    if (!(await update((current) => ({ ...(current ?? startDraft(read.template, baseVersion)), template: read.template })))) return;
    setNotice({ severity: 'info', text: read.movedFrom === null ? t('editor.imported') : t('editor.importedMoved', { from: read.movedFrom, to: fiscalYear }) });
  };

  const publish = async () => {
    if (!draft) return;
    const api = await storedAdminApi(db);
    if (!api) return setNotice({ severity: 'warning', text: t('editor.needsServer') });
    setPublishing(true);
    try {
      const stored = await draftToPublish(db, draft, note);
      if (stored === 'changed') return setNotice({ severity: 'warning', testId: 'calendar-changed-elsewhere', text: t('editor.changedElsewhere') });
      if (!stored) return;
      const answer = await api.publishCalendar(fiscalYear, { template: stored.template, baseVersion: stored.baseVersion, note: note.trim() });
      const publication = calendarPublicationSchema.parse(answer.calendar);
      // In force here at once; the other laptops take it with their next sync.
      await storeCalendars(db, [publication]);
      await discardCalendarDraft(db, fiscalYear);
      setHistoryKey((key) => key + 1);
      setNotice(answer.unchanged
        ? { severity: 'info', text: t('editor.unchanged') }
        : { severity: 'success', testId: 'calendar-published', text: t('editor.publishedOk', { version: publication.version }) });
    } catch (error) {
      if (error instanceof SyncError && error.serverCode === 'CALENDAR_STALE') setNotice({ severity: 'warning', testId: 'calendar-stale', text: t('editor.stale') });
      else setNotice({ severity: 'error', text: t('editor.publishFailed', { reason: t(adminErrorKey(error), { ns: 'sync' }) }) });
    } finally {
      setPublishing(false);
    }
  };

  return (
    <Stack spacing={2.5}>
      <Stack direction="row" sx={{ alignItems: 'flex-end', gap: 2, flexWrap: 'wrap' }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h4" component="h1">{t('editor.title')}</Typography>
          <Typography color="text.secondary">{t('editor.intro')}</Typography>
        </Box>
        <FormControl size="small" sx={{ minWidth: 180 }}>
          <InputLabel id="calendar-year-label">{t('editor.fiscalYear')}</InputLabel>
          <Select labelId="calendar-year-label" label={t('editor.fiscalYear')} value={fiscalYear} onChange={(e) => setFiscalYear(Number(e.target.value))} data-testid="calendar-year">
            {years.map((year) => <MenuItem key={year} value={year}>{t('month.fiscalYear', { fy: year })}</MenuItem>)}
          </Select>
        </FormControl>
      </Stack>

      <Paper variant="outlined" sx={{ p: 2 }} data-testid="calendar-in-force" data-version={calendar.publication?.version ?? 'seed'}>
        <Typography variant="subtitle2" color="text.secondary">{t('editor.inForce')}</Typography>
        <Typography>
          {calendar.publication
            ? t('editor.published', { version: calendar.publication.version, by: byName(calendar.publication.publishedBy), at: format.dateTime(calendar.publication.publishedAt) })
            : t('editor.seed')}
        </Typography>
        {calendar.publication?.note && <Typography color="text.secondary">{calendar.publication.note}</Typography>}
        <Stack direction="row" spacing={1} sx={{ mt: 1.5, flexWrap: 'wrap', gap: 1 }}>
          {canEdit && !draft && (
            <>
              <Button variant="contained" startIcon={<EditIcon />} onClick={() => void update((current) => current ?? startDraft(calendar.template, baseVersion))} data-testid="calendar-edit">{t('editor.edit')}</Button>
              <Button variant="outlined" startIcon={<ContentCopyIcon />} onClick={() => void update(() => draftFromYear(calendarInForce(fiscalYear - 1).template, fiscalYear, baseVersion))} data-testid="calendar-copy">
                {t('editor.copyFrom', { year: fiscalYear - 1 })}
              </Button>
            </>
          )}
          {canEdit && <Button variant="outlined" startIcon={<FileUploadIcon />} onClick={() => fileInput.current?.click()}>{t('editor.importJson')}</Button>}
          <Button variant="outlined" startIcon={<FileDownloadIcon />} onClick={() => void exportFile()} data-testid="calendar-export">{t('editor.exportJson')}</Button>
          <input
            ref={fileInput} type="file" accept="application/json,.json" hidden data-testid="calendar-import"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </Stack>
        {!canEdit && me !== undefined && <Alert severity="info" sx={{ mt: 1.5 }}>{me === null ? t('editor.needsServer') : t('editor.readOnly')}</Alert>}
      </Paper>

      {notice && <Alert severity={notice.severity} onClose={() => setNotice(null)} data-testid={notice.testId}>{notice.text}</Alert>}

      {draft && (
        <Paper variant="outlined" sx={{ p: 2, borderColor: 'secondary.main', borderWidth: 2 }} data-testid="calendar-draft">
          <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
            <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
              {t('editor.draft', { year: fiscalYear })}{' '}
              <Chip size="small" label={draft.baseVersion === null ? t('editor.draftFromSeed') : t('editor.draftFrom', { version: draft.baseVersion })} />
            </Typography>
            <Button color="inherit" onClick={() => setConfirmDiscard(true)}>{t('editor.discard')}</Button>
          </Stack>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>{t('editor.draftSaved')}</Typography>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'flex-start' } }}>
            <TextField
              label={t('editor.note')} helperText={t('editor.noteHelp')} value={note} size="small" fullWidth
              onChange={(e) => setNote(e.target.value)} onBlur={() => void update((current) => current && { ...current, note })}
              slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'calendar-note' } }}
            />
            <Button
              variant="contained" color="secondary" startIcon={<PublishIcon />} sx={{ minWidth: 160, py: 1 }}
              disabled={publishing || !online || issueCount > 0} onClick={() => void publish()} data-testid="calendar-publish"
            >
              {publishing ? t('editor.publishing') : t('editor.publish')}
            </Button>
          </Stack>
          {!online && <Alert severity="warning" sx={{ mt: 1.5 }}>{t('editor.offline')}</Alert>}
          {issueCount > 0 && <Alert severity="error" sx={{ mt: 1.5 }} data-testid="calendar-issues">{t('editor.hasIssues', { count: issueCount })}</Alert>}
        </Paper>
      )}

      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>{t('editor.tasks', { count: template.tasks.length })}</Typography>
        {draft && <Button startIcon={<AddIcon />} variant="outlined" onClick={() => setEditing({ index: null, task: newTask(draft) })} data-testid="calendar-add-task">{t('editor.addTask')}</Button>}
      </Stack>
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label={t('editor.tasks', { count: template.tasks.length })}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 56 }}>{t('editor.order')}</TableCell>
              <TableCell>{t('editor.task')}</TableCell>
              <TableCell sx={{ width: 220 }}>{t('editor.months')}</TableCell>
              <TableCell sx={{ width: 260 }}>{t('editor.rule')}</TableCell>
              {draft && <TableCell align="right" sx={{ width: 190 }}>{t('editor.actions')}</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {template.tasks.map((task, index) => {
              const problems = issues.get(index) ?? [];
              return (
                <TableRow key={`${task.id}-${index}`} data-testid="calendar-task" data-task={task.id} hover>
                  <TableCell>{index + 1}</TableCell>
                  <TableCell>
                    <Typography sx={{ fontWeight: 500 }}>{task.label[locale] || task.label.th}</Typography>
                    <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>{task.id}</Typography>
                    {problems.length > 0 && (
                      <Typography variant="body2" color="error" sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                        <ErrorOutlineIcon fontSize="small" /> {[...new Set(problems.map((p: { code: string }) => t(`editor.issues.${p.code}`)))].join(', ')}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{taskMonthsLabel(task, locale)}</TableCell>
                  <TableCell><RuleText task={task} /></TableCell>
                  {draft && (
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      <Tooltip title={t('editor.editTask')}><IconButton aria-label={`${t('editor.editTask')} ${task.id}`} onClick={() => setEditing({ index, task })}><EditIcon fontSize="small" /></IconButton></Tooltip>
                      <Tooltip title={t('editor.up')}><span><IconButton aria-label={`${t('editor.up')} ${task.id}`} disabled={index === 0} onClick={() => void update(atTask(task.id, (current, at) => moveTask(current, at, -1)))}><ArrowUpwardIcon fontSize="small" /></IconButton></span></Tooltip>
                      <Tooltip title={t('editor.down')}><span><IconButton aria-label={`${t('editor.down')} ${task.id}`} disabled={index === template.tasks.length - 1} onClick={() => void update(atTask(task.id, (current, at) => moveTask(current, at, 1)))}><ArrowDownwardIcon fontSize="small" /></IconButton></span></Tooltip>
                      <Tooltip title={t('editor.remove')}><IconButton aria-label={`${t('editor.remove')} ${task.id}`} onClick={() => void update(atTask(task.id, removeTask))}><DeleteOutlineIcon fontSize="small" /></IconButton></Tooltip>
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>

      {draft && <DraftPreview template={draft.template} asOf={today.iso} />}
      <VersionHistory fiscalYear={fiscalYear} online={online} refreshKey={historyKey + (calendar.publication?.version ?? 0)} />

      {editing && draft && (
        <TaskDialog
          task={editing.task}
          fiscalYear={fiscalYear}
          isNew={editing.index === null}
          otherIds={new Set(draft.template.tasks.filter((_, i) => i !== editing.index).map((task) => task.id))}
          onCancel={() => setEditing(null)}
          onSave={(task) => {
            // Kept open when the laptop could not store it: the task typed is still in the dialog.
            const change = editing.index === null
              ? (current: CalendarDraft | null) => current && addTask(current, task)
              : atTask(editing.task.id, (current, at) => replaceTask(current, at, task));
            void update(change).then((stored) => stored && setEditing(null));
          }}
        />
      )}
      <Dialog open={confirmDiscard} onClose={() => setConfirmDiscard(false)}>
        <DialogTitle>{t('editor.discard')}</DialogTitle>
        <DialogContent>{t('editor.discardConfirm')}</DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmDiscard(false)}>{t('editor.cancel')}</Button>
          <Button color="error" variant="contained" data-testid="calendar-discard-confirm" onClick={() => {
            setConfirmDiscard(false);
            void discardCalendarDraft(db, fiscalYear);
          }}>{t('editor.discard')}</Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
