import { Box, InputAdornment, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { contractDocsStatus, CONTRACT_DOCS_DUE_DAYS } from '../../../shared/calendar/contractDocs';
import { useFormat } from '../../app/format';
import { DatePickerButton } from '../records/DatePickerButton';
import { useLabelContext } from '../records/hooks';
import { DocsChip } from '../officers/DocsChip';
import { isoOfTyped, type UserForm } from './users';

type DateKey = 'contractSignedOn' | 'hiringDocsSentOn';

/** An officer's contract dates, typed in B.E. as on the record forms, with the 15-day deadline they give. */
export function ContractFields({ form, onChange, problem }: {
  form: Pick<UserForm, DateKey>;
  onChange: (key: DateKey, value: string) => void;
  problem: (key: DateKey) => string | undefined;
}) {
  const { t } = useTranslation('sync');
  const ctx = useLabelContext();
  const format = useFormat();
  const signedOn = isoOfTyped(form.contractSignedOn);
  const docs = signedOn ? contractDocsStatus({ contractSignedOn: signedOn, hiringDocsSentOn: isoOfTyped(form.hiringDocsSentOn) ?? null }, format.today().iso) : null;
  const field = (key: DateKey) => (
    <TextField
      label={t(`admin.contract.${key}`)} name={key} value={form[key]} onChange={(e) => onChange(key, e.target.value)} fullWidth
      placeholder={ctx.t('form.datePlaceholder')} error={Boolean(problem(key))} helperText={problem(key) ?? ctx.t('form.dateHint')}
      slotProps={{ input: { endAdornment: <InputAdornment position="end"><DatePickerButton value={form[key]} onPick={(v) => onChange(key, v)} ctx={ctx} /></InputAdornment> } }}
    />
  );
  return (
    <Stack spacing={1.5} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Box>
        <Typography component="legend" variant="subtitle2">{t('admin.contract.title')}</Typography>
        <Typography variant="caption" color="text.secondary">{t('admin.contract.rule', { days: CONTRACT_DOCS_DUE_DAYS })}</Typography>
      </Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        {field('contractSignedOn')}
        {field('hiringDocsSentOn')}
      </Stack>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="contract-deadline">
        {docs?.dueOn ? (
          <>
            <Typography variant="body2">{t('admin.contract.dueOn', { date: format.date(docs.dueOn) })}</Typography>
            <DocsChip docs={docs} testId="contract-status" />
          </>
        ) : (
          <Typography variant="body2" color="text.secondary">{t('admin.contract.noContract')}</Typography>
        )}
      </Stack>
    </Stack>
  );
}
