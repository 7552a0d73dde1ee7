import { Alert, Box, Button, Chip, Divider, FormControlLabel, Link, Paper, Radio, RadioGroup, Stack, Typography } from '@mui/material';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { ValidationIssue } from '../../../shared/result';
import type { SyncConflict } from '../../../shared/sync/protocol';
import { localDb } from '../../data/db';
import { currentActor } from '../../data/session';
import { syncEngine } from '../../sync/runtime';
import { fieldOfIssue, fromFormValues, toFormValue } from '../records/convert';
import { FieldInput } from '../records/FieldInput';
import { useLabelContext, useReferenceData } from '../records/hooks';
import type { ColumnContext, FormValue, FormValues, TableDef } from '../records/types';
import { canTypeValue, conflictFieldLabel, conflictKindColor, fieldDefOf, formatConflictValue, recordTitle, tableDefOf, tableLabel } from './display';
import { FieldChoiceRow } from './FieldChoiceRow';
import { resolveLocally } from '../../sync/conflictQueue';
import { conflictFields, defaultChoice, RESOLVE_ERROR_CODES, type ConflictChoice, type FieldChoice } from '../../sync/conflictResolution';
import { useWriteErrorText } from '../records/writeError';
import type { WriteError } from '../../data/records';
import { canWriteLaoHere } from '../../../shared/auth/access';
import type { ConflictContext } from './useConflicts';


/** What the author did, as the line under the title says it. */
const AUTHOR_LINE = { fields: 'changedBy', edit_vs_delete: 'changedBy', delete_vs_edit: 'deletedBy', duplicate: 'createdAgainBy' } as const;

export function authorName(conflict: SyncConflict, context: ConflictContext, t: (key: string) => string): string {
  if (context.me?.id === conflict.author) return t('you');
  const user = context.users.get(conflict.author);
  return typeof user?.displayName === 'string' ? user.displayName : t('unknownUser');
}

function recordLink(conflict: SyncConflict, fiscalYear: unknown): string {
  if (conflict.table === 'fieldVisits') return '/visits';
  const params = new URLSearchParams({ section: conflict.table, record: conflict.recordId });
  if (typeof fiscalYear === 'number') params.set('fy', String(fiscalYear));
  return `/laos/${conflict.laoId}?${params.toString()}`;
}

export interface ConflictDetailProps {
  conflict: SyncConflict;
  context: ConflictContext;
  onResolved: (notice: string) => void;
}

