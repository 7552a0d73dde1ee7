/**
 * The list of one record category: a plain ARIA grid whose rows are
 * virtualized (@tanstack/react-virtual), so an LAO's 3,000 payments render as
 * the twenty rows on screen. It replaced MUI X DataGrid, whose row model and
 * layout took 120-200 ms to rebuild on every search over 3,000 rows on a
 * 2-core laptop (issue 3 asks for under 100 ms); the section's search box
 * does the filtering, this only sorts, shows and opens rows.
 *
 * Keyboard: Tab reaches the list, arrows / Page Up / Page Down / Home / End
 * move between rows, Enter opens the row, Delete deletes it (with Undo; not offered
 * to a reader, who gets a view button instead of edit and delete). Clicking
 * a column header sorts by it (again: descending, a third time: list order).
 */
import { Box, LinearProgress, Typography } from '@mui/material';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import OnBehalfIcon from '@mui/icons-material/AssignmentIndOutlined';
import VisibilityOutlinedIcon from '@mui/icons-material/VisibilityOutlined';
import { useEventCallback } from '@mui/material/utils';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { StoredRecord } from '../../data/db';
import { nextSort, sortRows, type TableColumn, type TableSort } from './columns';

export const ROW_HEIGHT = 38;
const ACTIONS_WIDTH = 88;
const TALL_HEIGHT = 520;
const PAGE_ROWS = 12;

export interface TableTexts {
  label: string;
  actions: string;
  edit: string;
  delete: string;
  empty: string;
  noMatches: string;
  sortAscending: string;
  sortDescending: string;
  /** The mark of a record an officer entered on the LAO's behalf. */
  onBehalf: string;
}

export interface RecordTableProps {
  rows: readonly StoredRecord[];
  columns: readonly TableColumn[];
  loading: boolean;
  /** A scrolling list of fixed height; otherwise every row shows (short lists). */
  tall: boolean;
  /** The rows are a search's result (changes the empty message). */
  searching: boolean;
  texts: TableTexts;
  onOpen: (row: StoredRecord) => void;
  /** Absent for a reader (a supervisor): rows open read-only and cannot be deleted. */
  onDelete?: ((row: StoredRecord) => void) | undefined;
}

/** Room in the first column for the on-behalf mark, so a date there is not cut short by it. */
const MARK_WIDTH = 20;

function template(columns: readonly TableColumn[]): string {
  const tracks = columns.map((c, i) => {
    const extra = i === 0 ? MARK_WIDTH : 0;
    return c.width ? `${c.width + extra}px` : `minmax(${(c.minWidth ?? 120) + extra}px, ${c.flex ?? 1}fr)`;
  });
  return [...tracks, `${ACTIONS_WIDTH}px`].join(' ');
}

const minWidthOf = (columns: readonly TableColumn[]) => columns.reduce((sum, c) => sum + (c.width ?? c.minWidth ?? 120), ACTIONS_WIDTH + MARK_WIDTH);

// One style sheet for the whole table: rows and cells are plain elements with class names,
// so a re-render creates no styled components per cell.
const TABLE_SX = {
  border: 1,
  borderColor: 'divider',
  borderRadius: 1,
  bgcolor: 'background.paper',
  overflow: 'auto',
  contain: 'content',
  '& .rt-row': { display: 'grid', alignItems: 'center', minHeight: ROW_HEIGHT, borderBottom: '1px solid', borderColor: 'divider', outline: 'none' },
  '& .rt-head': { position: 'sticky', top: 0, zIndex: 1, bgcolor: '#f5f6fa' },
  '& .rt-body .rt-row': { position: 'absolute', left: 0, right: 0, cursor: 'pointer', height: ROW_HEIGHT },
  '& .rt-body .rt-row:hover': { bgcolor: 'action.hover' },
  '& .rt-body .rt-row:focus-visible, & .rt-body .rt-row.rt-active:focus': { bgcolor: '#e8ecfa', boxShadow: 'inset 3px 0 0 #2f4aa8' },
  '& .rt-cell': { px: 1.25, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontSize: '0.875rem' },
  '& .rt-right': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  '& .rt-sort': {
    all: 'unset', boxSizing: 'border-box', width: '100%', display: 'flex', alignItems: 'center', gap: 0.5, cursor: 'pointer',
    fontWeight: 600, fontSize: '0.875rem', px: 1.25, py: 1, borderRadius: 1,
    '&:focus-visible': { outline: '2px solid #2f4aa8', outlineOffset: -2 },
  },
  '& .rt-right .rt-sort': { justifyContent: 'flex-end' },
  '& .rt-sort svg': { fontSize: 16, opacity: 0.8 },
  '& .rt-actions': { display: 'flex', justifyContent: 'center', gap: 0.5 },
  '& .rt-action': {
    all: 'unset', display: 'inline-flex', p: 0.5, borderRadius: '50%', color: 'text.secondary', cursor: 'pointer',
    '&:hover': { bgcolor: 'action.selected', color: 'text.primary' },
    '&:focus-visible': { outline: '2px solid #2f4aa8' },
  },
  '& .rt-action svg': { fontSize: 20 },
  '& .rt-onbehalf': { display: 'inline-flex', verticalAlign: 'text-bottom', mr: 0.25, color: '#8a5a00' },
  '& .rt-onbehalf svg': { fontSize: 16 },
} as const;

