/** Above a record's form: the record lies in a period a supervisor signed off, by whom and when (issue 17). */
import { Alert } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { lockingSignOff } from '../../../shared/calendar/signoff';
import type { RecordTable } from '../../../shared/domain/tables';
import { localDb, type StoredRecord } from '../../data/db';
import { useWriteErrorText } from './writeError';

export function SignedOffBanner({ table, record }: { table: RecordTable; record: StoredRecord | undefined }) {
  const writeErrorText = useWriteErrorText();
  const lock = useLiveQuery(async () => {
    if (!record) return null;
    const signOffs = await localDb().signOffs.where('laoId').equals(record.laoId).toArray();
    // Any change at all: the banner warns before the user types; the save decides field by field.
    return lockingSignOff(signOffs, table, record, record, ['*']) ?? null;
  }, [table, record]);
  if (!lock) return null;
  return (
    <Alert severity="info" sx={{ mb: 2 }} data-testid="signed-off-banner">
      {writeErrorText({ code: 'PERIOD_SIGNED_OFF', signOff: lock })}
    </Alert>
  );
}
