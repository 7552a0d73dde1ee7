/** One task of a calendar draft: texts, months, rule and threshold; problems under their fields. */
import {
  Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel,
  InputLabel, MenuItem, Select, Stack, Switch, TextField,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fiscalYearTaskMonths, validateTemplate, type CalendarTask, type Quarter, type RuleKind } from '../../../shared/calendar/index';
import { useMonthLabel } from '../checklist/months';
import { RULE_KINDS, RULE_THRESHOLDS, ruleOfKind, taskWithMonths } from './draft';

interface Props {
  task: CalendarTask;
  fiscalYear: number;
  /** The other tasks' codes: a new task's code must differ. */
  otherIds: ReadonlySet<string>;
  isNew: boolean;
  onCancel: () => void;
  onSave: (task: CalendarTask) => void;
}

/** The problems of one task, by field path ('label.th', 'months'…), as the shared template rules see them. */
function taskProblems(task: CalendarTask, fiscalYear: number, otherIds: ReadonlySet<string>): Map<string, string> {
  const problems = new Map<string, string>();
  const checked = validateTemplate({ fiscalYear, tasks: [task] });
  if (!checked.ok) {
    for (const issue of checked.error) {
      const field = issue.path.replace(/^tasks\.0\.?/, '').replace(/\.\d+$/, '');
      if (!problems.has(field)) problems.set(field, issue.code);
    }
  }
  if (otherIds.has(task.id)) problems.set('id', 'template.duplicateTaskId');
  for (const field of ['label.th', 'label.en', 'guidance.th', 'guidance.en']) {
    const [group, lang] = field.split('.') as ['label' | 'guidance', 'th' | 'en'];
    if (task[group][lang].trim() === '') problems.set(field, 'template.empty');
  }
  return problems;
}

