import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { RecordTable } from '../../../shared/domain/tables';
import type { RecordHistoryEntry } from '../../../shared/sync/history';
import { localDb } from '../../data/db';
import { localHistory, mergeHistory, withAuthorNames, type HistoryLine } from '../../data/history';
import { SyncError } from '../../sync/api';
import { storedApi } from '../../sync/runtime';

/**
 * Where the server's part of a history stands: 'local' when this laptop has
 * no server (signed out, demo data), 'offline' when it cannot reach it now.
 */
export type ServerHistory =
  | { status: 'loading' }
  | { status: 'loaded'; entries: RecordHistoryEntry[]; older?: boolean }
  | { status: 'local' }
  | { status: 'offline' }
  | { status: 'failed' };

async function fetchServerHistory(table: RecordTable, recordId: string): Promise<ServerHistory> {
  const api = await storedApi(localDb());
  if (!api) return { status: 'local' };
  if (!navigator.onLine) return { status: 'offline' };
  try {
    const { history, older } = await api.recordHistory(table, recordId);
    return { status: 'loaded', entries: history, ...(older ? { older } : {}) };
  } catch (error) {
    if (error instanceof SyncError && error.status === 404) return { status: 'loaded', entries: [] }; // not on the server yet
    return error instanceof SyncError && error.code !== 'NETWORK' ? { status: 'failed' } : { status: 'offline' };
  }
}

/** Fetched when it opens, again when the laptop's pending changes of the record go out, and on reconnecting. */
export function useRecordHistory(table: RecordTable, recordId: string): { lines: HistoryLine[] | undefined; server: ServerHistory } {
  const local = useLiveQuery(() => localHistory(localDb(), table, recordId), [table, recordId]);
  const [server, setServer] = useState<ServerHistory>({ status: 'loading' });
  const [connectivity, setConnectivity] = useState(0);
  useEffect(() => {
    const changed = () => setConnectivity((n) => n + 1);
    window.addEventListener('online', changed);
    window.addEventListener('offline', changed);
    return () => {
      window.removeEventListener('online', changed);
      window.removeEventListener('offline', changed);
    };
  }, []);
  const pendingCount = local?.pendingTimes.length;
  useEffect(() => {
    let current = true;
    void fetchServerHistory(table, recordId).then((state) => {
      if (current) setServer(state);
    });
    return () => {
      current = false;
    };
  }, [table, recordId, pendingCount, connectivity]);
  const entries = server.status === 'loaded' ? server.entries : null;
  const merged = useMemo(() => (local ? mergeHistory(local, entries) : undefined), [local, entries]);
  const lines = useLiveQuery(async () => (merged ? withAuthorNames(localDb(), merged) : undefined), [merged]);
  return { lines, server };
}
