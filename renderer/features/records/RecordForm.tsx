import { Alert, Box, Button, Checkbox, DialogActions, DialogContent, FormControlLabel, Grid, Stack, Typography } from '@mui/material';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { today } from '../../../shared/clock';
import { changedFields } from '../../../shared/sync/rebase';
import type { ValidationIssue } from '../../../shared/result';
import { localDb, type StoredRecord } from '../../data/db';
import { discardDraft, saveDraft } from '../../data/drafts';
import { checkRecord, saveRecord } from '../../data/records';
import { currentActor } from '../../data/session';
import { fieldOfIssue, fromFormValues, mergeIssues, ON_BEHALF, toFormValues, yearOfBudgetIssue } from './convert';
import { FieldInput, fieldLabel } from './FieldInput';
import { useLiveRecord, type ReferenceData } from './hooks';
import type { FieldDef, FormValue, FormValues, LabelContext, TableDef } from './types';
import { useWriteErrorText } from './writeError';
import { SignedOffBanner } from './SignedOffBanner';
import { logError } from '../../app/errorLog';

export interface RecordFormProps {
  def: TableDef;
  lao: { id: string; provinceCode: string };
  fiscalYear: number;
  record: StoredRecord | null;
  /** The record as the user saw it when the form (or its draft) opened. */
  seen: StoredRecord | null;
  initialValues: FormValues;
  /** When the values came from a draft: its time. */
  restoredAt: string | null;
  references: ReferenceData;
  ctx: LabelContext;
  onSaved: (record: StoredRecord) => void;
  onCancel: () => void;
  /** Resolves false when the delete was refused: the form stays open and closing it keeps the typing again. */
  onDelete?: () => Promise<boolean>;
  onStartOver: () => void;
}

const GRID_WIDTH: Record<NonNullable<FieldDef['width']>, number> = { full: 12, twoThirds: 8, half: 6, third: 4 };

type Notice = { severity: 'error' | 'warning'; text: string };

/** What changed in the stored record while the form was open (a pull, another tab). */
interface ChangedUnderneath {
  at: string;
  deleted: boolean;
  /** Fields the user had not touched: now showing the new value. */
  refreshed: string[];
  /** Fields the user changed that someone else changed to another value: the new value. */
  conflicts: { name: string; theirs: FormValue | undefined }[];
  /** The stored values of the conflicting fields, by record path: the base they take when the user takes theirs. */
  theirs: Record<string, unknown>;
}

