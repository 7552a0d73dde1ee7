import { Autocomplete, Box, FormHelperText, Grid, InputAdornment, TextField, Typography } from '@mui/material';
import { monthsOfFiscalYear } from '../../../shared/calendar/fiscal';
import { formatMonthYear } from '../../../shared/calendar/thaiDate';
import { formatBaht, parseBaht } from '../../../shared/money';
import type { StoredRecord } from '../../data/db';
import { DatePickerButton } from './DatePickerButton';
import { StrategiesInput } from './StrategiesInput';
import type { ReferenceData } from './hooks';
import type { FieldDef, FormValue, FormValues, LabelContext, StrategyDraft, TableDef } from './types';

export interface FieldInputProps {
  def: TableDef;
  field: FieldDef;
  values: FormValues;
  onChange: (name: string, value: FormValue) => void;
  error?: string;
  /** A yearly-budget field's errors by year: each shows under its own year's box. */
  yearErrors?: Readonly<Record<string, string>>;
  ctx: LabelContext;
  references: ReferenceData;
  fiscalYear: number;
  autoFocus?: boolean;
}

export function fieldLabel(def: TableDef, field: FieldDef, ctx: LabelContext): string {
  return field.labelOf?.(ctx) ?? ctx.t(field.label ?? `${def.table}.fields.${field.name}`);
}

/** Money text regrouped with thousands separators once the officer leaves the field. */
function regroupMoney(text: string): string {
  const parsed = parseBaht(text);
  return parsed.ok && text.trim() !== '' ? formatBaht(parsed.value) : text;
}

function planYears(field: FieldDef, values: FormValues, references: ReferenceData): number[] {
  const plan = references.get('plans')?.find((p) => p.id === values[field.planField ?? '']);
  const years = plan ? Array.from({ length: Number(plan.years) }, (_, i) => Number(plan.startYear) + i) : [];
  const typed = Object.keys((values[field.name] ?? {}) as Record<string, string>).map(Number);
  return [...new Set([...years, ...typed])].sort((a, b) => a - b);
}

/** The fiscal years an officer may pick for a record: two back and one ahead of the year in view. */
export const pickableFiscalYears = (fiscalYear: number): number[] => [fiscalYear - 2, fiscalYear - 1, fiscalYear, fiscalYear + 1];

function YearBudgetsInput({ def, field, values, onChange, error, yearErrors = {}, ctx, references }: FieldInputProps) {
  const budgets = (values[field.name] ?? {}) as Record<string, string>;
  const years = planYears(field, values, references);
  const set = (year: number, text: string) => onChange(field.name, { ...budgets, [String(year)]: text });
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle2" sx={{ mb: 1 }}>{fieldLabel(def, field, ctx)}</Typography>
      {years.length === 0 && <Typography variant="body2" color="text.secondary">{ctx.t('form.choosePlanFirst')}</Typography>}
      <Grid container spacing={1.5}>
        {years.map((year) => (
          <Grid key={year} size={{ xs: 6, sm: 4, md: 12 / Math.min(5, Math.max(3, years.length)) }}>
            <TextField
              name={`${field.name}.${year}`}
              label={ctx.t('form.budgetOfYear', { year })}
              value={budgets[String(year)] ?? ''}
              onChange={(e) => set(year, e.target.value)}
              onBlur={(e) => set(year, regroupMoney(e.target.value))}
              inputMode="decimal"
              size="small"
              fullWidth
              error={Boolean(yearErrors[String(year)])}
              helperText={yearErrors[String(year)]}
              slotProps={{ input: { endAdornment: <InputAdornment position="end">{ctx.t('form.bahtUnit')}</InputAdornment> } }}
            />
          </Grid>
        ))}
      </Grid>
      {error && <FormHelperText error>{error}</FormHelperText>}
    </Box>
  );
}

