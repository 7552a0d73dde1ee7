import { Alert } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { countText } from './SyncStatus';
import { useFirstDownload } from './useSync';

/** On a screen that computes from the province's records: says so while the first download is unfinished. */
export function PartialDataNotice() {
  const { t } = useTranslation('sync');
  const format = useFormat();
  const download = useFirstDownload();
  if (download === undefined || download.complete) return null;
  const count = { stored: download.stored, total: download.total === null ? null : Math.max(download.total, download.stored) };
  return (
    <Alert severity="warning" data-testid="partial-data" data-stored={count.stored} data-total={count.total ?? ''}>
      {countText(t, format, 'partialData.text', count)}
    </Alert>
  );
}
