/**
 * The server as a province installs it (issue 16, docs/deploy.md): built by
 * `npm run build:server`, packed with `npm pack`, unpacked into an empty
 * folder and installed with `npm ci --omit=dev` (no tsx, no TypeScript, none
 * of the desktop's packages), then `migrate`, `create-admin` with a password
 * file, `check` and `serve` with plain `node`; the administrator signs in
 * over HTTP. npm resolves the packages from its cache when it holds them.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../shared/sync/protocol';

const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the packed sync server', () => {
  let dir: string;
  let app: string;
  let env: NodeJS.ProcessEnv;
  let server: ChildProcess | undefined;
  const node = (...args: string[]) => run(process.execPath, ['eplan-server.mjs', ...args], { cwd: app, env });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eplan-server-package-'));
    app = path.join(dir, 'app');
    await run(process.execPath, ['scripts/build-server.mjs']);
    const { stdout } = await run(NPM, ['pack', '--pack-destination', dir, '--json'], { cwd: 'dist/server', shell: process.platform === 'win32' });
    const { filename } = (JSON.parse(stdout) as { filename: string }[])[0]!;
    await run('mkdir', ['-p', app]);
    await run('tar', ['xzf', path.join(dir, filename), '--strip-components=1', '-C', app]);
    // Only what a province needs to run the server: every devDependency stays out.
    const install = await run(NPM, ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app, env: { ...process.env, NODE_ENV: 'production' } });
    expect(`${install.stdout}${install.stderr}`).not.toMatch(/EBADENGINE/);
    env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: path.join(dir, 'data'), PORT: '0', LOG_LEVEL: 'warn' };
  }, 240_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      // Closed as systemd stops it; its database is shut before the folder goes.
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('holds the bundle, the migrations and production packages only', async () => {
    expect((await readdir(app)).sort()).toEqual(['eplan-server.mjs', 'migrations', 'node_modules', 'npm-shrinkwrap.json', 'package.json']);
    const installed = await readdir(path.join(app, 'node_modules'));
    for (const devOnly of ['tsx', 'typescript', 'vite', 'vitest', 'react', '@mui', 'electron', 'exceljs', 'dexie']) expect(installed).not.toContain(devOnly);
    expect(installed).toEqual(expect.arrayContaining(['fastify', 'pg', 'zod', '@electric-sql']));
    const manifest = JSON.parse(await readFile(path.join(app, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; bin: Record<string, string> };
    expect(manifest.bin).toEqual({ 'eplan-server': 'eplan-server.mjs' });
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@electric-sql/pglite', '@fastify/static', 'fastify', 'pg', 'uuid', 'zod']);
  });

  it('migrates, creates the first administrator from a file, checks, serves, and that administrator signs in', async () => {
    await expect(node('check')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/run "eplan-server migrate"/) });
    expect((await node('migrate')).stdout).toMatch(/^Applied migrations 1, 2, /);
    const passwordFile = path.join(dir, 'admin-password');
    await writeFile(passwordFile, 'province-admin-2569\n', { mode: 0o600 });
    expect((await node('create-admin', '--username', 'province.admin', '--display-name', 'ผู้ดูแลระบบ', '--password-file', passwordFile)).stdout).toMatch(/Administrator province\.admin created/);
    await expect(node('create-admin', '--username', 'other', '--display-name', 'Other', '--password', 'secret-on-argv')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/never taken from the command line/) });
    expect((await node('check')).stdout).toMatch(/Administrators: 1/);

    server = spawn(process.execPath, ['eplan-server.mjs', 'serve'], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /listening on (http:\/\/\S+)/.exec(out);
        if (found) resolve(found[1]!);
      });
      server!.on('exit', (code) => reject(new Error(`the server exited (${code}): ${out}`)));
    });
    const health = await (await fetch(`${url}/v1/health`)).json() as { status: string; serverVersion: string };
    expect(health).toMatchObject({ status: 'ok', serverVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    const login = await fetch(`${url}/v1/auth/login?protocolVersion=${PROTOCOL_VERSION}&schemaVersion=${SCHEMA_VERSION}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'province.admin', password: 'province-admin-2569', deviceId: 'device-package-test-1' }),
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ token: expect.any(String), user: { username: 'province.admin', role: 'admin' } });
  }, 60_000);
});
