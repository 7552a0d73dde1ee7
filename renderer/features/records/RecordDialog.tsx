import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, Tab, Tabs } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import { useState } from 'react';
import type { StoredRecord } from '../../data/db';
import { RecordDetails } from './RecordDetails';
import { RecordForm } from './RecordForm';
import { RecordHistory } from './RecordHistory';
import { useLiveRecord, type ReferenceData } from './hooks';
import type { ColumnContext, FormValues, TableDef } from './types';

export interface EditorState {
  record: StoredRecord | null;
  /** The record as the user saw it when the form (or its draft) opened: the base of the save. */
  seen: StoredRecord | null;
  initialValues: FormValues;
  restoredAt: string | null;
  /** Changes when the officer starts over, so the form remounts with fresh values. */
  generation: number;
}

export function RecordDialog(props: {
  def: TableDef;
  lao: { id: string; provinceCode: string };
  fiscalYear: number;
  editor: EditorState;
  /** A reader (a supervisor): the record's details and history, no form that the server would refuse. */
  readOnly?: boolean;
  references: ReferenceData;
  ctx: ColumnContext;
  onSaved: (record: StoredRecord) => void;
  /** Closing keeps the draft; cancelling discards it. */
  onClose: (discard: boolean) => void;
  /** Resolves whether the record was deleted. */
  onDelete: (record: StoredRecord) => Promise<boolean>;
  onStartOver: () => void;
}) {
  const { def, editor, ctx } = props;
  const [tab, setTab] = useState<'details' | 'history'>('details');
  const record = editor.record;
  // Named as the record stands now: a rename pulled while the form is open shows in the title too.
  const live = useLiveRecord(def.table, record?.id);
  const readOnly = props.readOnly === true && record !== null;
  const title = record ? ctx.t(readOnly ? 'form.viewTitleOf' : 'form.editTitleOf', { title: def.title(live ?? record, ctx) }) : ctx.t(`${def.table}.add`);
  return (
    <Dialog open onClose={() => props.onClose(false)} maxWidth="md" fullWidth aria-labelledby={`${def.table}-dialog-title`} data-testid="record-dialog">
      <DialogTitle id={`${def.table}-dialog-title`} sx={{ pr: 6 }}>
        {title}
        <IconButton aria-label={ctx.t('form.close')} onClick={() => props.onClose(false)} sx={{ position: 'absolute', right: 12, top: 12 }}><CloseIcon /></IconButton>
      </DialogTitle>
      {record && (
        <Tabs value={tab} onChange={(_e, v: 'details' | 'history') => setTab(v)} sx={{ px: 3, borderBottom: 1, borderColor: 'divider' }}>
          <Tab value="details" label={ctx.t('form.details')} />
          <Tab value="history" label={ctx.t('history.title')} />
        </Tabs>
      )}
      {tab === 'history' && record && (
        <div style={{ padding: '8px 24px 24px' }}><RecordHistory def={def} recordId={record.id} ctx={ctx} /></div>
      )}
      {readOnly && record ? (
        <div hidden={tab !== 'details'}>
          <DialogContent dividers>
            <Alert severity="info" sx={{ mb: 2 }}>{ctx.t('form.readOnly')}</Alert>
            <RecordDetails def={def} record={live ?? record} ctx={ctx} />
          </DialogContent>
          <DialogActions sx={{ px: 3, py: 1.5 }}>
            <Button onClick={() => props.onClose(false)}>{ctx.t('form.close')}</Button>
          </DialogActions>
        </div>
      ) : (
        <div hidden={tab !== 'details'}>
          <RecordForm
            key={editor.generation}
            def={def}
            lao={props.lao}
            fiscalYear={props.fiscalYear}
            record={record}
            seen={editor.seen}
            initialValues={editor.initialValues}
            restoredAt={editor.restoredAt}
            references={props.references}
            ctx={ctx}
            onSaved={props.onSaved}
            onCancel={() => props.onClose(true)}
            onDelete={record ? () => props.onDelete(record) : undefined}
            onStartOver={props.onStartOver}
          />
        </div>
      )}
    </Dialog>
  );
}
