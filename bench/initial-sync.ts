/**
 * Initial sync of the province-scale data set (bench/seed.ts, ≈1M records)
 * into IndexedDB in headless Chromium, through the app itself: the built
 * renderer served by the real server (server/cli.ts) on loopback, signed in
 * through the login screen, timed from the click on "sign in" until the app
 * bar shows the last sync. Baselines in the same run and browser:
 * (a) Dexie bulkPut of the same rows, fetched first, only the writes timed;
 * (b) PouchDB (pouchdb-browser) replicating the same documents from
 *     pouchdb-server (in memory) on loopback — a fixed subset, since a full
 *     replication would take far longer than the whole suite may; its rate
 *     (docs/s) is what is compared.
 *
 * Run: npx tsx bench/initial-sync.ts [--quick] [--backend pglite|postgres] [--pouch-docs 20000]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { fillBenchLogin, launchChromium, rendererDir, sampleHeap, waitForSynced } from './browser/chromium';
import { countStoredRecords, exportRows } from './lib/rows';
import { bundleBaselines, serveBaselines } from './browser/serve';
import type { BulkPutResult, ReplicationResult } from './browser/baselines';
import { parseBenchArgs } from './lib/args';
import { figure, printBenchJson, printInterim, target, type Figure, type Target } from './lib/report';
import { POSTGRES_URL, startServerProcess } from './lib/server';
import { CACHE_DIR, FULL_SCALE, REPO_ROOT, seedPglite, seedPostgres, type SeededData } from './seed';

const PORTS = { pglite: 4300, postgres: 4301, static: 4302, couch: 4303 } as const;
// Generous: on a loaded 2-core machine the full data set took over 6 minutes.

const args = parseBenchArgs();
const valueOf = (flag: string) => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const scale = args.quick ? 0.05 : FULL_SCALE;
const pouchDocs = Number(valueOf('--pouch-docs') ?? (args.quick ? 2000 : 20_000));
const backends = args.backends;
const log = (line: string) => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (rows: number, ms: number) => rows / (ms / 1000);

interface AppSync {
  ms: number;
  rows: number;
  peakHeapMb: number;
}

/**
 * Signs in through the login screen and waits for the app bar to show the
 * last sync. The browser context is Playwright's default, whose IndexedDB
 * lives in memory, like the bulkPut baseline's: the ratio compares the app's
 * work with the physical writes on the same storage. (On a disk profile both
 * are several times slower: see matrix-cold-start, which fills one.)
 */
async function appInitialSync(browser: Browser, serverUrl: string): Promise<AppSync> {
  const context = await browser.newContext({ locale: 'th-TH', timezoneId: 'Asia/Bangkok', viewport: { width: 1366, height: 768 } });
  try {
    const page = await context.newPage();
    await fillBenchLogin(page, serverUrl);
    const heap = await sampleHeap(page);
    const started = performance.now();
    await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
    const progress = setInterval(() => {
      void page.getByTestId('sync-initial').textContent({ timeout: 500 }).then((text) => text && log(`  … ${text.trim()} (${seconds(performance.now() - started)})`), () => {});
    }, 15_000);
    try {
      await waitForSynced(page, serverUrl);
    } finally {
      clearInterval(progress);
    }
    const ms = performance.now() - started;
    const peakHeapMb = await heap.stop();
    return { ms, rows: await countStoredRecords(page), peakHeapMb };
  } finally {
    await context.close();
  }
}

