import { Box, Chip, List, ListItem, Stack, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { isEnvelopeField } from '../../../shared/domain/record';
import type { RecordTable } from '../../../shared/domain/tables';
import { localDb } from '../../data/db';
import { recordHistory } from '../../data/queries';
import { fieldOfIssue } from './convert';
import { fieldLabel } from './FieldInput';
import type { ColumnContext, FieldDef, LabelContext, TableDef } from './types';

/** Bookkeeping is not history, except 'entered on behalf', which a person chooses; nor is the fiscal year a form fixes. */
const hidden = (field: string) => (isEnvelopeField(field) && field !== 'enteredOnBehalf') || field === 'fiscalYear';
const OP_COLOR = { create: 'success', update: 'info', delete: 'error', restore: 'warning' } as const;

/** Nested changes ('revenue': {...}) as one line per changed leaf ('revenue.localTaxes'). */
export function flattenChanges(changes: Record<string, { old: unknown; new: unknown }>): { path: string; old: unknown; new: unknown }[] {
  const out: { path: string; old: unknown; new: unknown }[] = [];
  const walk = (path: string, before: unknown, after: unknown) => {
    const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (isObject(before) || isObject(after)) {
      const b = (isObject(before) ? before : {}) as Record<string, unknown>;
      const a = (isObject(after) ? after : {}) as Record<string, unknown>;
      for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) walk(`${path}.${key}`, b[key], a[key]);
    } else if (JSON.stringify(before ?? null) !== JSON.stringify(after ?? null)) {
      out.push({ path, old: before ?? null, new: after ?? null });
    }
  };
  for (const [field, change] of Object.entries(changes)) if (!hidden(field)) walk(field, change.old, change.new);
  return out;
}

export function formatFieldValue(field: FieldDef | undefined, value: unknown, ctx: ColumnContext): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field?.kind) {
    case 'date':
      return ctx.format.date(String(value));
    case 'money':
      return ctx.format.baht(Number(value));
    case 'select':
      return field.optionLabel?.(String(value), ctx) ?? String(value);
    case 'reference': {
      const row = ctx.lookup(field.reference!.table, value);
      return row ? field.reference!.label(row, ctx) : String(value);
    }
    case 'yearBudgets':
      return (value as { year: number; amount: number }[]).map((b) => `${b.year}: ${ctx.format.baht(b.amount)}`).join(', ');
    case 'strategies':
      return (value as { code: string; name: string }[]).map((s) => `${s.code} ${s.name}`).join('; ');
    default:
      if (typeof value === 'boolean') return ctx.t(value ? 'form.yes' : 'form.no');
      return Array.isArray(value) ? value.join('; ') : String(value);
  }
}

export function labelOfPath(def: TableDef, path: string, ctx: LabelContext) {
  if (path === 'enteredOnBehalf') return ctx.t('form.onBehalfShort');
  const field = fieldOfIssue(def, path);
  return field ? fieldLabel(def, field, ctx) : path;
}

/** Who changed what and when, newest first (kept locally; synced later). */
export function RecordHistory({ def, recordId, ctx }: { def: TableDef; recordId: string; ctx: ColumnContext }) {
  const lines = useLiveQuery(() => recordHistory(localDb(), def.table as RecordTable, recordId), [def.table, recordId]);
  if (!lines) return null;
  if (lines.length === 0) return <Typography color="text.secondary" sx={{ py: 2 }}>{ctx.t('history.none')}</Typography>;
  return (
    <List dense data-testid="record-history">
      {lines.map((line) => {
        const changes = line.op === 'update' ? flattenChanges(line.changes) : [];
        return (
          <ListItem key={line.id} divider sx={{ display: 'block' }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: changes.length ? 0.5 : 0 }}>
              <Chip size="small" color={OP_COLOR[line.op as keyof typeof OP_COLOR] ?? 'default'} label={ctx.t(`history.op.${line.op}`)} />
              <Typography variant="body2" sx={{ fontWeight: 600 }}>{line.byName ?? ctx.t('history.unknownUser')}</Typography>
              <Typography variant="body2" color="text.secondary">{ctx.format.dateTime(line.at)}</Typography>
            </Stack>
            {changes.map((change) => {
              const field = fieldOfIssue(def, change.path);
              return (
                <Box key={change.path} sx={{ pl: 1, typography: 'body2' }}>
                  <Box component="span" sx={{ color: 'text.secondary' }}>{labelOfPath(def, change.path, ctx)}: </Box>
                  <Box component="span" sx={{ textDecoration: 'line-through', color: 'text.secondary' }}>{formatFieldValue(field?.name === change.path ? field : undefined, change.old, ctx)}</Box>
                  {' → '}
                  <Box component="span">{formatFieldValue(field?.name === change.path ? field : undefined, change.new, ctx)}</Box>
                </Box>
              );
            })}
          </ListItem>
        );
      })}
    </List>
  );
}
