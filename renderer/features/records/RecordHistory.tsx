import { Alert, Box, Chip, LinearProgress, List, ListItem, Stack, Typography } from '@mui/material';
import { isEnvelopeField } from '../../../shared/domain/record';
import type { RecordTable } from '../../../shared/domain/tables';
import { fieldOfIssue } from './convert';
import { fieldLabel } from './FieldInput';
import type { ColumnContext, FieldDef, LabelContext, TableDef } from './types';
import { useRecordHistory, type ServerHistory } from './useRecordHistory';
import { MAX_HISTORY_ENTRIES } from '../../../shared/sync/history';

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

/** Why the list is (or may be) only this laptop's part, when it is. */
function ServerNote({ server, ctx }: { server: ServerHistory; ctx: ColumnContext }) {
  if (server.status === 'loading') return <LinearProgress aria-label={ctx.t('history.loading')} sx={{ my: 1 }} />;
  if (server.status === 'offline') return <Alert severity="info" data-testid="history-offline" sx={{ my: 1 }}>{ctx.t('history.offline')}</Alert>;
  if (server.status === 'failed') return <Alert severity="warning" data-testid="history-failed" sx={{ my: 1 }}>{ctx.t('history.failed')}</Alert>;
  if (server.status === 'loaded' && server.older) return <Alert severity="info" data-testid="history-older" sx={{ my: 1 }}>{ctx.t('history.older', { count: MAX_HISTORY_ENTRIES })}</Alert>;
  return null;
}

/**
 * Who changed what and when, newest first: the server's shared history when
 * online (every device's accepted changes), this laptop's changes not yet
 * synced on top; offline, this laptop's with a note saying so.
 */
export function RecordHistory({ def, recordId, ctx }: { def: TableDef; recordId: string; ctx: ColumnContext }) {
  const { lines, server } = useRecordHistory(def.table as RecordTable, recordId);
  if (!lines) return null;
  // Offline with nothing of its own, the laptop says so under the note: the record may still have a history elsewhere.
  const none = server.status === 'loaded' ? 'history.empty' : server.status === 'loading' ? null : 'history.none';
  return (
    <>
      <ServerNote server={server} ctx={ctx} />
      {lines.length === 0 && none && <Typography color="text.secondary" sx={{ py: 2 }}>{ctx.t(none)}</Typography>}
      {lines.length > 0 && (
        <List dense data-testid="record-history" data-source={server.status}>
          {lines.map((line) => {
            const changes = line.op === 'update' ? flattenChanges(line.changes) : [];
            return (
              <ListItem key={line.key} divider sx={{ display: 'block' }}>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: changes.length ? 0.5 : 0 }}>
                  <Chip size="small" color={OP_COLOR[line.op]} label={ctx.t(`history.op.${line.op}`)} />
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>{line.byName ?? ctx.t('history.unknownUser')}</Typography>
                  <Typography variant="body2" color="text.secondary">{ctx.format.dateTime(line.at)}</Typography>
                  {line.pending && <Chip size="small" variant="outlined" color="warning" label={ctx.t('history.pending')} />}
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
      )}
    </>
  );
}
