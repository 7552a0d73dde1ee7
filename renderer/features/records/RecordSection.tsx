import { Alert, Box, Button, Card, CardContent, Chip, InputAdornment, Snackbar, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { useEventCallback } from '@mui/material/utils';
import SearchIcon from '@mui/icons-material/Search';
import AddIcon from '@mui/icons-material/Add';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localDb, type StoredRecord } from '../../data/db';
import { adoptAsNew, discardDraft, draftShown, draftsWithRecords, loadDraft, type DraftOnRecord } from '../../data/drafts';
import { laoRecords, onBehalfDefault } from '../../data/queries';
import { deleteRecord, restoreRecord } from '../../data/records';
import { currentActor } from '../../data/session';
import { filterBySearch, searchTextOf, tableColumns } from './columns';
import { RecordTable, type TableTexts } from './RecordTable';
import { toFormValue, toFormValues } from './convert';
import { useLabelContext, useReferenceData, type ReferenceData } from './hooks';
import { RecordDialog, type EditorState } from './RecordDialog';
import type { ColumnContext, FormValues, TableDef } from './types';
import { today } from '../../../shared/clock';
import { useCanWriteLao } from '../sync/useSync';
import { NEW_RECORD } from './links';
import { useWriteErrorText } from './writeError';

export interface RecordSectionProps {
  def: TableDef;
  lao: { id: string; provinceCode: string };
  fiscalYear: number;
  /** Facts shown above the list (the ordinance's items against its total). */
  summary?: ReactNode;
  /** A record to open at once: the checklist's "fix it" links name the record that is missing something. */
  openRecordId?: string;
  /** Fields a link fills in on the new record's form (the month or quarter the checklist found missing). */
  prefill?: Readonly<Record<string, number>>;
}

const BIG_LIST = 8;

/** A new record's required reference with a single possible target (this year's ordinance) starts chosen. */
function preselectOnlyOptions(def: TableDef, values: FormValues, data: ReferenceData) {
  for (const field of def.fields) {
    if (field.kind !== 'reference' || !field.required || values[field.name]) continue;
    const options = (data.get(field.reference!.table) ?? []).filter((row) => !field.reference!.filter || field.reference!.filter(row, values));
    if (options.length === 1) values[field.name] = options[0]!.id;
  }
}

/**
 * One table of an LAO: a fast list with quick filter, and create, edit, delete (undoable) and history in a dialog.
 * A user who may not write the LAO (a supervisor) reads: no add, edit or delete is offered, rows open read-only.
 */
