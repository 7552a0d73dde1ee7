/**
 * A small loopback HTTP server for the browser baselines: the bundled
 * baselines page, the snapshot row files, and /couch/* forwarded to
 * pouchdb-server (same origin, so no CORS set-up is needed).
 */
import { build } from 'esbuild';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Bundles baselines.ts (Dexie, PouchDB and the app's schema) into one script in `outDir`. */
export async function bundleBaselines(outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const outfile = path.join(outDir, 'baselines.js');
  await build({
    entryPoints: [path.join(HERE, 'baselines.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outfile,
    logLevel: 'error',
    // pouchdb-browser reads process.env / global in a few places.
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
  });
  return outfile;
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

const PAGE = '<!doctype html><meta charset="utf-8"><title>bench</title><script src="/baselines.js"></script>';

/** Serves `/` (the page), `/baselines.js`, `/rows/<file>` from rowsDir, and proxies `/couch/` to couchUrl. */
export function serveBaselines(options: { port: number; bundle: string; rowsDir: string; couchUrl?: string }): Promise<StaticServer> {
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/couch/') && options.couchUrl) {
      const target = new URL(url.slice('/couch'.length), options.couchUrl);
      const forward = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (upstream) => {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
      });
      forward.on('error', () => res.writeHead(502).end());
      req.pipe(forward);
      return;
    }
    if (url === '/' || url === '/index.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    const file = url === '/baselines.js' ? options.bundle : url.startsWith('/rows/') ? path.join(options.rowsDir, path.basename(url)) : null;
    if (!file || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'application/json' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${options.port}`,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      }),
    );
  });
}
