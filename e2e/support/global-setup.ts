/**
 * Once per run, before any worker: the sync server bundled into plain
 * JavaScript (scripts/server-bundle.mjs), which every test server and demo
 * dump of e2e/support/server.ts runs with `node`. Each of the suite's 30-odd
 * server starts is then a second sooner than through tsx, which compiles
 * server/ and shared/ again in every process.
 */
import { readFile } from 'node:fs/promises';
import { bundleServer } from '../../scripts/server-bundle.mjs';
import { ROOT, SERVER_BUNDLE_DIR } from './server';

export default async function globalSetup(): Promise<void> {
  const { version } = JSON.parse(await readFile(`${ROOT}/package.json`, 'utf8')) as { version: string };
  await bundleServer(SERVER_BUNDLE_DIR, version);
}