/** One conflict: both values of every clashing field side by side, a choice per field, and Apply. */
export function ConflictDetail({ conflict, context, onResolved }: ConflictDetailProps) {
  const { t, i18n } = useTranslation('conflicts');
  const tv = useTranslation('validation').t;
  const writeErrorText = useWriteErrorText();
  const labels = useLabelContext();
  const def = tableDefOf(conflict.table);
  const current = context.records.get(`${conflict.table}:${conflict.recordId}`);
  const fiscalYear = Number(current?.fiscalYear ?? labels.format.today().fiscalYear);
  const references = useReferenceData(def ?? PLACEHOLDER_DEF, conflict.laoId, fiscalYear);
  const ctx: ColumnContext = { ...labels, lookup: references.lookup };
  const [choice, setChoice] = useState<ConflictChoice>(() => defaultChoice(conflict));
  // Typed values, started from the record's value when the person first picks "a new value".
  const [custom, setCustom] = useState<FormValues>({});
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const readOnly = !canWriteLaoHere(context.me, { id: conflict.laoId, provinceCode: conflict.provinceCode });
  const who = authorName(conflict, context, t);
  const lao = context.laos.get(conflict.laoId);
  const laoName = lao ? String(i18n.language === 'en' ? lao.nameEn : lao.nameTh) : conflict.laoId;
  const title = recordTitle(def, current, labels) ?? t('noTitle', { table: tableLabel(conflict.table, labels) });
  const when = labels.format.dateTime(conflict.clientTime || conflict.createdAt);
  const clientHeading = context.me?.id === conflict.author ? t('column.yours') : t('column.theirs', { name: who });

  const issueOf = (name: string) => {
    const found = issues.find((issue) => (def ? fieldOfIssue(def, issue.path)?.name : issue.path) === name);
    return found ? tv(found.code, { ...found.params, defaultValue: tv('field.invalid') }) : undefined;
  };

  const choose = (name: string, side: FieldChoice['side']) => {
    if (choice.kind !== 'fields') return;
    setChoice({ kind: 'fields', fields: { ...choice.fields, [name]: side === 'custom' ? { side, value: undefined } : { side } } });
    const field = fieldDefOf(def, name);
    if (side === 'custom' && field) setCustom((values) => (name in values ? values : { ...values, [name]: toFormValue(field, current ?? {}) }));
    setIssues((found) => found.filter((issue) => issue.path !== name));
  };

  /** Typed text read into values the way the record form reads it; unreadable text stops here. */
  const readChoice = (): { choice: ConflictChoice; issues: ValidationIssue[] } => {
    if (choice.kind !== 'fields' || !def) return { choice, issues: [] };
    const fields: Record<string, FieldChoice> = { ...choice.fields };
    const found: ValidationIssue[] = [];
    for (const [name, picked] of Object.entries(fields)) {
      if (picked.side !== 'custom') continue;
      const field = fieldDefOf(def, name)!;
      const read = fromFormValues({ ...def, fields: [field] }, { [name]: custom[name] ?? '' });
      found.push(...read.issues);
      fields[name] = { side: 'custom', value: read.input[name] };
    }
    return { choice: { kind: 'fields', fields }, issues: found };
  };

  const apply = async () => {
    if (saving) return;
    setError(null);
    const read = readChoice();
    if (read.issues.length > 0) {
      setIssues(read.issues);
      setError(t('error.VALIDATION_FAILED'));
      return;
    }
    setSaving(true);
    const result = await resolveLocally(localDb(), conflict, read.choice, await currentActor());
    setSaving(false);
    if (!result.ok) {
      if (result.error.code === 'VALIDATION_FAILED') setIssues(result.error.issues);
      // The choice's own problems are the conflict page's to explain; a write's (a full disk, a signed-off period) the form's.
      const own = result.error.code === 'VALIDATION_FAILED' || (RESOLVE_ERROR_CODES as readonly string[]).includes(result.error.code);
      setError(own ? t(`error.${result.error.code}`) : writeErrorText(result.error as WriteError));
      return;
    }
    if (navigator.onLine) void syncEngine().sync();
    onResolved(navigator.onLine ? t('resolved') : t('resolvedOffline'));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && (event.key === 'Enter' || event.key.toLowerCase() === 's')) {
      event.preventDefault();
      void apply();
    }
  };

  const names = conflictFields(conflict);
  const valueText = (name: string, side: 'server' | 'client') => {
    const values = conflict.fields[name]!;
    const server = current && name in current ? current[name] : values.server;
    return side === 'server'
      ? formatConflictValue(def, name, server, values.client, ctx)
      : formatConflictValue(def, name, values.client, server, ctx);
  };

  return (
    <Paper variant="outlined" component="section" aria-labelledby="conflict-title" onKeyDown={onKeyDown} data-testid="conflict-detail" sx={{ p: { xs: 2, md: 3 } }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mb: 0.5 }}>
        <Chip size="small" color={conflictKindColor(conflict.kind)} label={t(`kind.${conflict.kind}`)} data-testid="conflict-kind" />
        <Typography variant="body2" color="text.secondary">{laoName} · {tableLabel(conflict.table, labels)}</Typography>
      </Stack>
      <Typography id="conflict-title" variant="h5" component="h2" sx={{ mb: 0.5 }}>{title}</Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="body2" data-testid="conflict-author">
          {t(AUTHOR_LINE[conflict.kind], { name: who, when })}
        </Typography>
        <Link component={RouterLink} to={recordLink(conflict, current?.fiscalYear)} variant="body2" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
          {t('openRecord')}<OpenInNewIcon sx={{ fontSize: 16 }} aria-hidden />
        </Link>
      </Stack>
      {conflict.kind === 'duplicate' && <Alert severity="info" sx={{ mb: 2 }} data-testid="duplicate-explained">{t('duplicateExplained', { name: who })}</Alert>}
      {readOnly && <Alert severity="info" sx={{ mb: 2 }}>{t('readOnly')}</Alert>}
      <Divider sx={{ mb: 2 }} />
      {choice.kind === 'fields' ? (
        <Stack spacing={2.5}>
          {names.map((name) => {
            const label = conflictFieldLabel(def, name, labels);
            const field = fieldDefOf(def, name);
            const typed = def && field && canTypeValue(def, name);
            return (
              <FieldChoiceRow
                key={name}
                name={name}
                label={label}
                serverText={valueText(name, 'server')}
                clientText={valueText(name, 'client')}
                clientHeading={clientHeading}
                choice={choice.fields[name]?.side ?? 'server'}
                onChoose={(side) => choose(name, side)}
                readOnly={readOnly}
                customInput={typed ? (
                  <FieldInput
                    def={def}
                    field={{ ...field, width: 'full' }}
                    values={custom}
                    onChange={(fieldName: string, value: FormValue) => {
                      setCustom((values) => ({ ...values, [fieldName]: value }));
                      setIssues((found) => found.filter((issue) => issue.path !== fieldName));
                    }}
                    error={issueOf(name)}
                    ctx={labels}
                    references={references.data}
                    fiscalYear={fiscalYear}
                    autoFocus
                  />
                ) : undefined}
              />
            );
          })}
        </Stack>
      ) : (
        <RecordChoice conflict={conflict} names={names} keep={choice.keep} readOnly={readOnly} onChange={(keep) => setChoice({ kind: 'record', keep })} text={(name) => valueText(name, conflict.kind === 'edit_vs_delete' ? 'client' : 'server')} label={(name) => conflictFieldLabel(def, name, labels)} />
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 2 }} data-testid="conflict-error">
          {error}
          {issues.filter((issue) => !names.includes(issue.path)).map((issue) => (
            <div key={`${issue.path}-${issue.code}`}>{tv(issue.code, { ...issue.params, defaultValue: tv('field.invalid') })}{issue.path ? ` (${conflictFieldLabel(def, issue.path, labels)})` : ''}</div>
          ))}
        </Alert>
      )}
      <Stack direction="row" spacing={2} sx={{ mt: 3, alignItems: 'center', justifyContent: 'flex-end' }}>
        <Typography variant="caption" color="text.secondary">{t('shortcut')}</Typography>
        <Button variant="contained" onClick={() => void apply()} disabled={saving} data-testid="conflict-apply">{saving ? t('applying') : t('apply')}</Button>
      </Stack>
    </Paper>
  );
}

