/// <reference lib="webworker" />
/**
 * A scope's first download off the window's thread (issue 18): fetching,
 * parsing and storing a province's pages here leaves the window free to draw
 * and answer keys. The worker opens its own connection to the same database,
 * with the same write log (data/laoWriteLog.ts), so the window's completion
 * engine and live queries see each stored page as another window's write.
 */
import { setClock, clockFrom } from '../../shared/clock';
import { openLocalDb } from '../data/db';
import { LAO_WRITES } from '../data/laoWriteLog';
import { announceWritesWhole } from '../data/wholeTableWrites';
import { isRecordTable } from '../../shared/domain/tables';
import { createSyncApi, SyncError } from './api';
import { syncScope } from './pull';
import type { ScopeJob, ScopeWorkerMessage } from './scopeJob';

const worker = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: ScopeWorkerMessage) => worker.postMessage(message);

worker.onmessage = async (event: MessageEvent<ScopeJob>) => {
  const job = event.data;
  // The window's clock, running on from the instant it was read there: a fixed or rehearsed date holds here too.
  setClock(clockFrom(new Date(job.now)));
  const db = openLocalDb(job.dbName);
  // The windows hear each page's records and log rows as whole tables written, not key by key: cheap to hear (wholeTableWrites.ts).
  announceWritesWhole(db, (table) => isRecordTable(table) || table === LAO_WRITES);
  try {
    const api = createSyncApi({ baseUrl: job.baseUrl, token: job.token });
    await syncScope(db, api, job.scope, {
      ...(job.pageSize === undefined ? {} : { pageSize: job.pageSize }),
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'done' });
  } catch (error) {
    post(
      error instanceof SyncError
        ? { type: 'failed', code: error.code, status: error.status, serverCode: error.serverCode, message: error.message }
        : { type: 'failed', code: null, status: 0, serverCode: null, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) },
    );
  } finally {
    db.close();
  }
};

post({ type: 'ready' });
