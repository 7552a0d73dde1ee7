/**
 * The README promises the Node version that package.json's `engines` names:
 * every installed package must support its lowest release, or `npm ci` warns
 * (EBADENGINE) and the package may not run. Overrides in package.json pin
 * transitive packages back to releases that do (see the README).
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };

describe('the supported Node version', () => {
  const lowest = semver.minVersion(manifest.engines.node)!.version;

  it('is named in the README', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(`Node.js ${lowest.replace(/\.0$/, '')} or newer`);
  });

  it('runs every package in the lockfile', () => {
    const unsupported = Object.entries(lock.packages).flatMap(([where, entry]) => {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      return range && !semver.satisfies(lowest, range) ? [`${where}@${entry.version} wants node ${range}`] : [];
    });
    expect(unsupported).toEqual([]);
  });
});
