/**
 * The data set's rows outside the app: the snapshot kept as JSON files (the
 * bulkPut and PouchDB baselines load them) and the rows an app page stored.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROTOCOL_VERSION, SCHEMA_VERSION, type LoginResponse, type SnapshotResponse } from '../../shared/sync/protocol';
import { BENCH_OFFICER, CACHE_DIR } from '../seed';

const EXPORT_PAGE = 5000;

/** A token of the bench officer (the supervisor of the province), from the server's login. */
export async function login(serverUrl: string): Promise<string> {
  const response = await fetch(`${serverUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...BENCH_OFFICER, deviceId: 'bench-export-device' }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as LoginResponse).token;
}

/** The snapshot's rows as JSON files of one page each, fetched once per data-set key. */
export async function exportRows(serverUrl: string, key: string): Promise<{ dir: string; files: string[] }> {
  const dir = path.join(CACHE_DIR, `rows-${key}`);
  const marker = path.join(dir, 'done');
  if (!existsSync(marker)) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const token = await login(serverUrl);
    let after: string | null = null;
    let n = 0;
    do {
      const url = `${serverUrl}/v1/sync/snapshot?scope=99&limit=${EXPORT_PAGE}&protocolVersion=${PROTOCOL_VERSION}&schemaVersion=${SCHEMA_VERSION}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`snapshot export failed: ${response.status}`);
      const page = (await response.json()) as SnapshotResponse;
      await writeFile(path.join(dir, `${String(n++).padStart(5, '0')}.json`), JSON.stringify(page.records));
      after = page.next;
    } while (after !== null);
    await writeFile(marker, '');
  }
  const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
  return { dir, files };
}

/** Rows in the app's record stores, counted with raw IndexedDB (the completion results are not records): one counter for the e2e specs and the benches. */
export { storedRecords as countStoredRecords } from '../../e2e/support/sync';
