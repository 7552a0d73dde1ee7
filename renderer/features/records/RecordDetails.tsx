import { Box, Typography } from '@mui/material';
import type { StoredRecord } from '../../data/db';
import { getPath } from './convert';
import { fieldLabel } from './FieldInput';
import { formatFieldValue } from './RecordHistory';
import type { ColumnContext, TableDef } from './types';

/** A record as a reader (a supervisor) sees it: every field with its value, nothing to change. */
export function RecordDetails({ def, record, ctx }: { def: TableDef; record: StoredRecord; ctx: ColumnContext }) {
  return (
    <Box component="dl" data-testid="record-details" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(160px, 1fr) 2fr' }, columnGap: 3, rowGap: 1, m: 0 }}>
      {def.fields.map((field) => (
        <Box key={field.name} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" color="text.secondary">{fieldLabel(def, field, ctx)}</Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, whiteSpace: 'pre-wrap' }}>{formatFieldValue(field, getPath(record, field.name), ctx)}</Typography>
        </Box>
      ))}
      <Typography component="dt" variant="body2" color="text.secondary">{ctx.t('form.onBehalfShort')}</Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0 }}>{ctx.t(record.enteredOnBehalf ? 'form.yes' : 'form.no')}</Typography>
    </Box>
  );
}
