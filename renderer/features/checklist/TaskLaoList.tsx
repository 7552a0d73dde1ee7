import { Box, Button, Collapse, LinearProgress, List, ListItem, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LAO_TYPES } from '../../../shared/domain/reference';
import { RECORD_CATEGORIES } from '../../../shared/domain/tables';
import type { FieldVisit } from '../../../shared/domain/visit';
import { useFormat } from '../../app/format';
import type { CalendarTask, MissingItem, TaskMonth, TaskResult } from '../../../shared/calendar/index';
import { isCompletionCode, type CompletionCode } from '../../../shared/calendar/completionCodes';
import { SignOffMark, SignOffPanel, type LaoSignOffs } from './SignOff';
import type { LaoRow } from './checklist';
import { STATUS_STYLE, StatusChip, percent } from './status';
import { useLocalName } from './months';
import { NEW_RECORD, prefillParams } from '../records/links';

const MAX_MISSING = 8;


const CATEGORY_OF_TABLE = new Map<string, string>(Object.entries(RECORD_CATEGORIES).flatMap(([category, tables]) => tables.map((table) => [table, category] as [string, string])));

/**
 * The URL contract with the LAO workspace: section = record table and record = the record
 * id that fixes a missing item, or NEW_RECORD when the record itself is missing (the
 * section's new-record form opens, with the fields the item names filled in:
 * v.year and v.month, v.quarter); c (category tab) and fy (fiscal year) as the workspace reads them.
 */
export function fixLink(laoId: string, item: Pick<MissingItem, 'code' | 'table' | 'recordId' | 'params'>, fiscalYear?: number): string {
  const params = new URLSearchParams();
  if (item.table) params.set('section', item.table);
  if (item.table) params.set('record', item.recordId ?? NEW_RECORD);
  // The new record's form opens on the month or quarter that is missing.
  if (item.table && !item.recordId) for (const [key, value] of prefillParams(prefillFor(item))) params.set(key, value);
  const category = item.table ? CATEGORY_OF_TABLE.get(item.table) : undefined;
  if (category) params.set('c', category);
  const fy = typeof item.params?.fy === 'number' ? item.params.fy : fiscalYear;
  if (fy) params.set('fy', String(fy));
  const query = params.toString();
  return `/laos/${laoId}${query ? `?${query}` : ''}`;
}

/** The fields of the missing record that an item names: the month of missing statistics, the quarter not reported. */
function prefillFor(item: Pick<MissingItem, 'code' | 'params'>): Record<string, number> {
  const fields = isCompletionCode(item.code) ? (PREFILLED_FIELDS[item.code] ?? []) : [];
  return Object.fromEntries(fields.flatMap((field) => (typeof item.params?.[field] === 'number' ? [[field, item.params[field]]] : [])));
}

/** Per completion code, the params (shared/calendar/completionCodes.ts) that are fields of the missing record. */
const PREFILLED_FIELDS: Partial<Record<CompletionCode, readonly string[]>> = {
  'fiscalStats.monthMissing': ['year', 'month'],
  'quarter.notReported': ['quarter'],
};

/** Reads the missing items of an LAO's task (the completion engine's missingItems). */
export type MissingItemsOf = (laoId: string, taskId: string) => Promise<MissingItem[]>;

/**
 * The missing items of a result: its own, or for a result read back from the
 * store (its list kept apart, so a start reads only the statuses) the list
 * read when the panel opens; undefined while it is read.
 */
function useMissingItems(result: TaskResult, laoId: string, taskId: string, missingItems: MissingItemsOf): MissingItem[] | undefined {
  const [read, setRead] = useState<{ result: TaskResult; items: MissingItem[] }>();
  useEffect(() => {
    if (!result.missingApart) return;
    let live = true;
    missingItems(laoId, taskId).then(
      (items) => live && setRead({ result, items }),
      (error: unknown) => {
        console.warn('Could not read the missing items', error);
        if (live) setRead({ result, items: [] });
      },
    );
    return () => {
      live = false;
    };
  }, [result, laoId, taskId, missingItems]);
  if (!result.missingApart) return result.missing;
  return read?.result === result ? read.items : undefined;
}

function TaskMissing({ laoId, taskId, result, fiscalYear, missingItems }: { laoId: string; taskId: string; result: TaskResult; fiscalYear: number; missingItems: MissingItemsOf }) {
  const { t } = useTranslation('calendar');
  const missing = useMissingItems(result, laoId, taskId, missingItems);
  if (!missing) return <LinearProgress aria-label={t('checklist.missingLoading')} data-testid="missing-loading" sx={{ my: 1, maxWidth: 240 }} />;
  return <MissingList laoId={laoId} missing={missing} fiscalYear={fiscalYear} />;
}