interface RowHandlers {
  open: (row: StoredRecord, index: number) => void;
  remove: ((row: StoredRecord) => void) | null;
  keyDown: (event: KeyboardEvent, index: number, row: StoredRecord) => void;
}

interface TableRowProps {
  row: StoredRecord;
  index: number;
  start: number;
  active: boolean;
  columns: readonly TableColumn[];
  gridTemplate: string;
  texts: TableTexts;
  handlers: RowHandlers;
}

const TableRow = memo(function TableRow({ row, index, start, active, columns, gridTemplate, texts, handlers }: TableRowProps) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-index={index}
      data-id={row.id}
      tabIndex={active ? 0 : -1}
      className={`rt-row${active ? ' rt-active' : ''}`}
      style={{ gridTemplateColumns: gridTemplate, transform: `translateY(${start}px)` }}
      onClick={() => handlers.open(row, index)}
      onKeyDown={(event) => handlers.keyDown(event, index, row)}
    >
      {columns.map((column, position) => {
        const text = column.text(row);
        // The on-behalf mark leads the row's first cell: visible in every category without a column of its own.
        const mark = position === 0 && row.enteredOnBehalf === true;
        return (
          <div key={column.field} role="gridcell" data-field={column.field} className={`rt-cell${column.align === 'right' ? ' rt-right' : ''}`} title={mark ? `${texts.onBehalf} · ${text}` : text}>
            {mark && <span className="rt-onbehalf" role="img" aria-label={texts.onBehalf} data-testid="on-behalf-mark"><OnBehalfIcon aria-hidden /></span>}
            {text}
          </div>
        );
      })}
      <div role="gridcell" className="rt-actions">
        <button type="button" className="rt-action" tabIndex={-1} aria-label={texts.edit} title={texts.edit} onClick={(event) => { event.stopPropagation(); handlers.open(row, index); }}>{handlers.remove ? <EditOutlinedIcon aria-hidden /> : <VisibilityOutlinedIcon aria-hidden />}</button>
        {handlers.remove && <button type="button" className="rt-action" tabIndex={-1} aria-label={texts.delete} title={texts.delete} onClick={(event) => { event.stopPropagation(); handlers.remove?.(row); }}><DeleteOutlineIcon aria-hidden /></button>}
      </div>
    </div>
  );
});

