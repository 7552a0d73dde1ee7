import { Box, Button, IconButton, Popover, Stack, Typography } from '@mui/material';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { useState } from 'react';
import { formatMonthYear, parseThaiDate, toThaiNumericDate } from '../../../shared/calendar/thaiDate';
import type { LabelContext } from './types';
import { today } from '../../../shared/clock';

const WEEKDAYS = { th: ['อา', 'จ', 'อ', 'พ', 'พฤ', 'ศ', 'ส'], en: ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'] };
const pad = (n: number) => String(n).padStart(2, '0');

/** A small month calendar in B.E.; typing the date stays the fast way, this is for looking one up. */
export function DatePickerButton({ value, onPick, ctx }: { value: string; onPick: (text: string) => void; ctx: LabelContext }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [month, setMonth] = useState({ year: 2000, month: 1 });
  const open = (el: HTMLElement) => {
    const parsed = parseThaiDate(value);
    const iso = parsed.ok ? parsed.value : today();
    setMonth({ year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) });
    setAnchor(el);
  };
  const shift = (delta: number) =>
    setMonth(({ year, month: m }) => {
      const index = year * 12 + (m - 1) + delta;
      return { year: Math.floor(index / 12), month: (index % 12) + 1 };
    });
  const firstWeekday = new Date(Date.UTC(month.year, month.month - 1, 1)).getUTCDay();
  const days = new Date(Date.UTC(month.year, month.month, 0)).getUTCDate();
  const selected = parseThaiDate(value);
  const cells = [...Array<null>(firstWeekday).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  return (
    <>
      <IconButton edge="end" size="small" tabIndex={-1} aria-label={ctx.t('form.openCalendar')} onClick={(e) => open(e.currentTarget)}>
        <CalendarMonthIcon fontSize="small" />
      </IconButton>
      <Popover open={anchor !== null} anchorEl={anchor} onClose={() => setAnchor(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }} transformOrigin={{ vertical: 'top', horizontal: 'right' }}>
        <Box sx={{ p: 1.5, width: 280 }}>
          <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
            <IconButton size="small" onClick={() => shift(-1)} aria-label={ctx.t('form.previousMonth')}><ChevronLeftIcon /></IconButton>
            <Typography sx={{ fontWeight: 600 }}>{formatMonthYear(month.year, month.month, { locale: ctx.lang, style: 'long', era: 'BE' })}</Typography>
            <IconButton size="small" onClick={() => shift(1)} aria-label={ctx.t('form.nextMonth')}><ChevronRightIcon /></IconButton>
          </Stack>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 0.25, textAlign: 'center' }}>
            {WEEKDAYS[ctx.lang].map((d) => <Typography key={d} variant="caption" color="text.secondary">{d}</Typography>)}
            {cells.map((day, i) => {
              if (day === null) return <span key={`blank-${i}`} />;
              const iso = `${month.year}-${pad(month.month)}-${pad(day)}`;
              const isSelected = selected.ok && selected.value === iso;
              return (
                <Button
                  key={iso}
                  size="small"
                  variant={isSelected ? 'contained' : 'text'}
                  sx={{ minWidth: 0, p: 0.5 }}
                  onClick={() => { onPick(toThaiNumericDate(iso)); setAnchor(null); }}
                >
                  {day}
                </Button>
              );
            })}
          </Box>
        </Box>
      </Popover>
    </>
  );
}