/** One record's fields, converted and validated on save; every keystroke kept as a draft. */
export function RecordForm(props: RecordFormProps) {
  const { def, lao, fiscalYear, record, initialValues, references, ctx } = props;
  const { t } = useTranslation();
  const tv = useTranslation('validation').t;
  const writeErrorText = useWriteErrorText();
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<FormValues>(initialValues);
  const [dirty, setDirty] = useState(false);
  const [draftSavedAt, setDraftSavedAt] = useState<string | null>(props.restoredAt);
  // The values the kept draft holds (or the form opened with): typing ahead of it shows "keeping".
  const [draftValues, setDraftValues] = useState(() => JSON.stringify(initialValues));
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saving, setSaving] = useState(false);
  const pendingDraft = useRef<Promise<unknown>>(Promise.resolve());
  const draftTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const submitting = useRef(false);
  const fiscal = def.fiscal ? { fiscalYear: Number(record?.fiscalYear ?? fiscalYear) } : {};

  // The stored record, live: a pull landing while the form is open must not be undone by this save.
  const live = useLiveRecord(def.table, record?.id);
  const [underneath, setUnderneath] = useState<ChangedUnderneath | null>(null);
  const handledStamp = useRef<string | null>(null);
  // What the form's values stand on: the record as the user saw it when the form opened, moved on for each
  // field the form took from a pull, so a second pull of that field is followed again, not called a conflict,
  // and a save (or the draft) sends it with the value the form showed.
  const [base, setBase] = useState(props.seen);
  useEffect(() => {
    const seen = base;
    // The user's own save lands here too, just before the form closes: not news.
    if (!seen || !live || submitting.current) return;
    const stamp = `${live.version}:${live.updatedAt}`;
    if (handledStamp.current === stamp) return;
    const changed = changedFields(seen, live);
    if (changed.length === 0) return;
    handledStamp.current = stamp;
    const formCtx = { fiscalYear, today: today() };
    const seenForm = toFormValues(def, seen, formCtx, false);
    const liveForm = toFormValues(def, live, formCtx, false);
    const nameOf = (path: string) => (path === 'enteredOnBehalf' ? ON_BEHALF : fieldOfIssue(def, path)?.name);
    const names = new Set(changed.map(nameOf).filter((name): name is string => !!name));
    const pathsOf = (of: readonly string[]) => Object.fromEntries(changed.filter((path) => of.includes(nameOf(path) ?? '')).map((path) => [path, live[path]]));
    const same = (a: FormValue | undefined, b: FormValue | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    const refreshed: string[] = [];
    const conflicts: ChangedUnderneath['conflicts'] = [];
    const next = { ...values };
    for (const name of names) {
      if (same(values[name], seenForm[name])) {
        next[name] = liveForm[name]!;
        refreshed.push(name);
      } else if (!same(values[name], liveForm[name])) conflicts.push({ name, theirs: liveForm[name] });
    }
    const deleted = live.deleted && !seen.deleted;
    // Only what the form shows is news (a sync stamping versions is not).
    if (refreshed.length === 0 && conflicts.length === 0 && !deleted) return;
    // The stored record moved on: the form follows it where the user had not typed.
    if (refreshed.length > 0) {
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setValues(next);
      setBase({ ...seen, ...pathsOf(refreshed) });
    }
    setUnderneath({ at: live.updatedAt, deleted, refreshed, conflicts, theirs: pathsOf(conflicts.map((c) => c.name)) });
    // Runs once per stored version; values are read as they are at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live, base, def, fiscalYear]);
  const takeTheirs = () => {
    if (!underneath) return;
    setDirty(true);
    setBase((seen) => (seen ? { ...seen, ...underneath.theirs } : seen));
    setValues((v) => ({ ...v, ...Object.fromEntries(underneath.conflicts.map((c) => [c.name, c.theirs ?? ''] as const)) }));
    setUnderneath({ ...underneath, refreshed: [...underneath.refreshed, ...underneath.conflicts.map((c) => c.name)], conflicts: [] });
  };
  const labelOf = (name: string) => {
    if (name === ON_BEHALF) return t('form.onBehalf');
    const field = def.fields.find((f) => f.name === name);
    return field ? fieldLabel(def, field, ctx) : name;
  };

  const keepDraft = (kept: FormValues) => {
    pendingDraft.current = saveDraft(localDb(), { table: def.table, laoId: lao.id, recordId: record?.id ?? null, values: kept, seen: base }).then((r) => {
      if (r.ok) {
        setDraftSavedAt(r.value.updatedAt);
        setDraftValues(JSON.stringify(kept));
      } else setNotice({ severity: 'warning', text: writeErrorText(r.error) });
    });
  };

  useEffect(() => {
    if (!dirty || JSON.stringify(values) === JSON.stringify(initialValues)) return;
    const timer = setTimeout(() => {
      if (!submitting.current) keepDraft(values);
    }, 300);
    draftTimer.current = timer;
    return () => clearTimeout(timer);
    // keepDraft reads only what these name.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values, initialValues, dirty, def.table, lao.id, record?.id, t]);

  // Closing the form (Esc, ×, Close) keeps what was typed, the last keystrokes too: the timer above
  // would have kept them 300 ms later, but closing unmounts it. Cancel, delete and start over discard instead.
  const leaving = useRef<{ keep: boolean; values: FormValues; dirty: boolean; kept: string; base: typeof base }>({ keep: true, values, dirty, kept: draftValues, base });
  useEffect(() => {
    leaving.current = { ...leaving.current, values, dirty, kept: draftValues, base };
  }, [values, dirty, draftValues, base]);
  useEffect(() => () => {
    const { keep, values: last, dirty: typed, kept, base: seen } = leaving.current;
    if (!keep || submitting.current || !typed || JSON.stringify(last) === kept) return;
    void saveDraft(localDb(), { table: def.table, laoId: lao.id, recordId: record?.id ?? null, values: last, seen })
      .then((r) => { if (!r.ok) logError('draft not kept on closing', r.error.code); });
    // Only on leaving: what the form is for does not change while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const discarding = (then: () => void | Promise<boolean>) => () => {
    leaving.current.keep = false;
    clearTimeout(draftTimer.current);
    void Promise.resolve(then()).then((done) => {
      if (done === false) leaving.current.keep = true;
    });
  };

  const draftState = !dirty || JSON.stringify(values) === draftValues ? (draftSavedAt ? 'kept' : 'none') : 'keeping';

  const onChange = (name: string, value: FormValue) => {
    if (JSON.stringify(values[name]) === JSON.stringify(value)) return;
    setDirty(true);
    setValues((v) => ({ ...v, [name]: value }));
    // A corrected field stops showing its old error; the rest stay until the next save.
    setIssues((found) => found.filter((issue) => fieldOfIssue(def, issue.path)?.name !== name));
  };

  const errorText = (issue: ValidationIssue) => tv(issue.code, { ...issue.params, defaultValue: tv('field.invalid') });
  const issuesOf = (field: FieldDef) => issues.filter((issue) => fieldOfIssue(def, issue.path) === field);
  /** A yearly-budget field's issues each under its year; those of no year under the field. */
  const yearErrorsOf = (field: FieldDef): Record<string, string> => {
    const byYear: Record<string, string> = {};
    for (const issue of issuesOf(field)) {
      const year = yearOfBudgetIssue(field, issue, values);
      if (year !== undefined) byYear[year] ??= errorText(issue);
    }
    return byYear;
  };
  const errorOf = (field: FieldDef) => {
    const found = issuesOf(field).find((issue) => field.kind !== 'yearBudgets' || yearOfBudgetIssue(field, issue, values) === undefined);
    return found ? errorText(found) : undefined;
  };
  const visible = def.fields.filter((field) => !field.visibleWhen || field.visibleWhen(values));
  const otherIssues = issues.filter((issue) => !visible.includes(fieldOfIssue(def, issue.path)!));

  const focusFirstError = (found: ValidationIssue[]) => {
    const field = visible.find((f) => found.some((issue) => fieldOfIssue(def, issue.path) === f));
    if (!field) return;
    const year = field.kind === 'yearBudgets' ? found.map((issue) => yearOfBudgetIssue(field, issue, values)).find((y) => y !== undefined) : undefined;
    const selector = year !== undefined ? `[name="${field.name}.${year}"]` : `[name="${field.name}"], [name^="${field.name}."]`;
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(selector)?.focus());
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving) return;
    const { input: read, issues: readIssues } = fromFormValues(def, values);
    // A form that shows the fiscal year (an ordinance's) saves the year chosen there.
    const input = { ...fiscal, ...read, ...(record ? { id: record.id } : {}), laoId: lao.id, provinceCode: lao.provinceCode };
    setSaving(true);
    submitting.current = true;
    clearTimeout(draftTimer.current);
    // Text that could not be read is never saved; the schema still reports the other fields.
    const result = readIssues.length > 0
      ? ({ ok: false, error: { code: 'VALIDATION_FAILED', issues: await checkRecord(localDb(), def.table, input) } } as const)
      : await saveRecord(localDb(), def.table, input, await currentActor(), base ?? undefined);
    setSaving(false);
    submitting.current = result.ok;
    // A refused save keeps what was typed, as the timer it cancelled would have.
    if (!result.ok && dirty && JSON.stringify(values) !== draftValues) keepDraft(values);
    if (result.ok) {
      await pendingDraft.current;
      await discardDraft(localDb(), def.table, lao.id, record?.id ?? null);
      props.onSaved(result.value);
      return;
    }
    if (result.error.code !== 'VALIDATION_FAILED') {
      setNotice({ severity: 'error', text: writeErrorText(result.error) });
      return;
    }
    const found = mergeIssues(readIssues, result.error.issues);
    setIssues(found);
    setNotice({ severity: 'error', text: t('form.fixErrors') });
    focusFirstError(found);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <Box component="form" id={formId} ref={formRef} noValidate onSubmit={submit} onKeyDown={onKeyDown} aria-label={props.record ? ctx.t('form.editTitle') : ctx.t(`${def.table}.add`)}>
      <DialogContent dividers>
        <SignedOffBanner table={def.table} record={record ?? undefined} />
        {props.restoredAt && (
          <Alert severity="info" sx={{ mb: 2 }} data-testid="draft-restored" action={<Button color="inherit" size="small" onClick={discarding(props.onStartOver)}>{ctx.t('form.startOver')}</Button>}>
            {ctx.t('form.draftRestored', { time: ctx.format.dateTime(props.restoredAt) })}
          </Alert>
        )}
        {underneath && (
          <Alert
            severity="warning"
            sx={{ mb: 2 }}
            data-testid="changed-underneath"
            action={underneath.conflicts.length > 0 ? <Button color="inherit" size="small" onClick={takeTheirs}>{ctx.t('form.takeTheirs')}</Button> : undefined}
          >
            {ctx.t(underneath.deleted ? 'form.deletedUnderneath' : 'form.changedUnderneath', { time: ctx.format.dateTime(underneath.at) })}
            {underneath.refreshed.length > 0 && <Box>{ctx.t('form.refreshedFields', { fields: underneath.refreshed.map(labelOf).join(', ') })}</Box>}
            {underneath.conflicts.length > 0 && (
              <Box data-testid="conflicting-fields">
                {ctx.t('form.conflictingFields')}
                <Box component="ul" sx={{ m: 0, pl: 2 }}>
                  {underneath.conflicts.map((c) => (
                    <li key={c.name}>{ctx.t('form.theirValue', { field: labelOf(c.name), value: typeof c.theirs === 'string' && c.theirs ? c.theirs : '—' })}</li>
                  ))}
                </Box>
              </Box>
            )}
          </Alert>
        )}
        <Grid container spacing={2}>
          {visible.map((field, index) => {
            const heading = field.group && field.group !== visible[index - 1]?.group ? field.group : undefined;
            return [
              heading && (
                <Grid key={`group-${heading}`} size={12}>
                  <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mt: 1 }}>{ctx.t(`${def.table}.groups.${heading}`)}</Typography>
                </Grid>
              ),
              <Grid key={field.name} size={{ xs: 12, md: GRID_WIDTH[field.width ?? 'half'] }}>
                <FieldInput def={def} field={field} values={values} onChange={onChange} error={errorOf(field)} yearErrors={field.kind === 'yearBudgets' ? yearErrorsOf(field) : undefined} ctx={ctx} references={references} fiscalYear={Number(record?.fiscalYear ?? fiscalYear)} autoFocus={index === 0} />
              </Grid>,
            ];
          })}
          <Grid size={12}>
            <FormControlLabel
              control={<Checkbox name={ON_BEHALF} checked={values[ON_BEHALF] === true} onChange={(e) => onChange(ON_BEHALF, e.target.checked)} />}
              label={t('form.onBehalf')}
            />
          </Grid>
        </Grid>
        {notice && (
          <Alert severity={notice.severity} sx={{ mt: 2 }} data-testid={notice.severity === 'error' ? 'form-errors' : 'form-warning'} onClose={() => setNotice(null)}>
            {notice.text}
            {otherIssues.length > 0 && (
              <Box component="ul" sx={{ m: 0, pl: 2 }}>
                {otherIssues.map((issue) => (
                  <li key={`${issue.path}-${issue.code}`}>{errorText(issue)}{issue.path ? ` (${fieldLabelOfPath(def, issue.path, ctx)})` : ''}</li>
                ))}
              </Box>
            )}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, py: 1.5, gap: 1 }}>
        {props.onDelete && (
          <Button color="error" startIcon={<DeleteOutlineIcon />} onClick={discarding(props.onDelete)} sx={{ mr: 'auto' }}>{ctx.t('form.delete')}</Button>
        )}
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mr: props.onDelete ? 0 : 'auto' }}>
          <Typography variant="caption" color="text.secondary" data-testid="draft-status" data-draft={draftState}>
            {draftState === 'keeping' ? ctx.t('form.draftKeeping') : draftSavedAt ? ctx.t('form.draftSaved', { time: ctx.format.time(draftSavedAt) }) : ctx.t('form.shortcuts')}
          </Typography>
        </Stack>
        <Button onClick={discarding(props.onCancel)}>{t('form.cancel')}</Button>
        <Button type="submit" variant="contained" disabled={saving}>{saving ? t('form.saving') : t('form.save')}</Button>
      </DialogActions>
    </Box>
  );
}

function fieldLabelOfPath(def: TableDef, path: string, ctx: LabelContext): string {
  const field = fieldOfIssue(def, path);
  return field ? fieldLabel(def, field, ctx) : path;
}