const PLACEHOLDER_DEF: TableDef = { table: 'fieldVisits', fiscal: false, fields: [], columns: [], title: () => '' };

/** Edit against delete, delete against edit: one decision about the whole record. */
function RecordChoice(props: {
  conflict: SyncConflict;
  names: string[];
  keep: 'server' | 'client';
  readOnly: boolean;
  onChange: (keep: 'server' | 'client') => void;
  text: (name: string) => string;
  label: (name: string) => string;
}) {
  const { t } = useTranslation('conflicts');
  const editVsDelete = props.conflict.kind === 'edit_vs_delete';
  const options = editVsDelete
    ? [{ value: 'server', title: t('record.keepDeleted'), hint: t('record.keepDeletedHint') }, { value: 'client', title: t('record.restore'), hint: t('record.restoreHint') }]
    : [{ value: 'server', title: t('record.keepRecord'), hint: t('record.keepRecordHint') }, { value: 'client', title: t('record.delete'), hint: t('record.deleteHint') }];
  return (
    <Stack spacing={2}>
      <RadioGroup aria-label={t('record.choice')} value={props.keep} onChange={(_e, value) => props.onChange(value as 'server' | 'client')} sx={{ display: 'flex', flexDirection: { xs: 'column', md: 'row' }, gap: 1.5 }}>
        {options.map((option) => (
          <Paper key={option.value} variant="outlined" data-testid={`record-${option.value}`} sx={{ flex: 1, p: 1.5, borderWidth: props.keep === option.value ? 2 : 1, borderColor: props.keep === option.value ? 'primary.main' : 'divider' }}>
            <FormControlLabel value={option.value} disabled={option.value === 'client' && props.readOnly} control={<Radio />} label={<Typography sx={{ fontWeight: 600 }}>{option.title}</Typography>} />
            <Typography variant="body2" color="text.secondary" sx={{ pl: 4 }}>{option.hint}</Typography>
          </Paper>
        ))}
      </RadioGroup>
      {props.names.length > 0 && (
        <Box>
          <Typography variant="subtitle2" sx={{ mb: 1 }}>{t(editVsDelete ? 'record.editedFields' : 'record.othersEdits')}</Typography>
          <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'minmax(140px, max-content) 1fr', columnGap: 2, rowGap: 0.75, m: 0 }}>
            {props.names.map((name) => [
              <Typography key={`${name}-label`} component="dt" variant="body2" color="text.secondary">{props.label(name)}</Typography>,
              <Typography key={`${name}-value`} component="dd" variant="body2" sx={{ m: 0, whiteSpace: 'pre-line' }}>{props.text(name)}</Typography>,
            ])}
          </Box>
        </Box>
      )}
    </Stack>
  );
}
