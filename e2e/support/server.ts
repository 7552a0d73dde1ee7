/** Starts the real sync server (PGlite in memory, demo province, built renderer) for a worker or a test. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

export interface TestServer {
  url: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
// Seeding the demo province takes ~10 s on an idle 2-core machine; a busy one can take a minute.
const START_TIMEOUT_MS = 180_000;

/**
 * A fresh server whose clock starts at `clockAt`, on a port the system picks;
 * with the demo province and its logins unless `demo` is false (a server that
 * only serves the app to specs working on the device, which never sign in).
 */
export async function startTestServer(clockAt: string, { demo = true } = {}): Promise<TestServer> {
  const child = spawn(TSX, ['server/cli.ts', ...(demo ? ['--seed-demo'] : [])], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: 'memory://',
      DATABASE_URL: '',
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
