/**
 * The app's one sync engine and what makes it run: start, reconnect, an
 * interval, local writes (debounced) and the server's event-stream poke.
 */
import { liveQuery } from 'dexie';
import { localDb, type EplanDb } from '../data/db';
import { getPlatform } from '../platform';
import { createAdminApi, createSyncApi, type AdminApi, type SyncApi, type SyncError } from './api';
import { SyncEngine } from './engine';
import { META, readMeta, sessionUser } from './meta';
import { syncScopeInWorker } from './scopeJob';

export const SYNC_INTERVAL_MS = 5 * 60_000;
export const WRITE_DEBOUNCE_MS = 1_500;

/** The server address and device token this device signed in with; null when signed out. */
async function storedCredentials(db: EplanDb): Promise<{ baseUrl: string; token: string } | null> {
  const [baseUrl, token] = await Promise.all([readMeta<string>(db, META.serverUrl), getPlatform().readToken().catch(() => null)]);
  return baseUrl && token ? { baseUrl, token } : null;
}

export async function storedApi(db: EplanDb): Promise<SyncApi | null> {
  const credentials = await storedCredentials(db);
  return credentials ? createSyncApi(credentials) : null;
}

/** The administrators' API with the stored token; null when signed out. */
export async function storedAdminApi(db: EplanDb): Promise<AdminApi | null> {
  const credentials = await storedCredentials(db);
  return credentials ? createAdminApi(credentials) : null;
}

let engine: SyncEngine | null = null;

export function syncEngine(): SyncEngine {
  engine ??= createSyncEngine(localDb());
  return engine;
}

function createSyncEngine(db: EplanDb): SyncEngine {
  return new SyncEngine({
    db,
    api: () => storedApi(db),
    // A province's first download is fetched, parsed and stored in a Web Worker, so the window stays responsive.
    download: async (scope, options, here) => {
      const credentials = await storedCredentials(db);
      if (!credentials || typeof Worker !== 'function') return here();
      return syncScopeInWorker({ dbName: db.name, ...credentials, scope }, options, here);
    },
  });
}

let stopCurrent: (() => void) | null = null;

/**
 * After a login (or the laptop cleared): listen for the user's scopes and sync
 * at once. `referenceStored`: the login has just stored the reference data.
 */
export function restartSync({ referenceStored = false }: { referenceStored?: boolean } = {}): void {
  if (referenceStored) syncEngine().referenceStored();
  stopCurrent?.();
  stopCurrent = startSync();
}

/** Before the laptop is cleared: no trigger may start a sync, and the run under way has ended. */
export async function stopSync(): Promise<void> {
  stopCurrent?.();
  engine?.stop();
  engine?.abortRun();
  await engine?.settled();
}

/** Wires the triggers; returns a function that removes them. */
export function startSync(target: SyncEngine = syncEngine(), db: EplanDb = localDb()): () => void {
  const run = () => {
    if (navigator.onLine) void target.sync();
  };
  const cleanups: (() => void)[] = [];
  void target.load().then(run);
  // Back online: listen for pokes afresh (a stream opened offline may have given up) and sync at once.
  const refused = (error: SyncError) => target.reportRefusal(error.code);
  let stopPokes = listenForPokes(run, refused);
  const reconnect = () => {
    stopPokes();
    stopPokes = listenForPokes(run, refused);
    run();
  };
  window.addEventListener('online', reconnect);
  cleanups.push(() => window.removeEventListener('online', reconnect));
  cleanups.push(() => stopPokes());
  const interval = setInterval(run, SYNC_INTERVAL_MS);
  cleanups.push(() => clearInterval(interval));

  let debounce: ReturnType<typeof setTimeout> | undefined;
  let lastCount = -1;
  const outbox = liveQuery(() => db.outbox.count()).subscribe((count) => {
    if (count > lastCount && lastCount >= 0) {
      clearTimeout(debounce);
      debounce = setTimeout(run, WRITE_DEBOUNCE_MS);
    }
    lastCount = count;
  });
  cleanups.push(() => {
    outbox.unsubscribe();
    clearTimeout(debounce);
  });
  const stop = () => {
    for (const cleanup of cleanups) cleanup();
    target.stop();
    if (stopCurrent === stop) stopCurrent = null;
  };
  stopCurrent = stop;
  return stop;
}

/** One event stream per scope; the server sends 'change' when the scope moved on. A refusal is reported and ends that stream. */
function listenForPokes(onPoke: () => void, onRefused: (error: SyncError) => void): () => void {
  const stop = new AbortController();
  void (async () => {
    const db = localDb();
    const [api, user] = await Promise.all([storedApi(db), sessionUser(db)]);
    if (!api || !user || stop.signal.aborted) return;
    for (const scope of user.provinceCodes) {
      void api.events(scope, {
        signal: stop.signal,
        onEvent: (event) => {
          if (event.type === 'change') onPoke();
        },
        onRefused,
      });
    }
  })();
  return () => stop.abort();
}
