import { Alert, Autocomplete, Box, Button, Checkbox, FormControl, FormControlLabel, FormGroup, FormLabel, Grid, MenuItem, Snackbar, TextField } from '@mui/material';
import { useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fiscalYearOf, parseThaiDate, toThaiNumericDate } from '../../../shared/calendar/fiscal';
import type { Lao } from '../../../shared/domain/reference';
import { RECORD_CATEGORY_KEYS, type RecordCategory } from '../../../shared/domain/tables';
import { VISIT_PURPOSES, VISIT_PURPOSE_LABELS } from '../../../shared/domain/visit';
import type { ValidationIssue } from '../../../shared/result';
import { useFieldErrors } from '../../app/useFieldErrors';
import { useFormat } from '../../app/format';
import { localDb } from '../../data/db';
import { checkRecord, saveRecord } from '../../data/records';
import { currentActor } from '../../data/session';
import { useLocalName } from '../checklist/months';
import { useWriteErrorText } from '../records/writeError';

interface Draft { laoId: string; visitedOn: string; purpose: string; notes: string; categories: RecordCategory[] }

/** A visit typed by the officer; the date is B.E. dd/mm/yyyy, as they write it on paper. */
export function VisitForm({ laos, initialLaoId }: { laos: readonly Lao[]; initialLaoId?: string }) {
  const { t, i18n } = useTranslation('calendar');
  const { t: tr } = useTranslation();
  const writeErrorText = useWriteErrorText();
  const format = useFormat();
  const name = useLocalName();
  const today = format.today();
  const empty = (laoId = ''): Draft => ({ laoId, visitedOn: toThaiNumericDate(today.iso), purpose: 'follow_up', notes: '', categories: [] });
  const [draft, setDraft] = useState<Draft>(() => empty(initialLaoId && laos.some((l) => l.id === initialLaoId) ? initialLaoId : ''));
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const { issues, setIssues, errorOf } = useFieldErrors();
  const byId = useMemo(() => new Map(laos.map((lao) => [lao.id, lao])), [laos]);
  const lang = i18n.language === 'en' ? 'en' : 'th';

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving) return;
    const readIssues: ValidationIssue[] = [];
    const lao = byId.get(draft.laoId);
    if (!lao) readIssues.push({ path: 'laoId', code: 'field.required' });
    const date = parseThaiDate(draft.visitedOn);
    if (!date.ok) readIssues.push({ ...date.error, path: 'visitedOn' });
    const actor = await currentActor();
    const input = {
      laoId: lao?.id, provinceCode: lao?.provinceCode, officerId: actor.userId,
      fiscalYear: date.ok ? fiscalYearOf(date.value) : today.fiscalYear,
      visitedOn: date.ok ? date.value : undefined, purpose: draft.purpose, notes: draft.notes,
      categoriesEntered: draft.categories, enteredOnBehalf: false,
    };
    setSaving(true);
    const result = readIssues.length > 0
      ? ({ ok: false, error: { code: 'VALIDATION_FAILED', issues: await checkRecord(localDb(), 'fieldVisits', input) } } as const)
      : await saveRecord(localDb(), 'fieldVisits', input, actor);
    setSaving(false);
    if (result.ok) {
      setIssues([]);
      setDraft(empty(draft.laoId));
      setNotice({ severity: 'success', text: t('visits.saved') });
      return;
    }
    if (result.error.code !== 'VALIDATION_FAILED') {
      setNotice({ severity: 'error', text: writeErrorText(result.error) });
      return;
    }
    const schemaIssues = result.error.issues.filter((issue) => !readIssues.some((r) => r.path === issue.path) && !(issue.path === 'provinceCode' && !lao));
    setIssues([...readIssues, ...schemaIssues]);
    setNotice({ severity: 'error', text: tr('form.fixErrors') });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void submit();
    }
  };
  const toggle = (category: RecordCategory) => setDraft((d) => ({
    ...d, categories: d.categories.includes(category) ? d.categories.filter((c) => c !== category) : [...d.categories, category],
  }));

  return (
    <Box component="form" noValidate onSubmit={submit} onKeyDown={onKeyDown} aria-label={t('visits.new')}>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Autocomplete
            options={laos as Lao[]}
            value={byId.get(draft.laoId) ?? null}
            onChange={(_e, lao) => setDraft((d) => ({ ...d, laoId: lao?.id ?? '' }))}
            getOptionLabel={(lao) => `${name(lao)} (${lao.code})`}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            renderInput={(params) => <TextField {...params} label={t('visits.lao')} required error={Boolean(errorOf('laoId'))} helperText={errorOf('laoId')} />}
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 6, md: 3 }}>
          <TextField name="visitedOn" label={t('visits.visitedOn')} value={draft.visitedOn} onChange={(e) => setDraft((d) => ({ ...d, visitedOn: e.target.value }))} placeholder="25/11/2569" required fullWidth error={Boolean(errorOf('visitedOn'))} helperText={errorOf('visitedOn') ?? tr('form.dateHint')} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6, md: 3 }}>
          <TextField select name="purpose" label={t('visits.purpose')} value={draft.purpose} onChange={(e) => setDraft((d) => ({ ...d, purpose: e.target.value }))} fullWidth error={Boolean(errorOf('purpose'))} helperText={errorOf('purpose')}>
            {VISIT_PURPOSES.map((p) => <MenuItem key={p} value={p}>{VISIT_PURPOSE_LABELS[p][lang]}</MenuItem>)}
          </TextField>
        </Grid>
        <Grid size={12}>
          <FormControl component="fieldset" error={Boolean(errorOf('categoriesEntered'))}>
            <FormLabel component="legend">{t('visits.categories')}</FormLabel>
            <FormGroup row>
              {RECORD_CATEGORY_KEYS.map((category) => (
                <FormControlLabel key={category} control={<Checkbox checked={draft.categories.includes(category)} onChange={() => toggle(category)} />} label={t(`category.${category}`)} sx={{ minWidth: 240 }} />
              ))}
            </FormGroup>
          </FormControl>
        </Grid>
        <Grid size={12}>
          <TextField name="notes" label={t('visits.notes')} value={draft.notes} onChange={(e) => setDraft((d) => ({ ...d, notes: e.target.value }))} multiline minRows={2} fullWidth error={Boolean(errorOf('notes'))} helperText={errorOf('notes')} />
        </Grid>
        <Grid size={12}>
          <Button type="submit" variant="contained" disabled={saving}>{saving ? tr('form.saving') : t('visits.save')}</Button>
        </Grid>
      </Grid>
      {issues.length > 0 && <Alert severity="error" sx={{ mt: 2 }} data-testid="form-errors">{tr('form.fixErrors')}</Alert>}
      <Snackbar open={notice !== null} autoHideDuration={4000} onClose={() => setNotice(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}>
        {notice ? <Alert severity={notice.severity} onClose={() => setNotice(null)}>{notice.text}</Alert> : undefined}
      </Snackbar>
    </Box>
  );
}
