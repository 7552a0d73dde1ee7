import { Alert, Badge, Box, Button, Chip, LinearProgress, List, ListItemButton, ListItemText, Paper, Snackbar, Stack, Typography, type SvgIconProps } from '@mui/material';
import CallSplitIcon from '@mui/icons-material/CallSplit';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import type { SyncConflict } from '../../../shared/sync/protocol';
import { useLabelContext } from '../records/hooks';
import { authorName, ConflictDetail } from './ConflictDetail';
import { conflictKindColor, recordTitle, tableDefOf, tableLabel } from './display';
import { choosesFields, conflictFields } from '../../sync/conflictResolution';
import { useConflictContext, useOpenConflictCount, useOpenConflicts, useServerConflicts, type ConflictContext, type ServerRefresh } from './useConflicts';

/** The navigation icon with the number of open conflicts on it. */
export function ConflictsNavIcon(props: SvgIconProps) {
  const count = useOpenConflictCount();
  return (
    <Badge badgeContent={count} color="warning" max={99} data-testid="conflicts-nav-badge" data-count={count}>
      <CallSplitIcon {...props} />
    </Badge>
  );
}

function EmptyState() {
  const { t } = useTranslation('conflicts');
  return (
    <Paper variant="outlined" data-testid="conflicts-empty" sx={{ py: 8, px: 3, textAlign: 'center', borderStyle: 'dashed', bgcolor: '#fbfbfd' }}>
      <TaskAltIcon color="success" sx={{ fontSize: 72, mb: 1 }} aria-hidden />
      <Typography variant="h5" component="p" sx={{ fontWeight: 600 }}>{t('empty.title')}</Typography>
      <Typography color="text.secondary" sx={{ mt: 1, mb: 3 }}>{t('empty.body')}</Typography>
      <Button component={RouterLink} to="/" variant="outlined">{t('empty.back')}</Button>
    </Paper>
  );
}

function ServerNote({ refresh }: { refresh: ServerRefresh }) {
  const { t } = useTranslation('conflicts');
  if (refresh.state === 'loading') return <LinearProgress aria-label={t('server.loading')} sx={{ mb: 2 }} />;
  if (refresh.state === 'offline') return <Alert severity="info" sx={{ mb: 2 }} data-testid="conflicts-offline">{t('server.offline')}</Alert>;
  if (refresh.state === 'error') return <Alert severity="warning" sx={{ mb: 2 }}>{t('server.error')}</Alert>;
  return null;
}

/** The open conflicts, newest first; arrow keys move between them. */
function ConflictList(props: { conflicts: SyncConflict[]; context: ConflictContext; selectedId: string; onSelect: (id: string) => void }) {
  const { t, i18n } = useTranslation('conflicts');
  const labels = useLabelContext();
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const index = props.conflicts.findIndex((c) => c.id === props.selectedId);
    const next = props.conflicts[Math.min(props.conflicts.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (!next) return;
    event.preventDefault();
    props.onSelect(next.id);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-conflict-id="${next.id}"]`)?.focus());
  };
  return (
    <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
      <List aria-label={t('listLabel')} disablePadding onKeyDown={onKeyDown}>
        {props.conflicts.map((conflict) => {
          const def = tableDefOf(conflict.table);
          const lao = props.context.laos.get(conflict.laoId);
          const record = props.context.records.get(`${conflict.table}:${conflict.recordId}`);
          const title = recordTitle(def, record, labels) ?? t('noTitle', { table: tableLabel(conflict.table, labels) });
          const selected = conflict.id === props.selectedId;
          return (
            <ListItemButton
              key={conflict.id}
              data-testid="conflict-item"
              data-conflict-id={conflict.id}
              selected={selected}
              aria-current={selected ? 'true' : undefined}
              onClick={() => props.onSelect(conflict.id)}
              divider
              sx={{ display: 'block', py: 1.25, '&.Mui-selected': { bgcolor: 'rgba(35,48,122,0.08)', borderLeft: 3, borderColor: 'primary.main' } }}
            >
              <ListItemText
                primary={title}
                slotProps={{ primary: { sx: { fontWeight: 600 } }, secondary: { component: 'div' } }}
                secondary={
                  <>
                    <Typography variant="body2" color="text.secondary" component="div">
                      {lao ? String(i18n.language === 'en' ? lao.nameEn : lao.nameTh) : conflict.laoId} · {tableLabel(conflict.table, labels)}
                    </Typography>
                    <Stack direction="row" useFlexGap spacing={1} sx={{ mt: 0.5, alignItems: 'center', flexWrap: 'wrap' }}>
                      <Chip size="small" variant="outlined" color={conflictKindColor(conflict.kind)} label={t(`kind.${conflict.kind}`)} />
                      <Typography variant="caption" color="text.secondary">
                        {choosesFields(conflict.kind) ? `${t('fieldCount', { count: conflictFields(conflict).length })} · ` : ''}
                        {authorName(conflict, props.context, t)} · {labels.format.dateTime(conflict.clientTime || conflict.createdAt)}
                      </Typography>
                    </Stack>
                  </>
                }
              />
            </ListItemButton>
          );
        })}
      </List>
    </Paper>
  );
}

/** Conflicts the server kept for a person: who changed what and when, both values side by side, resolved here. */
export function ConflictsPage() {
  const { t } = useTranslation('conflicts');
  const conflicts = useOpenConflicts();
  const context = useConflictContext(conflicts);
  const refresh = useServerConflicts();
  const [params, setParams] = useSearchParams();
  const [notice, setNotice] = useState<string | null>(null);
  const list = conflicts ?? [];
  const selected = list.find((c) => c.id === params.get('id')) ?? list[0];
  const select = (id: string) => setParams({ id }, { replace: true });
  return (
    <Box>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="h4" component="h1">{t('title')}</Typography>
        {list.length > 0 && <Chip color="warning" label={t('count', { count: list.length })} data-testid="conflicts-count" />}
      </Stack>
      <Typography color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>{t('intro')}</Typography>
      <ServerNote refresh={refresh} />
      {conflicts === undefined || context === undefined ? (
        <LinearProgress />
      ) : list.length === 0 ? (
        <EmptyState />
      ) : (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'minmax(280px, 360px) 1fr' }, alignItems: 'start' }}>
          <ConflictList conflicts={list} context={context} selectedId={selected?.id ?? ''} onSelect={select} />
          {/* Keyed by id: another conflict starts with fresh choices. */}
          {selected && <ConflictDetail key={selected.id} conflict={selected} context={context} onResolved={setNotice} />}
        </Box>
      )}
      <Snackbar open={notice !== null} autoHideDuration={6000} onClose={() => setNotice(null)} message={notice} data-testid="conflict-resolved" />
    </Box>
  );
}
