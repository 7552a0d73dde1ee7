/**
 * The desktop update feed (/updates/) over real HTTP on a server with a real
 * (PGlite) database: the feed never touches the database, so one backend is enough.
 */
import { request as httpRequest } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import type { Database } from '../store/db';
import { openMigrated, testBackends } from '../store/test-backends';
import { buildApp } from './app';

const LATEST_YML = `version: 0.2.0
files:
  - url: e-plan-field-companion-Setup-0.2.0.exe
    sha512: 3q2+7w==
    size: 4
path: e-plan-field-companion-Setup-0.2.0.exe
sha512: 3q2+7w==
releaseDate: '2026-10-01T02:00:00.000Z'
`;
const INSTALLER = Buffer.from([0xde, 0xad, 0xbe, 0xef]);
const SECRET = 'not for the feed';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw request: the path goes out exactly as written (fetch would resolve the dots). */
function get(base: string, rawPath: string, method = 'GET'): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: rawPath, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const json = (answer: Answer) => JSON.parse(answer.body.toString('utf8')) as { code: string; message: string };

let root: string;
let db: Database;
const apps: FastifyInstance[] = [];

async function serve(updatesDir: string | undefined, staticDir?: string): Promise<string> {
  const app = buildApp({ db, config: { logLevel: 'silent', updatesDir }, ...(staticDir ? { staticDir } : {}), logger: false });
  apps.push(app);
  return app.listen({ port: 0, host: '127.0.0.1' });
}

beforeAll(async () => {
  db = await openMigrated(testBackends[0]!);
  root = await mkdtemp(path.join(tmpdir(), 'eplan-updates-'));
  await mkdir(path.join(root, 'feed', 'nested'), { recursive: true });
  await mkdir(path.join(root, 'renderer'));
  await writeFile(path.join(root, 'feed', 'latest.yml'), LATEST_YML);
  await writeFile(path.join(root, 'feed', 'e-plan-field-companion-Setup-0.2.0.exe'), INSTALLER);
  await writeFile(path.join(root, 'feed', '.env'), SECRET);
  await writeFile(path.join(root, 'secret.txt'), SECRET);
  await writeFile(path.join(root, 'renderer', 'index.html'), '<!doctype html><div id="root"></div>');
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await db?.close();
  await rm(root, { recursive: true, force: true });
});

describe('UPDATES_DIR', () => {
  it('is optional, resolved against the working folder', () => {
    const without = loadConfig({});
    expect(without.ok && without.value.updatesDir).toBe(undefined);
    const blank = loadConfig({ UPDATES_DIR: '  ' });
    expect(blank.ok && blank.value.updatesDir).toBe(undefined);
    const relative = loadConfig({ UPDATES_DIR: 'releases' }, '/srv/eplan');
    expect(relative.ok && relative.value.updatesDir).toBe(path.resolve('/srv/eplan', 'releases'));
  });

  it('refuses a value that is no path', () => {
    const result = loadConfig({ UPDATES_DIR: 'a\0b' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.issues[0]?.key).toBe('UPDATES_DIR');
  });
});

describe('the update feed', () => {
  let base: string;
  beforeAll(async () => {
    base = await serve(path.join(root, 'feed'), path.join(root, 'renderer'));
  });

  it('serves latest.yml, never cached, and the installer byte for byte', async () => {
    const latest = await get(base, '/updates/latest.yml');
    expect(latest.status).toBe(200);
    expect(latest.body.toString('utf8')).toBe(LATEST_YML);
    expect(latest.headers['cache-control']).toBe('no-cache');
    const installer = await get(base, '/updates/e-plan-field-companion-Setup-0.2.0.exe');
    expect(installer.status).toBe(200);
    expect(installer.body.equals(INSTALLER)).toBe(true);
    expect(installer.headers['cache-control']).toBe('public, max-age=3600');
    const head = await get(base, '/updates/latest.yml', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('answers a missing file with a JSON 404 and a folder with a JSON 403, never the app page nor a listing', async () => {
    for (const url of ['/updates/latest-mac.yml', '/updates', '/updates/nested']) {
      const answer = await get(base, url);
      expect(answer.status, url).toBe(404);
      expect(answer.headers['content-type'], url).toMatch(/^application\/json/);
      expect(json(answer).code, url).toBe('NOT_FOUND');
    }
    for (const url of ['/updates/', '/updates/nested/']) {
      const answer = await get(base, url);
      expect(answer.status, url).toBe(403);
      expect(answer.headers['content-type'], url).toMatch(/^application\/json/);
      expect(answer.body.toString('utf8'), url).not.toContain('latest.yml');
    }
  });

  it.each([
    '/updates/../secret.txt',
    '/updates/..%2fsecret.txt',
    '/updates/%2e%2e/secret.txt',
    '/updates/%2e%2e%2fsecret.txt',
    '/updates/nested/../../secret.txt',
    '/updates/..%5csecret.txt',
    '/updates/.env',
    '/updates/%2eenv',
    '/updates//etc/passwd',
    '/updates/%00latest.yml',
  ])('refuses %s with a JSON 4xx', async (url) => {
    const answer = await get(base, url);
    expect(answer.status, url).toBeGreaterThanOrEqual(400);
    expect(answer.status, url).toBeLessThan(500);
    expect(answer.body.toString('utf8')).not.toContain(SECRET);
    expect(answer.headers['content-type'], url).toMatch(/^application\/json/);
  });

  it('never answers 500 nor leaks a file outside the folder, whatever the path', async () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2f', '%5c', 'secret.txt', 'latest.yml', '.env', '', '%00', 'nested', '%c0%ae'),
      fc.string({ maxLength: 6 }).map(encodeURIComponent),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 5 }), async (segments) => {
        const answer = await get(base, `/updates/${segments.join('/')}`);
        expect(answer.status).toBeLessThan(500);
        expect(answer.body.toString('utf8')).not.toContain(SECRET);
      }),
      { numRuns: 150 },
    );
  });
});

describe('without UPDATES_DIR', () => {
  it('says the server publishes no updates, in JSON, with or without the app', async () => {
    for (const staticDir of [undefined, path.join(root, 'renderer')]) {
      const base = await serve(undefined, staticDir);
      for (const url of ['/updates/latest.yml', '/updates/', '/updates']) {
        const answer = await get(base, url);
        expect(answer.status, url).toBe(404);
        expect(json(answer)).toEqual({ code: 'UPDATES_NOT_CONFIGURED', message: expect.stringContaining('UPDATES_DIR') });
      }
    }
  });
});
