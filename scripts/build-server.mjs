/**
 * `npm run build:server`: the sync server as plain JavaScript in dist/server,
 * a package of its own that runs with `node` after `npm ci --omit=dev`:
 *
 *   eplan-server.mjs   server/cli.ts and shared/ bundled by esbuild (packages left as imports)
 *   migrations/        the SQL files the bundle reads beside itself
 *   package.json       name eplan-server, bin eplan-server, and as dependencies exactly the
 *                      packages the bundle imports, at the versions in our lockfile
 *   npm-shrinkwrap.json  every package of the install pinned (npm honours it on any install)
 *
 * `npm pack dist/server` makes the artifact a province installs (docs/deploy.md).
 * The build fails when the bundle imports a package that is not in
 * SERVER_PACKAGES, so a development tool (tsx, vite) or a desktop package can
 * never sneak in. (The root package.json has no `dependencies`: everything the
 * desktop app runs is bundled, so electron-builder packs no node_modules.)
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleServer } from './server-bundle.mjs';

const OUT = path.resolve('dist/server');
/** What the server may import at run time; each is installed at our lockfile's version. */
const SERVER_PACKAGES = ['@electric-sql/pglite', '@fastify/static', 'fastify', 'pg', 'uuid', 'zod'];
const root = JSON.parse(await readFile('package.json', 'utf8'));
const lock = JSON.parse(await readFile('package-lock.json', 'utf8'));

await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
const metafile = await bundleServer(OUT, root.version);

/** `pg` of `pg/lib/x`, `@scope/name` of `@scope/name/sub`. */
const packageOf = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const imported = new Set();
for (const output of Object.values(metafile.outputs)) {
  for (const { path: specifier, external } of output.imports) {
    if (external && !specifier.startsWith('node:')) imported.add(packageOf(specifier));
  }
}
const dependencies = {};
const missing = [];
for (const name of [...imported].sort()) {
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (!SERVER_PACKAGES.includes(name) || !version) missing.push(name);
  else dependencies[name] = version;
}
if (missing.length > 0) {
  console.error(`The server imports packages outside SERVER_PACKAGES (scripts/build-server.mjs): ${missing.join(', ')}`);
  process.exit(1);
}

const manifest = {
  name: 'eplan-server',
  version: root.version,
  description: 'The e-plan field companion sync server (see docs/deploy.md)',
  private: true,
  type: 'module',
  bin: { 'eplan-server': 'eplan-server.mjs' },
  files: ['eplan-server.mjs', 'migrations', 'npm-shrinkwrap.json'],
  engines: root.engines,
  dependencies,
  overrides: root.overrides,
};
await writeFile(path.join(OUT, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
// The whole tree pinned for the artifact; resolved from npm's cache when it holds the packages.
execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: OUT, stdio: 'inherit', shell: process.platform === 'win32' });
await rename(path.join(OUT, 'package-lock.json'), path.join(OUT, 'npm-shrinkwrap.json'));
console.log(`dist/server: eplan-server ${root.version}, run-time dependencies ${Object.entries(dependencies).map(([n, v]) => `${n}@${v}`).join(', ')}`);
