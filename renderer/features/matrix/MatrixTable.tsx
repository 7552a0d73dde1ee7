import { Box } from '@mui/material';
import type { TFunction } from 'i18next';
import { memo, useMemo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useHref, useNavigate } from 'react-router';
import { LAO_TYPES } from '../../../shared/domain/reference';
import { useFormat } from '../../app/format';
import { useGrowingList } from '../../app/useGrowingList';
import { TASK_STATUSES, type CalendarTask, type StatusTally, type TaskStatus } from '../../../shared/calendar/index';
import type { LaoTaskResults } from '../../../shared/calendar/completionCache';
import { localName, monthKey, useMonthLabel } from '../checklist/months';
import { STATUS_STYLE, nothingDueStatus, percent } from '../checklist/status';
import type { MatrixModel } from './matrix';
import type { Lao } from '../../../shared/domain/reference';
import LockIcon from '@mui/icons-material/Lock';
import type { SignOff } from '../../../shared/calendar/index';
import { useSignedByText } from '../checklist/SignOff';

const statusCss = Object.fromEntries(Object.entries(STATUS_STYLE).map(([status, s]) => [`& td.s-${status}`, { backgroundColor: s.tint, color: s.color }]));

/** Plain table elements styled from one place: thousands of cells stay cheap to render. */
const tableSx = {
  // Positioned: the cells' hidden labels (absolute) belong to the frame and scroll inside it, not the page.
  position: 'relative', maxHeight: 'calc(100vh - 300px)', minHeight: 320, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 2, bgcolor: 'background.paper',
  '& table': { borderCollapse: 'separate', borderSpacing: 0, width: '100%', fontSize: 14 },
  '& th, & td': { borderBottom: '1px solid #e3e5ee', padding: '6px 8px', textAlign: 'center', whiteSpace: 'nowrap' },
  '& thead th': { position: 'sticky', top: 0, zIndex: 2, bgcolor: '#eef0f8', fontWeight: 600, verticalAlign: 'bottom', whiteSpace: 'normal', minWidth: 112, maxWidth: 150, fontSize: 13, lineHeight: 1.35 },
  '& thead th .period': { display: 'block', fontWeight: 400, color: 'text.secondary', fontSize: 12, mt: 0.5 },
  '& tfoot td': { position: 'sticky', bottom: 0, zIndex: 2, bgcolor: '#eef0f8', fontWeight: 700 },
  '& .lao': { position: 'sticky', left: 0, zIndex: 1, bgcolor: 'background.paper', textAlign: 'left', minWidth: 280, maxWidth: 340, overflow: 'hidden', textOverflow: 'ellipsis', borderRight: '1px solid #e3e5ee' },
  '& thead th.lao, & tfoot td.lao': { zIndex: 3, bgcolor: '#eef0f8' },
  '& .lao a': { color: 'primary.main', fontWeight: 500, textDecoration: 'none' },
  '& .lao a:hover, & .lao a:focus-visible': { textDecoration: 'underline' },
  '& .lao .type': { color: 'text.secondary', fontSize: 12, ml: 1 },
  '& tr.group td': { bgcolor: '#f6f7fb', fontWeight: 600, color: 'primary.dark', borderTop: '1px solid #d6d9e6' },
  '& tr.group td.lao': { bgcolor: '#f6f7fb' },
  '& td.cell': { cursor: 'pointer', fontVariantNumeric: 'tabular-nums', fontWeight: 600, borderLeft: '2px solid #fff' },
  '& td.cell:hover': { outline: '2px solid #23307a', outlineOffset: -2 },
  '& td.cell .sym': { mr: 0.5 },
  '& td.cell .lock': { fontSize: 14, ml: 0.5, verticalAlign: '-2px' },
  // '1px', not 1: the sx number 1 means 100%, and a full-width hidden label widened the page.
  '& .sr': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  ...statusCss,
};

/** A text symbol as well as a colour: the status reads without colour vision. */
const SYMBOL: Record<TaskStatus, string> = { overdue: '!', not_started: '○', in_progress: '◐', not_yet_due: '»', complete: '✓', not_applicable: '–' };

