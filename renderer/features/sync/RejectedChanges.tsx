import { Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText } from '@mui/material';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { localDb } from '../../data/db';
import { discardRejected } from '../../sync/push';
import { formatSyncTime } from './syncTime';
import { useSessionUser } from './useSync';

/** The changes the server refused: kept on the device until the officer has read them and lets them go. */
export function RejectedChanges({ count }: { count: number }) {
  const { t } = useTranslation('sync');
  const { t: tr } = useTranslation('records');
  const format = useFormat();
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
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="sm" fullWidth>
        <DialogTitle>{t('rejected.title')}</DialogTitle>
        <DialogContent>
          <List dense>
            {entries.map((entry) => (
              <ListItem
                key={entry.seq}
                data-testid="rejected-change"
                secondaryAction={<Button size="small" onClick={() => void discardRejected(localDb(), entry.seq!)}>{t('rejected.discard')}</Button>}
              >
                <ListItemText
                  primary={`${t(`table.${entry.table}`, { defaultValue: tr(`${entry.table}.section`, { defaultValue: entry.table }) })} · ${formatSyncTime(entry.clientTime, format)}`}
                  secondary={t(`rejectCode.${entry.rejected!.code}`, { defaultValue: entry.rejected!.code })}
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
