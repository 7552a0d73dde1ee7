import { Alert, Box, Button, Checkbox, FormControlLabel, Grid, MenuItem, Snackbar, TextField } from '@mui/material';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ANTI_DRUG_KINDS, ANTI_DRUG_KIND_LABELS } from '../../../shared/domain/antiDrug';
import { parseThaiDate } from '../../../shared/calendar/thaiDate';
import { parseBaht } from '../../../shared/money';
import type { ValidationIssue } from '../../../shared/result';
import { localDb } from '../../data/db';
import { checkRecord, saveRecord } from '../../data/records';
import { currentActor } from '../../data/session';
import { useFieldErrors } from '../../app/useFieldErrors';

const EMPTY = { name: '', heldOn: '', kind: 'campaign', budget: '', participants: '', result: '', enteredOnBehalf: true };
type Draft = typeof EMPTY;

/** Turns typed text into the record's values; text that cannot be read becomes a field issue. */
function readDraft(draft: Draft): { values: Record<string, unknown>; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const heldOn = parseThaiDate(draft.heldOn);
  if (!heldOn.ok) issues.push({ ...heldOn.error, path: 'heldOn' });
  const budget = parseBaht(draft.budget);
  if (!budget.ok) issues.push({ ...budget.error, path: 'budget' });
  const participants = draft.participants.trim() === '' ? undefined : Number(draft.participants.replace(/,/g, ''));
  return {
    issues,
    values: {
      name: draft.name,
      heldOn: heldOn.ok ? heldOn.value : undefined,
      kind: draft.kind,
      budget: budget.ok ? budget.value : undefined,
      participants: Number.isNaN(participants) ? draft.participants : participants,
      result: draft.result,
      enteredOnBehalf: draft.enteredOnBehalf,
    },
  };
}

export function AntiDrugForm({ lao, fiscalYear }: { lao: { id: string; provinceCode: string }; fiscalYear: number }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const { issues, setIssues, errorOf } = useFieldErrors();
  const firstField = useRef<HTMLInputElement>(null);
  const set = (field: keyof Draft) => (event: { target: { value: string; checked?: boolean } }) =>
    setDraft((d) => ({ ...d, [field]: field === 'enteredOnBehalf' ? Boolean(event.target.checked) : event.target.value }));

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving) return;
    const { values, issues: readIssues } = readDraft(draft);
    const input = { ...values, laoId: lao.id, provinceCode: lao.provinceCode, fiscalYear };
    setSaving(true);
    // Text that could not be read is never saved; the schema still reports the other fields.
    const result = readIssues.length > 0
      ? ({ ok: false, error: { code: 'VALIDATION_FAILED', issues: checkRecord('antiDrugActivities', input) } } as const)
      : await saveRecord(localDb(), 'antiDrugActivities', input, await currentActor());
    setSaving(false);
    if (result.ok) {
      setIssues([]);
      setDraft(EMPTY);
      setNotice({ severity: 'success', text: t('form.saved') });
      firstField.current?.focus();
      return;
    }
    if (!result.ok && result.error.code !== 'VALIDATION_FAILED') {
      setNotice({ severity: 'error', text: result.error.code === 'QUOTA_EXCEEDED' ? t('form.quotaExceeded') : t('form.saveFailed', { code: result.error.code }) });
      return;
    }
    const schemaIssues = !result.ok && result.error.code === 'VALIDATION_FAILED' ? result.error.issues : [];
    setIssues([...readIssues, ...schemaIssues.filter((issue) => !readIssues.some((r) => r.path === issue.path))]);
    setNotice({ severity: 'error', text: t('form.fixErrors') });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void submit();
    }
  };
  const field = (name: keyof Draft) => ({ name, value: draft[name] as string, onChange: set(name), error: Boolean(errorOf(name)), helperText: errorOf(name) });

  return (
    <Box component="form" noValidate onSubmit={submit} onKeyDown={onKeyDown} aria-label={t('lao.addAntiDrug')}>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 8 }}><TextField {...field('name')} inputRef={firstField} label={t('antiDrug.name')} required fullWidth /></Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <TextField {...field('heldOn')} label={t('antiDrug.heldOn')} placeholder="15/03/2568" required fullWidth helperText={errorOf('heldOn') ?? t('form.dateHint')} />
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <TextField {...field('kind')} select label={t('antiDrug.kind')} fullWidth>
            {ANTI_DRUG_KINDS.map((kind) => <MenuItem key={kind} value={kind}>{ANTI_DRUG_KIND_LABELS[kind][i18n.language === 'en' ? 'en' : 'th']}</MenuItem>)}
          </TextField>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}><TextField {...field('budget')} label={t('antiDrug.budget')} inputMode="decimal" required fullWidth /></Grid>
        <Grid size={{ xs: 12, md: 4 }}><TextField {...field('participants')} label={t('antiDrug.participants')} inputMode="numeric" required fullWidth /></Grid>
        <Grid size={12}><TextField {...field('result')} label={t('antiDrug.result')} multiline minRows={2} fullWidth /></Grid>
        <Grid size={12}>
          <FormControlLabel control={<Checkbox checked={draft.enteredOnBehalf} onChange={set('enteredOnBehalf')} />} label={t('form.onBehalf')} />
        </Grid>
        <Grid size={12}>
          <Button type="submit" variant="contained" disabled={saving}>{saving ? t('form.saving') : t('form.save')}</Button>
        </Grid>
      </Grid>
      {issues.length > 0 && <Alert severity="error" sx={{ mt: 2 }} data-testid="form-errors">{t('form.fixErrors')}</Alert>}
      <Snackbar open={notice !== null} autoHideDuration={4000} onClose={() => setNotice(null)}>
        {notice ? <Alert severity={notice.severity} onClose={() => setNotice(null)}>{notice.text}</Alert> : undefined}
      </Snackbar>
    </Box>
  );
}
