/**
 * The browser side of the initial-sync baselines, bundled by
 * bench/browser/serve.ts and driven from bench/initial-sync.ts:
 * (a) Dexie bulkPut of the snapshot rows into a fresh database with the app's
 *     own schema (renderer/data/schema.ts), timing only the writes;
 * (b) PouchDB replicating the same documents from pouchdb-server.
 */
import Dexie from 'dexie';
import PouchDB from 'pouchdb-browser';
import { LOCAL_SCHEMA } from '../../renderer/data/schema';
import { openLocalDb } from '../../renderer/data/db';
import { RECORD_TABLES } from '../../shared/domain/tables';
import { createSyncApi } from '../../renderer/sync/api';
import { syncScope } from '../../renderer/sync/pull';

interface Row { id: string; table: string; [field: string]: unknown }

export interface BulkPutResult {
  rows: number;
  /** Time inside bulkPut transactions only; fetching and parsing the files is not counted. */
  writeMs: number;
  wallMs: number;
}

/** Stores every row file in a fresh database, one transaction per file (as the sync stores one per page). */
async function dexieBulkPut(files: string[]): Promise<BulkPutResult> {
  const db = new Dexie(`bench-bulkput-${Date.now()}`);
  for (const step of LOCAL_SCHEMA) db.version(step.version).stores(step.stores);
  await db.open();
  const started = performance.now();
  let writeMs = 0;
  let rows = 0;
  for (const file of files) {
    const page = (await (await fetch(file)).json()) as Row[];
    const byTable = new Map<string, Row[]>();
    for (const row of page) {
      const list = byTable.get(row.table);
      if (list) list.push(row);
      else byTable.set(row.table, [row]);
    }
    const t0 = performance.now();
    await db.transaction('rw', [...byTable.keys()], async () => {
      for (const [table, list] of byTable) await db.table(table).bulkPut(list);
    });
    writeMs += performance.now() - t0;
    rows += page.length;
  }
  db.close();
  return { rows, writeMs, wallMs: performance.now() - started };
}

export interface ReplicationResult {
  docs: number;
  ms: number;
}

/** Replicates a remote PouchDB/CouchDB database into a fresh local one. */
async function pouchReplicate(remoteUrl: string, batchSize: number): Promise<ReplicationResult> {
  const local = new PouchDB(`bench-pouch-${Date.now()}`);
  const started = performance.now();
  const result = await PouchDB.replicate(remoteUrl, local, { batch_size: batchSize });
  const ms = performance.now() - started;
  const info = await local.info();
  await local.close();
  if (!result.ok) throw new Error(`replication failed: ${JSON.stringify(result.errors)}`);
  return { docs: info.doc_count, ms };
}

/**
 * One LAO edit for the warm matrix figure: its plan records marked deleted, as
 * a synced change would, written through a connection of the app's own (its
 * schema and write log, as another window of the app writes), so the app in
 * this page hears of it (Dexie broadcasts writes to every copy of itself).
 * Resolves with the ms from the write until that LAO's matrix row changed.
 */
async function editLaoAndWaitForRow(dbName: string, laoId: string, timeoutMs: number): Promise<{ edited: number; ms: number | null; writeMs: number; startedAt: number }> {
  const db = openLocalDb(dbName);
  await db.open();
  const row = document.querySelector(`[data-testid="matrix-row"][data-lao-id="${laoId}"]`);
  if (!row) throw new Error(`no matrix row for ${laoId}`);
  const changed = new Promise<number | null>((resolve) => {
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(row, { subtree: true, childList: true, characterData: true, attributes: true });
    setTimeout(() => {
      observer.disconnect();
      resolve(null);
    }, timeoutMs);
  });
  const started = performance.now();
  const plans = db.table('plans');
  const rows = (await plans.where('laoId').equals(laoId).toArray()) as Array<Record<string, unknown>>;
  const updatedAt = new Date().toISOString();
  await plans.bulkPut(rows.map((plan) => ({ ...plan, deleted: true, updatedAt, version: Number(plan.version) + 1 })));
  const writeMs = performance.now() - started;
  const at = await changed;
  // Put the rows back, so a kept profile holds the server's data again; the write log tells the app.
  await plans.bulkPut(rows);
  db.close();
  return { edited: rows.length, ms: at === null ? null : at - started, writeMs, startedAt: started };
}

/**
 * The app's download code alone: `syncScope` (the worker's work) into a fresh
 * database of the app's own, in this bare page, with no app around it to
 * read, draw or listen. Set beside the app's first sign-in and the bulkPut
 * baseline, it tells the download's own cost from what the app's window adds.
 */
async function appDownload(serverUrl: string, token: string, scope: string): Promise<{ rows: number; ms: number }> {
  const db = openLocalDb(`bench-app-download-${Date.now()}`);
  await db.open();
  const started = performance.now();
  await syncScope(db, createSyncApi({ baseUrl: serverUrl, token }), scope);
  const ms = performance.now() - started;
  const counts = await Promise.all(RECORD_TABLES.map((table) => db.table(table).count()));
  db.close();
  const rows = counts.reduce((sum, n) => sum + n, 0);
  return { rows, ms };
}

declare global {
  interface Window {
    bench: { dexieBulkPut: typeof dexieBulkPut; pouchReplicate: typeof pouchReplicate; editLaoAndWaitForRow: typeof editLaoAndWaitForRow; appDownload: typeof appDownload };
  }
}

window.bench = { dexieBulkPut, pouchReplicate, editLaoAndWaitForRow, appDownload };