/** Percent complete of the due; a column whose task has not begun says so. */
function Share({ tally, testId }: { tally: StatusTally; testId?: string }) {
  const { t } = useTranslation('calendar');
  const format = useFormat();
  const nothingDue = nothingDueStatus(tally);
  const text = nothingDue === 'not_yet_due' ? t('status.not_yet_due') : nothingDue ? '–' : `${format.integer(percent(tally.complete, tally.due))}%`;
  return <td data-testid={testId} data-status={nothingDue}>{text}</td>;
}

/**
 * What every row words the same way, built once per table: a row of its own
 * hooks (translation, names, sign-off text) cost each of the province's
 * hundreds of rows three subscriptions, and the sign-off text a query of its own.
 */
interface RowText {
  lang: 'th' | 'en';
  t: TFunction<'calendar'>;
  name: (row: { nameTh: string; nameEn: string }) => string;
  signedBy: (signOff: SignOff) => string;
  /** Each status's name, looked up once: a province's matrix has thousands of cells. */
  label: Readonly<Record<TaskStatus, string>>;
  /** Where an LAO's page is (the router's address of /laos/ and its id after it). */
  laoHref: string;
}

/** A cell's tooltip: the task, its status and count, and who signed it off. */
function cellTitle(text: RowText, task: CalendarTask, status: TaskStatus, done: number, total: number, lock: SignOff | undefined): string {
  const title = text.t('matrix.cell', { task: task.label[text.lang], status: text.label[status], done, total });
  return lock ? `${title} · ${text.signedBy(lock)}` : title;
}

const Row = memo(function Row({ lao, results, tasks, text, locks }: { lao: Lao; results: LaoTaskResults | undefined; tasks: readonly CalendarTask[]; text: RowText; locks: ReadonlyMap<string, SignOff> }) {
  const { lang, name, signedBy, label: labels, laoHref } = text;
  const type = LAO_TYPES[lao.type];
  return (
    <tr data-testid="matrix-row" data-lao-id={lao.id}>
      {/* A plain link (the router follows the address): a router Link per row cost each of hundreds of rows its hooks. */}
      <td className="lao"><a href={`${laoHref}${lao.id}`}>{name(lao)}</a><span className="type">{lang === 'en' ? type.abbrEn : type.abbrTh}</span></td>
      {tasks.map((task) => {
        const r = results?.[task.id];
        if (!r) return <td key={task.id}>…</td>;
        const label = labels[r.status];
        const lock = locks.get(`${lao.id}|${task.id}`);
        // The cell's tooltip is worded when the pointer comes to it (cellTitle), not for every cell at every render.
        return (
          <td key={task.id} className={`cell s-${r.status}`} data-task-id={task.id} data-status={r.status} data-done={r.done} data-total={r.total} data-signed={lock ? 'true' : undefined}>
            <span className="sym" aria-hidden>{SYMBOL[r.status]}</span>
            {r.status === 'not_applicable' ? '' : `${r.done}/${r.total}`}
            {lock ? <LockIcon className="lock" aria-hidden data-testid="matrix-signoff" /> : null}
            <span className="sr">{label}{lock ? ` · ${signedBy(lock)}` : ''}</span>
          </td>
        );
      })}
    </tr>
  );
});

