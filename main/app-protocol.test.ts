import { mkdir, mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, contentTypeFor, createAppProtocolHandler, resolveAppRequest } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './security';

const root = path.resolve('/srv/eplan/dist/renderer');
const inRoot = (...parts: string[]) => path.join(root, ...parts);

describe('resolveAppRequest', () => {
  it('maps the entry and assets to files under the root', () => {
    expect(resolveAppRequest('app://renderer/index.html', root)).toEqual({ ok: true, candidates: [inRoot('index.html')] });
    expect(resolveAppRequest('app://renderer/assets/index-abc.js', root)).toEqual({
      ok: true,
      candidates: [inRoot('assets', 'index-abc.js')],
    });
    expect(resolveAppRequest('app://renderer/', root)).toEqual({ ok: true, candidates: [inRoot('index.html')] });
    expect(resolveAppRequest('app://renderer', root)).toEqual({ ok: true, candidates: [inRoot('index.html')] });
  });

  it('ignores query and fragment and decodes percent-escapes', () => {
    expect(resolveAppRequest('app://renderer/assets/a%20b.css?v=1#x', root)).toEqual({
      ok: true,
      candidates: [inRoot('assets', 'a b.css')],
    });
  });

  it('falls back to index.html for client-side routes', () => {
    expect(resolveAppRequest('app://renderer/laos/6401', root)).toEqual({
      ok: true,
      candidates: [inRoot('laos', '6401'), inRoot('index.html')],
    });
  });

  it('retries relative asset URLs requested from a deep route', () => {
    expect(resolveAppRequest('app://renderer/laos/assets/index-abc.js', root)).toEqual({
      ok: true,
      candidates: [inRoot('laos', 'assets', 'index-abc.js'), inRoot('assets', 'index-abc.js')],
    });
  });

  it.each([
    'app://renderer/..%2f..%2fetc%2fpasswd',
    'app://renderer/assets/..%2F..%2F..%2Fetc/passwd',
    'app://renderer/..%5c..%5cWindows%5cwin.ini',
    'app://renderer/%5c..%5c..%5csecret.txt',
    'app://renderer/C:%5cWindows%5cwin.ini',
    'app://renderer/C%3A/Windows/win.ini',
  ])('refuses traversal %s', (url) => {
    expect(resolveAppRequest(url, root)).toEqual({ ok: false, status: 403 });
  });

  it.each([
    'app://renderer/../../etc/passwd',
    'app://renderer/%2e%2e/%2e%2e/etc/passwd',
    'app://renderer/assets/../../../etc/passwd',
  ])('keeps dot segments the URL parser resolves inside the root: %s', (url) => {
    const resolution = resolveAppRequest(url, root);
    expect(resolution.ok).toBe(true);
    if (resolution.ok) {
      for (const candidate of resolution.candidates) expect(candidate.startsWith(root + path.sep)).toBe(true);
    }
  });

  it('rejects malformed escapes and NUL bytes', () => {
    expect(resolveAppRequest('app://renderer/%E0%A4%A', root)).toEqual({ ok: false, status: 400 });
    expect(resolveAppRequest('app://renderer/index.html%00.png', root)).toEqual({ ok: false, status: 400 });
    expect(resolveAppRequest('not a url', root)).toEqual({ ok: false, status: 400 });
  });

  it('serves only its own scheme and host', () => {
    expect(resolveAppRequest('app://other/index.html', root)).toEqual({ ok: false, status: 404 });
    expect(resolveAppRequest('file:///srv/eplan/dist/renderer/index.html', root)).toEqual({ ok: false, status: 404 });
    expect(resolveAppRequest('https://renderer/index.html', root)).toEqual({ ok: false, status: 404 });
  });
});

describe('createAppProtocolHandler', () => {
  let dir: string;
  let handler: ReturnType<typeof createAppProtocolHandler>;

  beforeAll(async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'eplan-protocol-'));
    dir = path.join(base, 'renderer');
    await mkdir(path.join(dir, 'assets'), { recursive: true });
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>e-plan</title>');
    await writeFile(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(base, 'secret.txt'), 'secret');
    handler = createAppProtocolHandler({ rootDir: dir, readFile: (file) => readFile(file) });
  });
  afterAll(async () => {
    await rm(path.dirname(dir), { recursive: true, force: true });
  });

  it('serves files with their type, the CSP and nosniff', async () => {
    const response = await handler({ url: 'app://renderer/assets/app.js' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    await expect(response.text()).resolves.toBe('console.log(1)');
  });

  it('serves index.html for the root and for routes', async () => {
    for (const url of ['app://renderer/', 'app://renderer/settings', 'app://renderer/laos/6401/']) {
      const response = await handler({ url });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      await expect(response.text()).resolves.toContain('<title>e-plan</title>');
    }
  });

  it('serves assets requested relative to a deep route', async () => {
    const response = await handler({ url: 'app://renderer/laos/6401/assets/app.js' });
    expect(response.status).toBe(200);
    await expect(response.text()).resolves.toBe('console.log(1)');
  });

  it('answers 404 for missing files with an extension', async () => {
    const response = await handler({ url: 'app://renderer/assets/missing.js' });
    expect(response.status).toBe(404);
  });

  it('never serves files outside the root', async () => {
    for (const url of ['app://renderer/..%2fsecret.txt', 'app://renderer/../secret.txt', 'app://renderer/%2e%2e/secret.txt']) {
      const response = await handler({ url });
      expect(response.status).not.toBe(200);
      await expect(response.text()).resolves.not.toContain('secret');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await handler({ url: 'app://renderer/index.html', method: 'HEAD' });
    expect(head.status).toBe(200);
    await expect(head.text()).resolves.toBe('');
    const post = await handler({ url: 'app://renderer/index.html', method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('answers 500 on unexpected read errors', async () => {
    const failing = createAppProtocolHandler({
      rootDir: dir,
      readFile: () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' })),
      onError: () => undefined,
    });
    expect((await failing({ url: 'app://renderer/index.html' })).status).toBe(500);
  });
});

describe('scheme registration', () => {
  it('registers app:// as a standard, secure scheme with fetch support', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });

  it('knows the types the renderer build produces', () => {
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