function ReferenceInput({ def, field, values, onChange, error, ctx, references, autoFocus }: FieldInputProps) {
  const spec = field.reference!;
  const options = (references.get(spec.table) ?? []).filter((row) => !spec.filter || spec.filter(row, values));
  const value = options.find((row) => row.id === values[field.name]) ?? null;
  const label = fieldLabel(def, field, ctx);
  return (
    <Autocomplete<StoredRecord>
      options={options}
      value={value}
      onChange={(_e, row) => onChange(field.name, row?.id ?? '')}
      getOptionLabel={(row) => spec.label(row, ctx)}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      autoHighlight
      openOnFocus={false}
      noOptionsText={ctx.t('form.noOptions')}
      renderOption={(props, row) => <li {...props} key={row.id}>{spec.label(row, ctx)}</li>}
      renderInput={(params) => (
        <TextField
          {...params}
          name={field.name}
          label={label}
          required={field.required}
          autoFocus={autoFocus}
          error={Boolean(error)}
          helperText={error ?? (field.nullable ? ctx.t('form.optional') : undefined)}
        />
      )}
    />
  );
}

export function FieldInput(props: FieldInputProps) {
  const { def, field, values, onChange, error, ctx, fiscalYear, autoFocus } = props;
  const label = fieldLabel(def, field, ctx);
  const text = typeof values[field.name] === 'string' ? (values[field.name] as string) : '';
  const hint = field.hint?.(values, ctx);
  const common = {
    name: field.name,
    label,
    value: text,
    required: field.required,
    error: Boolean(error),
    autoFocus,
    fullWidth: true,
    onChange: (e: { target: { value: string } }) => onChange(field.name, e.target.value),
  };
  switch (field.kind) {
    case 'yearBudgets':
      return <YearBudgetsInput {...props} />;
    case 'reference':
      return <ReferenceInput {...props} />;
    case 'strategies':
      return <StrategiesInput label={label} value={(values[field.name] ?? []) as StrategyDraft[]} onChange={(v) => onChange(field.name, v)} error={error} ctx={ctx} />;
    case 'date':
      return (
        <TextField
          {...common}
          placeholder={ctx.t('form.datePlaceholder')}
          helperText={error ?? hint ?? ctx.t('form.dateHint')}
          slotProps={{ input: { endAdornment: <InputAdornment position="end"><DatePickerButton value={text} onPick={(v) => onChange(field.name, v)} ctx={ctx} /></InputAdornment> } }}
        />
      );
    case 'money':
      return (
        <TextField
          {...common}
          inputMode="decimal"
          onBlur={(e) => onChange(field.name, regroupMoney(e.target.value))}
          helperText={error ?? hint}
          slotProps={{ input: { endAdornment: <InputAdornment position="end">{ctx.t('form.bahtUnit')}</InputAdornment> }, htmlInput: { style: { textAlign: 'right' } } }}
        />
      );
    case 'integer':
      return <TextField {...common} inputMode="numeric" helperText={error ?? hint} />;
    case 'select':
      return (
        <TextField {...common} select helperText={error ?? hint} slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}>
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {field.optionLabel?.(option, ctx) ?? option}
            </option>
          ))}
        </TextField>
      );
    case 'fiscalYear': {
      const years = pickableFiscalYears(fiscalYear);
      const chosen = Number(text);
      return (
        <TextField {...common} select helperText={error ?? hint} slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}>
          {(years.includes(chosen) || !text ? years : [...years, chosen].sort((a, b) => a - b)).map((year) => (
            <option key={year} value={String(year)}>{ctx.t('workspace.fiscalYearOption', { fy: year })}</option>
          ))}
        </TextField>
      );
    }
    case 'fiscalMonth':
      return (
        <TextField {...common} select helperText={error ?? hint} slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}>
          <option value="" />
          {monthsOfFiscalYear(fiscalYear).map(({ year, month }) => (
            <option key={`${year}-${month}`} value={`${year}-${String(month).padStart(2, '0')}`}>
              {formatMonthYear(year, month, { locale: ctx.lang, style: 'long', era: 'BE' })}
            </option>
          ))}
        </TextField>
      );
    case 'lines':
      return <TextField {...common} multiline minRows={3} helperText={error ?? ctx.t('form.onePerLine')} />;
    case 'multiline':
      return <TextField {...common} multiline minRows={2} helperText={error ?? hint ?? (field.nullable ? ctx.t('form.optional') : undefined)} />;
    default:
      return <TextField {...common} helperText={error ?? hint} />;
  }
}