/** pouchdb-server with the in-memory adapter, its config and log kept under .bench-cache. */
async function startPouchServer(): Promise<{ url: string; stop: () => void }> {
  const cwd = path.join(CACHE_DIR, 'pouchdb-server');
  await mkdir(cwd, { recursive: true });
  const child: ChildProcess = spawn(path.join(REPO_ROOT, 'node_modules/.bin/pouchdb-server'), ['--in-memory', '--port', String(PORTS.couch), '--host', '127.0.0.1', '--no-stdout-logs'], { cwd, stdio: 'ignore' });
  const url = `http://127.0.0.1:${PORTS.couch}`;
  for (let i = 0; i < 120; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return { url, stop: () => child.kill('SIGTERM') };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error('pouchdb-server did not start');
}

/** Loads the first `count` snapshot rows into pouchdb-server as documents (untimed set-up). */
async function loadPouch(couchUrl: string, rowsDir: string, files: string[], count: number): Promise<number> {
  await fetch(`${couchUrl}/bench`, { method: 'PUT' });
  let loaded = 0;
  for (const file of files) {
    if (loaded >= count) break;
    const rows = (JSON.parse(await readFile(path.join(rowsDir, file), 'utf8')) as Array<Record<string, unknown>>).slice(0, count - loaded);
    for (let start = 0; start < rows.length; start += 1000) {
      const docs = rows.slice(start, start + 1000).map(({ id, ...rest }) => ({ _id: id, ...rest }));
      const response = await fetch(`${couchUrl}/bench/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs }) });
      if (!response.ok) throw new Error(`pouchdb-server _bulk_docs: ${response.status}`);
    }
    loaded += rows.length;
  }
  return loaded;
}

interface Baselines {
  bulk: BulkPutResult;
  pouchRate: number;
}

/** (a) Dexie bulkPut of the exported rows and (b) PouchDB's replication rate, in fresh contexts of the same browser. */
async function runBaselines(browser: Browser, rowsExport: { dir: string; files: string[] }, figures: Record<string, Figure>): Promise<Baselines> {
  const bundle = await bundleBaselines(path.join(CACHE_DIR, 'browser'));
  const pouch = await startPouchServer();
  const files = rowsExport.files;
  const site = await serveBaselines({ port: PORTS.static, bundle, rowsDir: rowsExport.dir, couchUrl: pouch.url });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => 'bench' in window);
    const bulk = await page.evaluate((list) => window.bench.dexieBulkPut(list), files.map((file) => `/rows/${file}`)) as BulkPutResult;
    log(`baseline (a): Dexie bulkPut ${bulk.rows.toLocaleString('en')} rows in ${seconds(bulk.writeMs)} of writes = ${Math.round(rate(bulk.rows, bulk.writeMs)).toLocaleString('en')} rows/s (${seconds(bulk.wallMs)} with fetching the files)`);
    figures.bulkPutMs = figure(bulk.writeMs, 'ms', 'Dexie bulkPut of the same rows, writes only');
    figures.bulkPutRowsPerSec = figure(rate(bulk.rows, bulk.writeMs), 'rows/s', 'Dexie bulkPut rows/s');
    await page.context().close();

    const loaded = await loadPouch(pouch.url, rowsExport.dir, files, pouchDocs);
    const pouchPage = await (await browser.newContext()).newPage();
    await pouchPage.goto(site.url);
    await pouchPage.waitForFunction(() => 'bench' in window);
    const replicated = await pouchPage.evaluate(([url, batch]) => window.bench.pouchReplicate(url, batch), [`${site.url}/couch/bench`, 1000] as const) as ReplicationResult;
    await pouchPage.context().close();
    if (replicated.docs !== loaded) throw new Error(`PouchDB replicated ${replicated.docs} of ${loaded} docs`);
    const pouchRate = rate(replicated.docs, replicated.ms);
    log(`baseline (b): PouchDB replication of ${replicated.docs.toLocaleString('en')} docs from pouchdb-server in ${seconds(replicated.ms)} = ${Math.round(pouchRate).toLocaleString('en')} docs/s (extrapolated to ${bulk.rows.toLocaleString('en')} rows: ${seconds((bulk.rows / pouchRate) * 1000)})`);
    figures.pouchDocsPerSec = figure(pouchRate, 'rows/s', `PouchDB replication docs/s (subset of ${replicated.docs} docs, batch_size 1000)`);
    figures.pouchExtrapolatedMs = figure((bulk.rows / pouchRate) * 1000, 'ms', 'PouchDB replication of the whole data set, extrapolated from its rate');
    return { bulk, pouchRate };
  } finally {
    await site.close();
    pouch.stop();
  }
}

async function main(): Promise<void> {
  const figures: Record<string, Figure> = {};
  const context: Record<string, string | number | boolean> = { scale, pouchDocs };
  const staticDir = rendererDir(log);
  const browser = await launchChromium();
  context.browser = browser.version();
  const targets: Target[] = [];
  let baselines: Baselines | null = null;
  try {
    for (const kind of backends) {
      const seeded: SeededData = kind === 'pglite' ? await seedPglite(scale, log) : await seedPostgres(POSTGRES_URL, scale, log);
      context[`${kind}Records`] = seeded.records;
      const server = await startServerProcess({ port: PORTS[kind], env: { ...seeded.env, STATIC_DIR: staticDir }, timeoutMs: 120_000 });
      let run: AppSync;
      let rowsExport: { dir: string; files: string[] } | null = null;
      try {
        log(`${kind}: initial sync of ${seeded.records.toLocaleString('en')} records through the app …`);
        run = await appInitialSync(browser, server.url);
        log(`${kind}: app initial sync ${run.rows.toLocaleString('en')} rows in ${seconds(run.ms)} = ${Math.round(rate(run.rows, run.ms)).toLocaleString('en')} rows/s, peak JS heap ${Math.round(run.peakHeapMb)} MB`);
        if (run.rows !== seeded.records) throw new Error(`the app stored ${run.rows} rows, the server has ${seeded.records}`);
        figures[`${kind}SyncMs`] = figure(run.ms, 'ms', `app initial sync (${kind} server), sign-in click → synced`);
        figures[`${kind}SyncRowsPerSec`] = figure(rate(run.rows, run.ms), 'rows/s', `app initial sync rows/s (${kind})`);
        figures[`${kind}PeakHeapMb`] = figure(run.peakHeapMb, 'MB', `peak renderer JS heap during the sync (${kind})`);
        printInterim('initial-sync', figures, context);
        // The baselines' rows, fetched from the same server after the timed run.
        if (!baselines) rowsExport = await exportRows(server.url, seeded.key);
      } finally {
        await server.stop();
      }
      // Right after the first backend: a run stopped by its time limit during the second still prints the first's ratios.
      if (rowsExport) baselines = await runBaselines(browser, rowsExport, figures);
      if (!baselines) throw new Error('no baseline ran');
      figures[`${kind}VsBulkPut`] = figure(run.ms / baselines.bulk.writeMs, 'x', `app initial sync time ÷ Dexie bulkPut time (${kind})`);
      figures[`${kind}VsPouch`] = figure(rate(run.rows, run.ms) / baselines.pouchRate, 'x', `app initial sync rows/s ÷ PouchDB docs/s (${kind})`);
      log(`${kind}: ${figures[`${kind}VsBulkPut`]!.value.toFixed(2)}× the bulkPut time, ${figures[`${kind}VsPouch`]!.value.toFixed(1)}× PouchDB's rate`);
      targets.push(target(`initial sync (${kind}) ≤ 1.5× raw bulkPut`, figures, `${kind}VsBulkPut`, '<=', 1.5));
      targets.push(target(`initial sync (${kind}) ≥ 10× faster than PouchDB`, figures, `${kind}VsPouch`, '>=', 10));
      printInterim('initial-sync', figures, context);
    }
    printBenchJson('initial-sync', figures, targets, context);
  } finally {
    await browser.close();
  }
}

await main();
