/** Starts the real sync server (PGlite in memory, demo province, built renderer) for a worker or a test. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

export interface TestServer {
  url: string;
  stop(): Promise<void>;
}

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** Where e2e/support/global-setup.ts bundles the server for the run; packages resolve from the root's node_modules. */
export const SERVER_BUNDLE_DIR = path.join(ROOT, 'dist', 'e2e-server');
const SERVER = path.join(SERVER_BUNDLE_DIR, 'eplan-server.mjs');
// Seeding the demo province takes ~10 s on an idle 2-core machine; a busy one can take a minute.
const START_TIMEOUT_MS = 180_000;

/**
 * A fresh server whose clock starts at `clockAt`, on a port the system picks;
 * with the demo province and its logins unless `demo` is false (a server that
 * only serves the app to specs working on the device, which never sign in).
 */
export async function startTestServer(clockAt: string, { demo = true } = {}): Promise<TestServer> {
  // The demo province is seeded once per date and run, then each server starts from that dump (~1 s, not ~5-30 s).
  const dump = demo ? await demoDump(clockAt) : undefined;
  const child = spawn(process.execPath, [SERVER, ...(demo ? ['--seed-demo'] : [])], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: 'memory://',
      DATABASE_URL: '',
      LOAD_DUMP: dump ?? '',
      STATIC_DIR: process.env.RENDERER_OUT_DIR ?? 'dist/renderer',
      EPLAN_NOW: clockAt,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await listeningUrl(child);
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const run = promisify(execFile);
/**
 * Every sign-in downloads the province: the light demo (the same 100 LAOs,
 * users and lagging profiles, a third of the rows) keeps the suite's 30-odd
 * sign-ins quick. Volume is the business of the specs that load the on-device
 * demo, the large-lists spec and the benchmarks.
 */
const DEMO_SIZE = 'light';
/** Per run (playwright.config.ts sets E2E_RUN_ID), so a dump never outlives the code that made it. */
const DUMP_DIR = path.join(ROOT, 'test-results', '.server-dumps', process.env.E2E_RUN_ID ?? String(process.pid));
const made = new Map<string, Promise<string>>();

/**
 * The demo province at `clockAt` as a PGlite dump (`eplan-server dump`), made by
 * the first worker that needs it; another worker waits for that one's file.
 */
function demoDump(clockAt: string): Promise<string> {
  let dump = made.get(clockAt);
  if (!dump) {
    dump = makeDump(clockAt);
    made.set(clockAt, dump);
  }
  return dump;
}

async function makeDump(clockAt: string): Promise<string> {
  await mkdir(DUMP_DIR, { recursive: true });
  const file = path.join(DUMP_DIR, `demo-${clockAt.replace(/[^0-9A-Za-z]/g, '')}.tar.gz`);
  const lock = `${file}.lock`;
  let owner;
  try {
    owner = await open(lock, 'wx');
  } catch {
    // Another worker is making it: the file appears, whole, by rename.
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!existsSync(file)) {
      if (Date.now() > deadline) throw new Error(`The demo dump ${file} did not appear within ${START_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return file;
  }
  try {
    await run(process.execPath, [SERVER, 'dump', '--to', file, '--seed-demo', '--demo-size', DEMO_SIZE], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: 'memory://', DATABASE_URL: '', LOAD_DUMP: '', EPLAN_NOW: clockAt },
      timeout: START_TIMEOUT_MS,
    });
    return file;
  } catch (error) {
    // Let the next attempt make it again.
    await rm(lock, { force: true });
    throw error;
  } finally {
    await owner.close();
  }
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The test sync server ${why}:\n${output}`));
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Sync server listening on (http:\/\/\S+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => fail(`exited with code ${code}`));
  });
}