export const RecordTable = memo(function RecordTable({ rows, columns, loading, tall, searching, texts, onOpen, onDelete }: RecordTableProps) {
  const [sort, setSort] = useState<TableSort>(null);
  const sorted = useMemo(() => sortRows(rows, columns, sort), [rows, columns, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  // A new search starts again at the first row (state adjusted while rendering, not in an effect).
  const [rowsOfActive, setRowsOfActive] = useState(rows);
  if (rowsOfActive !== rows) {
    setRowsOfActive(rows);
    setActive(0);
  }
  const focusActive = useRef(false);
  const activeIndex = Math.min(active, Math.max(sorted.length - 1, 0));
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // The rows start below the sticky header, which must not hide the row moved to.
    scrollMargin: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
    // Before the first measurement (and in a hidden tab) assume the list's own height.
    initialRect: { width: 0, height: tall ? TALL_HEIGHT : ROW_HEIGHT * Math.max(sorted.length, 1) },
  });
  const gridTemplate = useMemo(() => template(columns), [columns]);
  const minWidth = useMemo(() => minWidthOf(columns), [columns]);

  // A new search shows the top of the list (writing scrollTop forces a layout: only when scrolled).
  useLayoutEffect(() => {
    if (scroller.current && (virtualizer.scrollOffset ?? 0) > 0) scroller.current.scrollTop = 0;
  }, [rows, virtualizer]);

  // The row moved to may render only after the scroll it causes: focus it once it exists.
  useEffect(() => {
    if (!focusActive.current) return;
    const target = scroller.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (!target) return;
    focusActive.current = false;
    target.focus({ preventScroll: true });
  });

  const moveTo = (index: number) => {
    const target = Math.max(0, Math.min(sorted.length - 1, index));
    focusActive.current = true;
    setActive(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };
  const onRowKeyDown = (event: KeyboardEvent, index: number, row: StoredRecord) => {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + PAGE_ROWS, PageUp: index - PAGE_ROWS, Home: 0, End: sorted.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]!);
    } else if (event.key === 'Enter' && event.target === event.currentTarget) {
      event.preventDefault();
      onOpen(row);
    } else if (event.key === 'Delete' && event.target === event.currentTarget && onDelete) {
      event.preventDefault();
      onDelete(row);
    }
  };

  // Rows are memoized: scrolling renders the rows that come into view, not every row on screen.
  const open = useEventCallback((row: StoredRecord, index: number) => {
    setActive(index);
    onOpen(row);
  });
  const removeAny = useEventCallback((row: StoredRecord) => onDelete?.(row));
  const remove = onDelete ? removeAny : null;
  const keyDown = useEventCallback(onRowKeyDown);
  const handlers: RowHandlers = useMemo(() => ({ open, remove, keyDown }), [open, remove, keyDown]);

  const items = virtualizer.getVirtualItems();
  const height = tall ? TALL_HEIGHT : undefined;
  // Tab must reach the list even when the active row has scrolled out of the rendered ones.
  const activeRendered = items.some((item) => item.index === activeIndex);
  const enterList = (event: FocusEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || items.length === 0) return;
    const first = items.find((item) => item.end - ROW_HEIGHT > (virtualizer.scrollOffset ?? 0)) ?? items[0]!;
    moveTo(first.index);
  };
  return (
    <Box sx={{ position: 'relative' }}>
      {loading ? <LinearProgress sx={{ position: 'absolute', top: 0, left: 0, right: 0, zIndex: 2 }} aria-label={texts.label} /> : null}
      <Box
        ref={scroller}
        role="grid"
        aria-label={texts.label}
        aria-rowcount={sorted.length + 1}
        aria-colcount={columns.length + 1}
        aria-busy={loading}
        data-testid="record-table"
        tabIndex={activeRendered || sorted.length === 0 ? -1 : 0}
        onFocus={enterList}
        data-rows={sorted.length}
        sx={{ ...TABLE_SX, height }}
      >
        <div style={{ minWidth }}>
          <div className="rt-row rt-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: gridTemplate }}>
            {columns.map((column) => {
              const direction = sort?.field === column.field ? sort.direction : null;
              return (
                <div key={column.field} role="columnheader" className={`rt-cell-head ${column.align === 'right' ? 'rt-right' : ''}`} aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}>
                  <button type="button" className="rt-sort" title={direction === 'asc' ? texts.sortDescending : texts.sortAscending} onClick={() => setSort((s) => nextSort(s, column.field))}>
                    <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{column.header}</span>
                    {direction === 'asc' ? <ArrowUpwardIcon aria-hidden /> : direction === 'desc' ? <ArrowDownwardIcon aria-hidden /> : null}
                  </button>
                </div>
              );
            })}
            <div role="columnheader" className="rt-cell" style={{ fontWeight: 600, textAlign: 'center' }}>{texts.actions}</div>
          </div>
          {sorted.length === 0 && !loading ? (
            <Typography color="text.secondary" sx={{ py: 3, textAlign: 'center' }} data-testid="record-table-empty">{searching ? texts.noMatches : texts.empty}</Typography>
          ) : (
            <div className="rt-body" role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => (
                <TableRow
                  key={sorted[item.index]!.id}
                  row={sorted[item.index]!}
                  index={item.index}
                  start={item.start - ROW_HEIGHT}
                  active={item.index === activeIndex}
                  columns={columns}
                  gridTemplate={gridTemplate}
                  texts={texts}
                  handlers={handlers}
                />
              ))}
            </div>
          )}
        </div>
      </Box>
    </Box>
  );
});
