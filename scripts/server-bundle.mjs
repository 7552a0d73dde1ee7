/**
 * The sync server bundled by esbuild into `outDir/eplan-server.mjs` (server/cli.ts
 * and shared/, packages left as imports) with the SQL migrations it reads beside
 * itself. `npm run build:server` makes the installable package from it
 * (scripts/build-server.mjs); the end-to-end tests start their servers from it
 * with plain `node`, a second sooner each than through tsx
 * (e2e/support/global-setup.ts).
 */
import { build } from 'esbuild';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Writes the bundle and the migrations; resolves to esbuild's metafile (what the bundle imports). */
export async function bundleServer(outDir, version) {
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: ['server/cli.ts'],
    outfile: path.join(outDir, 'eplan-server.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    metafile: true,
    legalComments: 'none',
    banner: { js: '#!/usr/bin/env node' },
    define: { EPLAN_SERVER_VERSION: JSON.stringify(version) },
    logLevel: 'warning',
  });
  await cp('server/store/migrations', path.join(outDir, 'migrations'), { recursive: true });
  return result.metafile;
}