function MissingList({ laoId, missing, fiscalYear }: { laoId: string; missing: MissingItem[]; fiscalYear: number }) {
  const { t } = useTranslation('calendar');
  const { t: tc } = useTranslation('completion');
  if (missing.length === 0) return <Typography variant="body2" color="text.secondary">{t('checklist.nothingMissing')}</Typography>;
  return (
    <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid="missing-items">
      {missing.slice(0, MAX_MISSING).map((item, index) => (
        <Box component="li" key={`${item.code}-${item.recordId ?? index}`} sx={{ py: 0.25 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', justifyContent: 'space-between' }}>
            <Typography variant="body2">{tc(item.code, { ...item.params, defaultValue: item.code })}</Typography>
            {item.table ? (
              <Button size="small" component={Link} to={fixLink(laoId, item, fiscalYear)} sx={{ flexShrink: 0 }} data-testid="fix-link">{t('checklist.fix')}</Button>
            ) : null}
          </Stack>
        </Box>
      ))}
      {missing.length > MAX_MISSING ? (
        <Typography component="li" variant="body2" color="text.secondary" sx={{ listStyle: 'none' }}>{t('checklist.moreMissing', { count: missing.length - MAX_MISSING })}</Typography>
      ) : null}
    </Box>
  );
}

/** The period rows are signed off for: the task, its calendar's fiscal year, the month of an every-month task. */
export interface SignOffPeriod { task: CalendarTask; fiscalYear: number; month: TaskMonth | null }

export interface RowProps {
  fiscalYear: number; row: LaoRow; lastVisit: FieldVisit | undefined; districtName: string; open: boolean; onToggle: (laoId: string) => void;
  period: SignOffPeriod; signOffs: LaoSignOffs | undefined; missingItems: MissingItemsOf;
}

/**
 * Rows are built afresh for every snapshot of results (summarizeTask): a row
 * is the same when its LAO and its result are, so only the LAOs whose results
 * changed render again (during a download, the completion engine publishes
 * after every few LAOs).
 */
export function sameRow(before: RowProps, after: RowProps): boolean {
  for (const key of Object.keys(after) as (keyof RowProps)[]) {
    if (key === 'row') {
      if (before.row.lao !== after.row.lao || before.row.result !== after.row.result) return false;
    } else if (before[key] !== after[key]) return false;
  }
  return true;
}

const TaskLaoRow = memo(function TaskLaoRow({ fiscalYear, row, lastVisit, districtName, open, onToggle, period, signOffs, missingItems }: RowProps) {
  const { t, i18n } = useTranslation('calendar');
  const format = useFormat();
  const name = useLocalName();
  const { lao, result } = row;
  const type = LAO_TYPES[lao.type];
  const panelId = `missing-${lao.id}`;
  return (
    <>
      <ListItem component="div" disablePadding divider={!open} data-testid="checklist-lao" data-lao-id={lao.id} data-status={result.status}>
        <ListItemButton onClick={() => onToggle(lao.id)} aria-expanded={open} aria-controls={panelId} sx={{ borderLeft: `4px solid ${STATUS_STYLE[result.status].color}`, gap: 2 }}>
          <ListItemText
            primary={name(lao)}
            secondary={`${i18n.language === 'en' ? type.abbrEn : type.abbrTh} · ${districtName} · ${lastVisit ? t('checklist.lastVisit', { date: format.date(lastVisit.visitedOn) }) : t('checklist.noVisit')}`}
            slotProps={{ primary: { sx: { fontWeight: 600 } }, secondary: { 'data-testid': 'last-visit' } as object }}
          />
          <Box sx={{ width: 120, flexShrink: 0, textAlign: 'right' }}>
            <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>{t('checklist.doneOf', { done: format.integer(result.done), total: format.integer(result.total) })}</Typography>
            <LinearProgress variant="determinate" value={percent(result.done, result.total)} aria-hidden sx={{ mt: 0.5, height: 6, borderRadius: 3, bgcolor: '#e6e8ef', '& .MuiLinearProgress-bar': { bgcolor: STATUS_STYLE[result.status].color } }} />
          </Box>
          <Box sx={{ width: 140, flexShrink: 0, display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: 0.5 }}>
            <StatusChip status={result.status} />
            {signOffs?.active ? <SignOffMark signOff={signOffs.active} /> : null}
          </Box>
          {open ? <ExpandLessIcon aria-hidden /> : <ExpandMoreIcon aria-hidden />}
        </ListItemButton>
      </ListItem>
      <Collapse in={open} unmountOnExit>
        <Box id={panelId} sx={{ px: 3, py: 1.5, bgcolor: '#f8f9fc', borderBottom: 1, borderColor: 'divider' }}>
          <Typography variant="subtitle2" component="h4" gutterBottom>{t('checklist.missing')}</Typography>
          <TaskMissing laoId={lao.id} taskId={period.task.id} result={result} fiscalYear={fiscalYear} missingItems={missingItems} />
          <SignOffPanel lao={lao} task={period.task} fiscalYear={period.fiscalYear} month={period.month} complete={result.status === 'complete'} entry={signOffs} />
          <Stack direction="row" spacing={1} sx={{ mt: 1.5 }}>
            <Button size="small" variant="outlined" component={Link} to={`/laos/${lao.id}`}>{t('checklist.openWorkspace')}</Button>
            <Button size="small" variant="outlined" component={Link} to={`/visits?lao=${lao.id}`}>{t('checklist.logVisit')}</Button>
          </Stack>
        </Box>
      </Collapse>
    </>
  );
}, sameRow);

/** A closed row's height (px) as drawn at 1366×768, before the row is measured. */
const ROW_HEIGHT = 76;
/** The list's height before the first measurement: the rows a laptop's window shows (in a hidden tab, too). */
const FIRST_HEIGHT = 480;

export function TaskLaoList({ fiscalYear, rows, lastVisits, districtNames, openLao, onToggle, period, signOffs, missingItems }: {
  /** The fiscal year whose records the task judges (links open the workspace at it). */
  fiscalYear: number;
  rows: LaoRow[];
  lastVisits: ReadonlyMap<string, FieldVisit>;
  districtNames: ReadonlyMap<string, string>;
  openLao: string | null;
  onToggle: (laoId: string) => void;
  period: SignOffPeriod;
  signOffs: ReadonlyMap<string, LaoSignOffs>;
  missingItems: MissingItemsOf;
}) {
  // New results or visits for every LAO at once (the end of a download), or another task chosen, redraw every row:
  // drawn in the background, a slice per task, the rows drawn before staying on screen meanwhile (drawn at once: one
  // 512 ms task at a quarter of the province). What the rows show moves as one, so no row mixes old data and new.
  const shownData = useDeferredValue(useMemo(() => ({ rows, lastVisits, signOffs, period, fiscalYear }), [rows, lastVisits, signOffs, period, fiscalYear]));
  const shown = shownData.rows;
  // Only the rows in the list's window are elements: a province's hundreds of rows, all drawn, cost the browser's style
  // and layout 400 ms whenever every row's results changed (a download's end, a new day's pass). A row is measured
  // once drawn, keyed by its LAO, so a row opened or re-sorted keeps its place and its height.
  const scroller = useRef<HTMLDivElement>(null);
  // The build has no React Compiler to skip: the warning is about memoizing the virtualizer, which is read here only.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => shown[index]!.lao.id,
    overscan: 6,
    initialRect: { width: 0, height: FIRST_HEIGHT },
  });
  const toggle = useRevealOpened(openLao, shown, virtualizer, onToggle);
  return (
    <Box ref={scroller} sx={{ maxHeight: 'max(420px, calc(100vh - 300px))', overflowY: 'auto', borderTop: 1, borderColor: 'divider' }} data-testid="task-lao-list">
      <List disablePadding sx={{ position: 'relative', height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = shown[item.index]!;
          return (
            <Box
              component="li" key={item.key} ref={virtualizer.measureElement} data-index={item.index}
              aria-setsize={shown.length} aria-posinset={item.index + 1}
              sx={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
            >
              <TaskLaoRow fiscalYear={shownData.fiscalYear} row={row} lastVisit={shownData.lastVisits.get(row.lao.id)} districtName={districtNames.get(row.lao.districtCode) ?? ''} open={openLao === row.lao.id} onToggle={toggle} period={shownData.period} signOffs={shownData.signOffs.get(row.lao.id)} missingItems={missingItems} />
            </Box>
          );
        })}
      </List>
    </Box>
  );
}

/**
 * The row the URL opens (a link from the matrix, the way back from the LAO's
 * workspace) is scrolled into the list's window, and the list into the
 * browser's, when the list first holds it; a row opened by a click is on
 * screen already and does not move.
 */
function useRevealOpened(openLao: string | null, rows: readonly LaoRow[], virtualizer: Virtualizer<HTMLDivElement, Element>, onToggle: (laoId: string) => void) {
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!openLao) revealed.current = null;
    if (!openLao || revealed.current === openLao) return;
    const index = rows.findIndex((row) => row.lao.id === openLao);
    if (index < 0) return;
    revealed.current = openLao;
    // At the top of the list's window, its missing items under it; the list itself into the browser's window.
    virtualizer.scrollToIndex(index, { align: 'start' });
    virtualizer.scrollElement?.scrollIntoView({ block: 'nearest' });
  }, [openLao, rows, virtualizer]);
  // A row opened from the list is where the officer is looking: it is not moved.
  return useCallback((laoId: string) => {
    revealed.current = laoId;
    onToggle(laoId);
  }, [onToggle]);
}
