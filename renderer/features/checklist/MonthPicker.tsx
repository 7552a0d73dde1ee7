import { ListSubheader, MenuItem, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFiscalYearsWithData } from '../../data/fiscalYears';
import { monthChoices, monthKey, useMonthLabel } from './months';

/**
 * The month picker of the checklist and the matrix: the months of every fiscal
 * year with data on the device or a calendar, under a heading per fiscal year,
 * the newest year first. The shown month's year is always offered.
 */
export function MonthPicker({ year, month, fiscalYear, currentFiscalYear, onChange, minWidth }: {
  year: number;
  month: number;
  /** The fiscal year of the shown month. */
  fiscalYear: number;
  currentFiscalYear: number;
  onChange: (key: string) => void;
  minWidth: number;
}) {
  const { t } = useTranslation('calendar');
  const monthLabel = useMonthLabel();
  const years = useFiscalYearsWithData(currentFiscalYear);
  const items = monthChoices([...years, fiscalYear]).flatMap((choice) => [
    ...(choice.month === 10 ? [<ListSubheader key={`fy-${choice.fiscalYear}`} data-testid="month-fiscal-year">{t('month.fiscalYear', { fy: choice.fiscalYear })}</ListSubheader>] : []),
    <MenuItem key={choice.key} value={choice.key}>{monthLabel(choice.year, choice.month)}</MenuItem>,
  ]);
  return (
    <TextField
      select size="small" label={t('month.label')} value={monthKey(year, month)} onChange={(e) => onChange(e.target.value)} sx={{ minWidth }}
      slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 420 } } } } } }}
    >
      {items}
    </TextField>
  );
}