export function RecordSection({ def, lao, fiscalYear, summary, openRecordId, prefill }: RecordSectionProps) {
  const base = useLabelContext();
  const { t } = useTranslation();
  const writeErrorText = useWriteErrorText();
  const db = localDb();
  const canWrite = useCanWriteLao(lao);
  const scopeYear = def.fiscal ? fiscalYear : undefined;
  // Tagged with what was asked: after a change of LAO or fiscal year the hook
  // still holds the previous answer until the new one arrives, and that answer
  // must not be shown (or counted) as this year's.
  const queryKey = `${def.table}:${lao.id}:${scopeYear ?? ''}`;
  const answer = useLiveQuery(async () => {
    const found = await laoRecords(db, def.table, lao.id, scopeYear);
    return { key: `${def.table}:${lao.id}:${scopeYear ?? ''}`, rows: def.sort ? found.sort(def.sort) : found };
  }, [db, def, lao.id, scopeYear]);
  const rows = answer?.key === queryKey ? answer.rows : undefined;
  const references = useReferenceData(def, lao.id, fiscalYear);
  const drafts = useLiveQuery(() => draftsWithRecords(db, def.table, lao.id), [db, def.table, lao.id]);
  const ctx: ColumnContext = useMemo(() => ({ ...base, lookup: references.lookup }), [base, references.lookup]);
  const [editor, setEditor] = useState<EditorState | null>(null);
  const [undo, setUndo] = useState<{ record: StoredRecord; title: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const open = async (record: StoredRecord | null, ignoreDraft = false, filled?: Readonly<Record<string, number>>) => {
    const draft = ignoreDraft ? undefined : await loadDraft(db, def.table, lao.id, record?.id ?? null);
    const onBehalf = await onBehalfDefault(db, await currentActor());
    const initial = toFormValues(def, record ?? undefined, { fiscalYear, today: today() }, onBehalf);
    if (!record) preselectOnlyOptions(def, initial, references.data);
    // A link's fields go under a draft: what the user typed is never replaced.
    if (!record && filled) for (const field of def.fields) if (field.name in filled) initial[field.name] = toFormValue(field, filled);
    // A draft of an existing record keeps the record as it was when typing began.
    const seen = record ? ((draft?.seen as StoredRecord | undefined) ?? record) : null;
    setEditor((previous) => ({
      record,
      seen,
      initialValues: draft ? { ...initial, ...(draft.values as FormValues) } : initial,
      restoredAt: draft?.updatedAt ?? null,
      generation: (previous?.generation ?? 0) + 1,
    }));
  };
  // A deleted record's draft opens on the record as stored: the form says it was deleted and a save becomes a conflict.
  const continueDraft = async ({ draft, record }: DraftOnRecord) => {
    if (!draft.recordId || record) return open(record ?? null);
    if (await adoptAsNew(db, draft)) return open(null);
    setError(t('drafts.newTaken'));
  };
  const close = async (discard: boolean) => {
    if (discard && editor) await discardDraft(db, def.table, lao.id, editor.record?.id ?? null);
    setEditor(null);
  };
  const remove = async (record: StoredRecord) => {
    const result = await deleteRecord(db, def.table, record.id, await currentActor());
    if (!result.ok) {
      setError(writeErrorText(result.error));
      return false;
    }
    await discardDraft(db, def.table, lao.id, record.id);
    setEditor(null);
    setUndo({ record, title: def.title(record, ctx) });
    return true;
  };
  const restore = async () => {
    if (!undo) return;
    setUndo(null);
    const result = await restoreRecord(db, def.table, undo.record.id, await currentActor());
    if (!result.ok) setError(writeErrorText(result.error));
  };

  // The list is memoized: it gets stable callbacks that always call the latest open() and remove().
  const openRow = useEventCallback((row: StoredRecord) => void open(row));
  const removeRow = useEventCallback((row: StoredRecord) => void remove(row));

  const openedFromLink = useRef<string | null>(null);
  useEffect(() => {
    // A visit without the link forgets it, so following the same link again opens the form again.
    if (!openRecordId) openedFromLink.current = null;
    if (!openRecordId || !rows || openedFromLink.current === openRecordId) return;
    // The record itself is missing: the form for a new one, where this user may write.
    if (openRecordId === NEW_RECORD) {
      if (!canWrite || !references.ready) return;
      openedFromLink.current = openRecordId;
      // open() reads the draft from IndexedDB before it sets any state.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      void open(null, false, prefill);
      return;
    }
    const target = rows.find((row) => row.id === openRecordId);
    if (!target) return;
    openedFromLink.current = openRecordId;
    // open() reads the record's draft from IndexedDB before it sets any state.
    void open(target);
    // open() is recreated each render; the ref makes this run once per linked record.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [openRecordId, rows, canWrite, references.ready]);

  // The list filters itself and hands the grid only the matching rows: the
  // grid's own quick filter re-evaluated and re-rendered every row on each
  // keystroke (120-170 ms over 3,000 rows on a 2-core laptop).
  const columns = useMemo(() => tableColumns(def, ctx), [def, ctx]);
  const searchTexts = useMemo(() => {
    const text = searchTextOf(columns);
    return new Map((rows ?? []).map((row) => [row.id, text(row)]));
  }, [columns, rows]);
  const [search, setSearch] = useState('');
  // Typing stays responsive: the list narrows in a render React may interrupt.
  const deferredSearch = useDeferredValue(search);
  const shownRows = useMemo(() => filterBySearch(rows ?? [], searchTexts, deferredSearch), [rows, searchTexts, deferredSearch]);

  const sectionTitle = ctx.t(`${def.table}.section`);
  const count = rows?.length ?? 0;
  const searchBox = useRef<HTMLInputElement>(null);
  const texts: TableTexts = useMemo(() => ({
    label: sectionTitle,
    actions: ctx.t('form.actions'),
    edit: ctx.t(canWrite ? 'form.edit' : 'form.view'),
    delete: ctx.t('form.delete'),
    empty: ctx.t('form.noRecords'),
    noMatches: ctx.t('form.noMatches'),
    sortAscending: ctx.t('form.sortAscending'),
    sortDescending: ctx.t('form.sortDescending'),
    onBehalf: ctx.t('form.onBehalfShort'),
  }), [ctx, sectionTitle, canWrite]);
  // Alt+N adds a record and Ctrl+F finds one, wherever focus is inside the section.
  const onSectionKeyDown = (event: KeyboardEvent) => {
    if (editor) return;
    if (canWrite && event.altKey && !event.ctrlKey && event.code === 'KeyN') {
      event.preventDefault();
      void open(null);
    } else if ((event.ctrlKey || event.metaKey) && !event.altKey && event.code === 'KeyF') {
      event.preventDefault();
      searchBox.current?.focus();
    }
  };
  return (
    <Card component="section" aria-label={sectionTitle} data-testid={`section-${def.table}`} data-loaded={rows !== undefined} variant="outlined" onKeyDown={onSectionKeyDown}>
      <CardContent>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 1.5 }}>
          <Typography variant="h6" component="h2">{sectionTitle}</Typography>
          <Chip size="small" data-testid="section-count" data-count={count} label={shownRows.length < count ? ctx.t('form.countShown', { shown: ctx.format.integer(shownRows.length), count, n: ctx.format.integer(count) }) : ctx.t('form.count', { count, n: ctx.format.integer(count) })} />
          <Box sx={{ flexGrow: 1 }} />
          <TextField
            type="search"
            size="small"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onKeyDown={(event) => { if (event.key === 'Escape' && search) { event.stopPropagation(); setSearch(''); } }}
            placeholder={ctx.t('form.search')}
            inputRef={searchBox}
            sx={{ width: { xs: 180, md: 280 } }}
            slotProps={{
              htmlInput: { 'aria-label': ctx.t('form.searchIn', { section: sectionTitle }), 'data-testid': 'section-search' },
              input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> },
            }}
          />
          {canWrite && (
            <Tooltip title={ctx.t('form.addShortcut')} describeChild>
              <Button variant="contained" startIcon={<AddIcon />} onClick={() => void open(null)} aria-keyshortcuts="Alt+N">{ctx.t(`${def.table}.add`)}</Button>
            </Tooltip>
          )}
        </Stack>
        {summary}
        {(editor || !canWrite ? [] : drafts ?? []).map((entry) => {
          const shown = draftShown(entry, scopeYear);
          if (!shown) return null;
          const { draft, record } = entry;
          const title = record ? def.title(record, ctx) : ctx.t('drafts.newRecord');
          return (
            <Alert
              key={draft.key}
              severity="warning"
              sx={{ mb: 1.5 }}
              data-testid="draft-banner"
              data-draft={shown}
              action={
                <Stack direction="row" spacing={1}>
                  <Button color="inherit" size="small" onClick={() => void continueDraft(entry)}>{ctx.t('drafts.continue')}</Button>
                  <Button color="inherit" size="small" onClick={() => void discardDraft(db, def.table, lao.id, draft.recordId)}>{ctx.t('drafts.discard')}</Button>
                </Stack>
              }
            >
              {ctx.t(`drafts.${shown}`, { title, time: ctx.format.dateTime(shown === 'deleted' ? record!.updatedAt : draft.updatedAt) })}
            </Alert>
          );
        })}
        <RecordTable rows={shownRows} columns={columns} loading={rows === undefined} tall={count > BIG_LIST} searching={deferredSearch.trim() !== ''} texts={texts} onOpen={openRow} onDelete={canWrite ? removeRow : undefined} />
      </CardContent>
      {editor && (
        <RecordDialog
          def={def}
          lao={lao}
          fiscalYear={fiscalYear}
          editor={editor}
          readOnly={!canWrite}
          references={references.data}
          ctx={ctx}
          onSaved={(record) => {
            setEditor(null);
            setUndo(null);
            setError(null);
            setSaved(def.title(record, ctx));
          }}
          onClose={(discard) => void close(discard)}
          onDelete={remove}
          onStartOver={() => void open(editor.record, true).then(() => discardDraft(db, def.table, lao.id, editor.record?.id ?? null))}
        />
      )}
      <Snackbar open={undo !== null} autoHideDuration={10_000} onClose={() => setUndo(null)}>
        <Alert severity="info" variant="filled" onClose={() => setUndo(null)} action={<Button color="inherit" size="small" onClick={() => void restore()}>{ctx.t('form.undo')}</Button>}>
          {ctx.t('form.deleted', { title: undo?.title ?? '' })}
        </Alert>
      </Snackbar>
      <Snackbar open={saved !== null} autoHideDuration={4000} onClose={() => setSaved(null)}>
        <Alert severity="success" variant="filled" onClose={() => setSaved(null)}>{t('form.saved')}</Alert>
      </Snackbar>
      <Snackbar open={error !== null} autoHideDuration={8000} onClose={() => setError(null)}>
        <Alert severity="error" variant="filled" onClose={() => setError(null)}>{error}</Alert>
      </Snackbar>
    </Card>
  );
}
