/**
 * What electron-builder would put in the desktop installer, computed from
 * electron-builder.json and package.json the way it does: the files its
 * `files` patterns match, plus the node_modules of the run-time
 * `dependencies` (and theirs, from the lockfile). The installer must carry
 * only the built main process, preload and renderer: no package of the
 * renderer (bundled by Vite), of the server (its own package, see
 * docs/deploy.md) or of the tools. The main process is bundled by
 * scripts/build-main.mjs, which this test runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

interface BuilderConfig {
  files: string[];
  asar: boolean;
  extraMetadata: { main: string };
}
interface LockEntry { dev?: boolean; devOptional?: boolean; optional?: boolean; version?: string }

const config = JSON.parse(readFileSync('electron-builder.json', 'utf8')) as BuilderConfig;
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.posix.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** The patterns electron-builder.json uses; any other shape fails here, so this test is updated with the config. */
function matcher(pattern: string): (file: string) => boolean {
  if (pattern.endsWith('/**') && !pattern.slice(0, -3).includes('*')) return (file) => file.startsWith(pattern.slice(0, -2));
  if (pattern.startsWith('**/*.') && !pattern.slice(5).includes('*')) return (file) => file.endsWith(pattern.slice(4));
  if (!pattern.includes('*')) return (file) => file === pattern;
  throw new Error(`electron-builder.json uses a pattern this test does not read: ${pattern}`);
}

/** Files the `files` patterns take from the project folder (node_modules are added by electron-builder separately). */
function matchedFiles(): string[] {
  const include = config.files.filter((p) => !p.startsWith('!')).map(matcher);
  const exclude = config.files.filter((p) => p.startsWith('!')).map((p) => matcher(p.slice(1)));
  const roots = [...new Set(config.files.filter((p) => !p.startsWith('!')).map((p) => p.split('/')[0]!))];
  const candidates = roots.flatMap((root) => (existsSync(root) && statSync(root).isDirectory() ? walk(root) : existsSync(root) ? [root] : []));
  return candidates.filter((file) => include.some((m) => m(file)) && !exclude.some((m) => m(file)));
}

/** The packages electron-builder copies: production dependencies and what they depend on, as the lockfile resolves them. */
function packedPackages(): string[] {
  const direct = Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies });
  return Object.entries(lock.packages)
    .filter(([where, entry]) => where.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
    .map(([where]) => where)
    .concat(direct.map((name) => `node_modules/${name}`));
}

describe('the desktop installer', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-main.mjs'], { stdio: 'inherit' });
  }, 60_000);

  it('packs no node_modules: package.json has no run-time dependencies and the lockfile none in production', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(packedPackages()).toEqual([]);
  });

  it('starts the bundled main process, which needs only electron and Node at run time', () => {
    expect(config.extraMetadata.main).toBe(manifest.main);
    expect(config.asar).toBe(true);
    const files = matchedFiles();
    expect(files).toContain(manifest.main);
    expect(files).toContain('dist/main/preload.js');
    const allowed = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron']);
    for (const bundle of ['dist/main/index.js', 'dist/main/preload.js']) {
      const required = [...readFileSync(bundle, 'utf8').matchAll(/\brequire\(["']([^"'./][^"']*)["']\)/g)].map((m) => m[1]!);
      expect(required.filter((name) => !allowed.has(name)), bundle).toEqual([]);
    }
  });

  it('holds only the built app: no node_modules, sources, tests or maps', () => {
    const files = matchedFiles();
    const allowedRoots = ['dist/main/', 'dist/renderer/'];
    const strays = files.filter((file) => file !== 'package.json' && !allowedRoots.some((root) => file.startsWith(root)));
    expect(strays).toEqual([]);
    expect(files.filter((file) => /node_modules|\.map$|\.test\.|\.tsx?$/.test(file))).toEqual([]);
    const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
    const renderer = files.some((file) => file.startsWith('dist/renderer/')) ? 'with' : 'without (not built yet)';
    console.log(`Desktop app payload ${renderer} the renderer: ${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB before compression, plus the Electron runtime.`);
  });
});