export function MatrixTable({ model, tasks, focusMonth, locks, stale = false }: {
  model: MatrixModel; tasks: readonly CalendarTask[]; focusMonth: { year: number; month: number };
  /** Sign-offs in force by `laoId|taskId`: a lock mark in the cell, with who and when. */
  locks: ReadonlyMap<string, SignOff>;
  /** The figures are being brought up to date (the note above says so): shown faded, so none is read as final. */
  stale?: boolean;
}) {
  const { t, i18n } = useTranslation('calendar');
  const format = useFormat();
  const monthLabel = useMonthLabel();
  const navigate = useNavigate();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const signedBy = useSignedByText();
  const laoHref = useHref('/laos/');
  const text = useMemo<RowText>(() => ({
    lang, t, name: (row) => localName(row, lang), signedBy, laoHref,
    label: Object.fromEntries(TASK_STATUSES.map((status) => [status, t(`status.${status}`)])) as Record<TaskStatus, string>,
  }), [lang, t, signedBy, laoHref]);
  // District rows and their LAOs' rows in order, drawn a slice at a time (the first screen at once).
  const lines = useMemo(() => model.groups.flatMap((group) => [{ group }, ...group.rows.map((row) => ({ row }))]), [model]);
  const shown = useGrowingList(lines);
  const period = (task: CalendarTask) => {
    if (task.everyMonth) return t('checklist.everyMonth');
    const first = task.months[0]!;
    const last = task.months[task.months.length - 1]!;
    const a = monthLabel(first.year, first.month, 'short');
    return task.months.length === 1 ? a : `${a} – ${monthLabel(last.year, last.month, 'short')}`;
  };
  /** The cell an event came from, with its LAO and task; null outside the cells. */
  const cellAt = (event: MouseEvent) => {
    const cell = (event.target as HTMLElement).closest('td.cell') as HTMLElement | null;
    const laoId = cell?.closest('tr')?.getAttribute('data-lao-id');
    const task = tasks.find((x) => x.id === cell?.getAttribute('data-task-id'));
    return cell && laoId && task ? { cell, laoId, task } : null;
  };
  // One listener for every cell: its tooltip, worded afresh each time the pointer comes to it (a sync may have changed the figures).
  const onPointerOver = (event: MouseEvent) => {
    const at = cellAt(event);
    const status = at?.cell.getAttribute('data-status') as TaskStatus | null | undefined;
    if (!at || !status) return;
    const { cell, laoId, task } = at;
    cell.title = cellTitle(text, task, status, Number(cell.getAttribute('data-done')), Number(cell.getAttribute('data-total')), locks.get(`${laoId}|${task.id}`));
  };
  // One listener for every cell: open the LAO's missing items for that task in the checklist.
  const onClick = (event: MouseEvent) => {
    const at = cellAt(event);
    if (!at) return;
    const { laoId, task } = at;
    const inMonth = task.months.find((m) => m.year === focusMonth.year && m.month === focusMonth.month) ?? task.months[0]!;
    navigate(`/?month=${monthKey(inMonth.year, inMonth.month)}&scope=all&task=${task.id}&lao=${laoId}`);
  };
  return (
    <Box sx={[tableSx, { transition: 'opacity 150ms' }, stale && { '& tbody, & tfoot': { opacity: 0.5 } }]} data-testid="matrix" data-stale={stale} data-all-rows={shown.length === lines.length} aria-busy={stale}>
      <table>
        <thead>
          <tr>
            <th className="lao" scope="col">{t('matrix.lao')}</th>
            {tasks.map((task) => (
              <th key={task.id} scope="col" data-testid="matrix-task-header">{task.label[lang]}<span className="period">{period(task)}</span></th>
            ))}
          </tr>
        </thead>
        <tbody onClick={onClick} onPointerOver={onPointerOver}>
          {shown.map((line) => ('group' in line ? (
            <tr key={`g-${line.group.district.code}`} className="group" data-testid="matrix-district">
              <td className="lao">{t('matrix.districtRow', { name: text.name(line.group.district) })} · {t('matrix.percentRow', { percent: percent(line.group.overall.complete, line.group.overall.due) })}</td>
              {line.group.perTask.map((tally, i) => <Share key={tasks[i]!.id} tally={tally} />)}
            </tr>
          ) : (
            <Row key={line.row.lao.id} lao={line.row.lao} results={line.row.results} tasks={tasks} text={text} locks={locks} />
          )))}
        </tbody>
        <tfoot>
          <tr data-testid="matrix-footer">
            <td className="lao">{t('matrix.footer')} · {model.overall.due === 0 ? '–' : `${format.integer(percent(model.overall.complete, model.overall.due))}%`}</td>
            {model.perTask.map((tally, i) => <Share key={tasks[i]!.id} tally={tally} testId="task-percent" />)}
          </tr>
        </tfoot>
      </table>
    </Box>
  );
}
