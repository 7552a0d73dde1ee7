import { Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText } from '@mui/material';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bangkokDateTime, useFormat } from '../../app/format';
import { localDb, type OutboxEntry } from '../../data/db';
import { discardRejected } from '../../sync/push';
import { CATEGORIES } from '../records/categories';
import { useLabelContext } from '../records/hooks';
import { fieldOfIssue } from '../records/convert';
import { VISIT_PURPOSE_LABELS, type VisitPurpose } from '../../../shared/domain/visit';
import { ENVELOPE_FIELDS } from '../../../shared/domain/record';
import { flattenChanges, formatFieldValue, labelOfPath } from '../records/RecordHistory';
import type { ColumnContext, TableDef } from '../records/types';
import { useSessionUser } from './useSync';

const DEFS = new Map<string, TableDef>(CATEGORIES.flatMap((category) => category.sections.map((def) => [def.table, def] as const)));

/** Fields of a visit that say where it belongs, not what was typed: not listed (the officer is the writer). */
const VISIT_PLACE = new Set<string>([...ENVELOPE_FIELDS, 'fiscalYear', 'officerId']);

/** A field visit has no record form (it is logged on its own page): its labels and values, as that page writes them. */
function useVisitField(ctx: ColumnContext): (path: string, value: unknown) => { label: string; text: string } {
  const { t } = useTranslation('calendar');
  return (path, value) => {
    const label = t(`visits.${path === 'categoriesEntered' ? 'categories' : path}`, { defaultValue: path });
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return { label, text: '—' };
    if (path === 'visitedOn' && typeof value === 'string') return { label, text: ctx.format.date(value) };
    if (path === 'purpose' && typeof value === 'string' && value in VISIT_PURPOSE_LABELS) return { label, text: VISIT_PURPOSE_LABELS[value as VisitPurpose][ctx.lang] };
    if (path === 'categoriesEntered' && Array.isArray(value)) return { label, text: value.map((category) => t(`category.${String(category)}`)).join(', ') };
    return { label, text: String(value) };
  };
}

/** Each field as the officer typed it (and what it was before), so it can be entered again. */
function RefusedValues({ entry, ctx }: { entry: OutboxEntry; ctx: ColumnContext }) {
  const { t } = useTranslation('sync');
  const visitField = useVisitField(ctx);
  const def = DEFS.get(entry.table);
  const visit = entry.table === 'fieldVisits';
  // A visit's categories are one list: flattening would name each by its position.
  const lines = (visit ? Object.entries(entry.changes).map(([path, change]) => ({ path, old: change.old, new: change.new })) : flattenChanges(entry.changes))
    .filter((line) => line.path !== 'enteredOnBehalf' && !(visit && VISIT_PLACE.has(line.path)));
  if (lines.length === 0) return null;
  return (
    <Box component="ul" data-testid="rejected-values" sx={{ m: 0, mt: 0.5, pl: 2, typography: 'body2', color: 'text.primary' }}>
      {lines.map((line) => {
        if (visit) {
          const typed = visitField(line.path, line.new);
          return (
            <li key={line.path}>
              {line.old === null ? t('rejected.valueNew', { field: typed.label, value: typed.text }) : t('rejected.value', { field: typed.label, value: typed.text, was: visitField(line.path, line.old).text })}
            </li>
          );
        }
        const field = def ? fieldOfIssue(def, line.path) : undefined;
        const label = def ? labelOfPath(def, line.path, ctx) : line.path;
        const typed = formatFieldValue(field, line.new, ctx);
        return (
          <li key={line.path}>
            {line.old === null ? t('rejected.valueNew', { field: label, value: typed }) : t('rejected.value', { field: label, value: typed, was: formatFieldValue(field, line.old, ctx) })}
          </li>
        );
      })}
    </Box>
  );
}

/**
 * The changes the server refused. The records already show the server's value
 * (rolled back when refused, docs/roles.md); each entry stays listed with its
 * values and reason until the officer has read it and lets it go.
 */
export function RejectedChanges({ count }: { count: number }) {
  const { t } = useTranslation('sync');
  const { t: tr } = useTranslation('records');
  const format = useFormat();
  const labels = useLabelContext();
  const ctx: ColumnContext = useMemo(() => ({ ...labels, lookup: () => undefined }), [labels]);
  const [open, setOpen] = useState(false);
  const user = useSessionUser();
  // The signed-in user's own refused changes: another user's wait for that user.
  const entries = useLiveQuery(
    () => (open ? localDb().outbox.filter((entry) => entry.rejected !== undefined && (!user || entry.author === user.id)).toArray() : []),
    [open, user?.id],
    [],
  );
  return (
    <>
      <Chip data-testid="sync-rejected" size="small" color="error" icon={<ErrorOutlineIcon />} label={t('status.rejected', { count })} onClick={() => setOpen(true)} />
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="md" fullWidth>
        <DialogTitle>{t('rejected.title')}</DialogTitle>
        <DialogContent>
          <Alert severity="info" sx={{ mb: 1 }}>{t('rejected.rolledBack')}</Alert>
          <List dense>
            {entries.map((entry) => (
              <ListItem
                key={entry.seq}
                data-testid="rejected-change"
                divider
                secondaryAction={<Button size="small" onClick={() => void discardRejected(localDb(), entry.seq!)}>{t('rejected.discard')}</Button>}
                sx={{ pr: 16 }}
              >
                <ListItemText
                  primary={`${t(`table.${entry.table}`, { defaultValue: tr(`${entry.table}.section`, { defaultValue: entry.table }) })} · ${bangkokDateTime(entry.clientTime, format)}`}
                  secondary={<>
                    <Box component="span" sx={{ color: 'error.main', display: 'block' }}>{t(`rejectCode.${entry.rejected!.code}`, { defaultValue: entry.rejected!.code })}</Box>
                    <RefusedValues entry={entry} ctx={ctx} />
                  </>}
                  slotProps={{ secondary: { component: 'div' } }}
                />
              </ListItem>
            ))}
          </List>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{t('rejected.close')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