export function TaskDialog({ task: initial, fiscalYear, otherIds, isNew, onCancel, onSave }: Props) {
  const { t } = useTranslation('calendar');
  const monthLabel = useMonthLabel();
  const [task, setTask] = useState(initial);
  const [tried, setTried] = useState(false);
  const problems = taskProblems(task, fiscalYear, otherIds);
  const shown = (field: string) => (tried || field === 'id' ? problems.get(field) : undefined);
  const fieldError = (field: string) => {
    const code = shown(field);
    return { error: code !== undefined, helperText: code ? t(`editor.issues.${code}`) : undefined };
  };
  const months = fiscalYearTaskMonths(fiscalYear);
  const chosen = new Set(task.months.map((m) => `${m.year}-${m.month}`));
  const threshold = RULE_THRESHOLDS[task.rule.kind];
  const setText = (group: 'label' | 'guidance', lang: 'th' | 'en', value: string) => setTask({ ...task, [group]: { ...task[group], [lang]: value } });

  const save = () => {
    setTried(true);
    if (problems.size === 0) onSave(task);
  };

  return (
    <Dialog open onClose={onCancel} maxWidth="md" fullWidth aria-labelledby="task-dialog-title">
      <DialogTitle id="task-dialog-title">{isNew ? t('editor.newTask') : t('editor.editTask')}</DialogTitle>
      <DialogContent>
        <Stack
          component="form"
          spacing={2}
          sx={{ pt: 1 }}
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
          data-testid="task-form"
        >
          <TextField
            label={t('editor.taskId')} value={task.id} disabled={!isNew} size="small"
            onChange={(event) => setTask({ ...task, id: event.target.value.trim() })}
            slotProps={{ htmlInput: { 'data-testid': 'task-id' } }}
            {...(shown('id') ? fieldError('id') : { helperText: t('editor.taskIdHelp') })}
          />
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <TextField label={t('editor.labelTh')} value={task.label.th} onChange={(e) => setText('label', 'th', e.target.value)} fullWidth autoFocus={!isNew} slotProps={{ htmlInput: { 'data-testid': 'task-label-th' } }} {...fieldError('label.th')} />
            <TextField label={t('editor.labelEn')} value={task.label.en} onChange={(e) => setText('label', 'en', e.target.value)} fullWidth slotProps={{ htmlInput: { 'data-testid': 'task-label-en' } }} {...fieldError('label.en')} />
          </Stack>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <TextField label={t('editor.guidanceTh')} value={task.guidance.th} onChange={(e) => setText('guidance', 'th', e.target.value)} fullWidth multiline minRows={2} maxRows={6} slotProps={{ htmlInput: { 'data-testid': 'task-guidance-th' } }} {...fieldError('guidance.th')} />
            <TextField label={t('editor.guidanceEn')} value={task.guidance.en} onChange={(e) => setText('guidance', 'en', e.target.value)} fullWidth multiline minRows={2} maxRows={6} slotProps={{ htmlInput: { 'data-testid': 'task-guidance-en' } }} {...fieldError('guidance.en')} />
          </Stack>
          <FormControl error={shown('months') !== undefined} component="fieldset">
            <FormLabel component="legend">{t('editor.months')}</FormLabel>
            <FormControlLabel
              control={<Switch checked={task.everyMonth} onChange={(e) => setTask(taskWithMonths(task, task.months, e.target.checked, fiscalYear))} />}
              label={t('editor.everyMonth')}
            />
            <FormGroup row data-testid="task-months">
              {months.map((m) => (
                <FormControlLabel
                  key={`${m.year}-${m.month}`}
                  sx={{ minWidth: 118 }}
                  disabled={task.everyMonth}
                  control={
                    <Checkbox
                      size="small"
                      checked={chosen.has(`${m.year}-${m.month}`)}
                      onChange={(e) => {
                        const next = e.target.checked ? [...task.months, m] : task.months.filter((c) => c.year !== m.year || c.month !== m.month);
                        setTask(taskWithMonths(task, next, false, fiscalYear));
                      }}
                    />
                  }
                  label={monthLabel(m.year, m.month, 'short')}
                />
              ))}
            </FormGroup>
            {shown('months') && <FormHelperText>{t(`editor.issues.${shown('months')}`)}</FormHelperText>}
          </FormControl>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <FormControl fullWidth size="small">
              <InputLabel id="rule-kind-label">{t('editor.rule')}</InputLabel>
              <Select
                labelId="rule-kind-label" label={t('editor.rule')} value={task.rule.kind} data-testid="task-rule"
                onChange={(e) => setTask({ ...task, rule: ruleOfKind(e.target.value as RuleKind, task.rule) })}
              >
                {RULE_KINDS.map((kind) => <MenuItem key={kind} value={kind}>{t(`editor.ruleKind.${kind}`)}</MenuItem>)}
              </Select>
            </FormControl>
            {'quarter' in task.rule && (
              <FormControl size="small" sx={{ minWidth: 140 }}>
                <InputLabel id="rule-quarter-label">{t('editor.quarter')}</InputLabel>
                <Select
                  labelId="rule-quarter-label" label={t('editor.quarter')} value={task.rule.quarter}
                  onChange={(e) => setTask({ ...task, rule: { ...task.rule, quarter: Number(e.target.value) as Quarter } as CalendarTask['rule'] })}
                >
                  {[1, 2, 3, 4].map((q) => <MenuItem key={q} value={q}>{q}</MenuItem>)}
                </Select>
              </FormControl>
            )}
            {threshold && (
              <TextField
                size="small" type="number" sx={{ minWidth: 280 }}
                label={t(`editor.threshold.${threshold.field}`)}
                value={(task.rule as Record<string, unknown>)[threshold.field] ?? threshold.default}
                onChange={(e) => setTask({ ...task, rule: { ...task.rule, [threshold.field]: e.target.value === '' ? undefined : Number(e.target.value) } as CalendarTask['rule'] })}
                slotProps={{ htmlInput: { min: 1, max: threshold.max, step: 1, 'data-testid': 'task-threshold' } }}
                {...fieldError(`rule.${threshold.field}`)}
              />
            )}
          </Stack>
          {shown('') && <FormHelperText error>{t(`editor.issues.${shown('')}`)}</FormHelperText>}
          <button type="submit" hidden />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{t('editor.cancel')}</Button>
        <Button variant="contained" onClick={save} data-testid="task-save">{t('editor.save')}</Button>
      </DialogActions>
    </Dialog>
  );
}
