/**
 * `npm run build:main`: the Electron main process and its preload script,
 * each bundled by esbuild into one CommonJS file with shared/ and zod inside:
 *
 *   dist/main/index.js     main/index.ts
 *   dist/main/preload.js   main/preload.ts
 *
 * Only `electron` and Node's own modules stay as imports, so the desktop
 * installer needs no node_modules at all (package.json has no run-time
 * `dependencies`; see scripts/desktop-package.test.ts). The renderer is
 * built by Vite into dist/renderer, beside it.
 */
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';

const OUT = 'dist/main';
await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
const result = await build({
  entryPoints: { index: 'main/index.ts', preload: 'main/preload.ts' },
  outdir: OUT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 41's Node.
  target: 'node22',
  external: ['electron'],
  metafile: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`), 'electron']);
const strays = Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external && !builtins.has(i.path)).map((i) => i.path));
if (strays.length > 0) {
  console.error(`The main process would need these packages at run time: ${[...new Set(strays)].join(', ')}; bundle them instead`);
  process.exit(1);
}
// The root package is an ES module package; these files are CommonJS.
await writeFile(`${OUT}/package.json`, JSON.stringify({ type: 'commonjs' }));
