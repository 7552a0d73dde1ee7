import { readFileSync } from 'node:fs';

/** Set by the server build (scripts/build-server.mjs) to the app's version; absent when run from source. */
declare const EPLAN_SERVER_VERSION: string | undefined;

/** The app's version from package.json, reported by /v1/health. */
export const SERVER_VERSION = typeof EPLAN_SERVER_VERSION === 'string' ? EPLAN_SERVER_VERSION : readPackageVersion();

/** Bumped when the sync wire format changes incompatibly; clients compare it. */
export { PROTOCOL_VERSION } from '../shared/sync/protocol';

function readPackageVersion(): string {
  try {
    const url = new URL('../package.json', import.meta.url);
    const parsed = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
  } catch {
    // A bundled or relocated server still answers health checks.
    return '0.0.0';
  }
}
