/**
 * Serves the built renderer (dist/renderer) over the privileged `app://`
 * scheme instead of file://, so the app has a real origin, a CSP header and
 * no access to the rest of the disk. URL → file resolution is pure and tested.
 */
import * as path from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

/** Privileges for `protocol.registerSchemesAsPrivileged` (before app ready). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
} as const;

export type AppRequestResolution =
  | { ok: true; candidates: string[] }
  | { ok: false; status: 400 | 403 | 404 };

const INDEX_FILE = 'index.html';
const ASSETS_DIR = 'assets';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

function isInside(rootDir: string, filePath: string): boolean {
  const relative = path.relative(rootDir, filePath);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** A path without an extension in its last segment is a client-side route. */
function looksLikeRoute(relativePath: string): boolean {
  const last = relativePath.split('/').pop() ?? '';
  return !last.includes('.');
}

/**
 * Maps `app://renderer/<path>` to the files to try, in order, under rootDir:
 * the file itself, then the SPA fallback (index.html for routes; `assets/…`
 * for relative asset URLs requested from a deep route).
 */
export function resolveAppRequest(url: string, rootDir: string, host: string = APP_HOST): AppRequestResolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== host) return { ok: false, status: 404 };

  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400 };

  const segments = decoded.split(/[/\\]+/).filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..' || /^[a-zA-Z]:$/.test(segment))) {
    return { ok: false, status: 403 };
  }

  const root = path.resolve(rootDir);
  const relative = segments.length === 0 ? INDEX_FILE : segments.join('/');
  const primary = path.resolve(root, relative);
  if (!isInside(root, primary)) return { ok: false, status: 403 };

  const candidates = [primary];
  const assetsAt = segments.indexOf(ASSETS_DIR);
  if (assetsAt > 0) candidates.push(path.resolve(root, segments.slice(assetsAt).join('/')));
  if (looksLikeRoute(relative)) candidates.push(path.resolve(root, INDEX_FILE));
  return { ok: true, candidates };
}

export interface AppProtocolDeps {
  rootDir: string;
  readFile(filePath: string): Promise<Uint8Array>;
  contentSecurityPolicy?: string;
  onError?: (error: unknown) => void;
}

function isNotAFile(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
}

/** Handler for `protocol.handle('app', …)`. */
export function createAppProtocolHandler(deps: AppProtocolDeps): (request: { url: string; method?: string }) => Promise<Response> {
  const csp = deps.contentSecurityPolicy ?? CONTENT_SECURITY_POLICY;
  const baseHeaders = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
  const plain = (status: number, text: string) =>
    new Response(text, { status, headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });

  return async (request) => {
    const method = (request.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method Not Allowed');

    const resolution = resolveAppRequest(request.url, deps.rootDir);
    if (!resolution.ok) return plain(resolution.status, resolution.status === 400 ? 'Bad Request' : 'Not Found');

    for (const candidate of resolution.candidates) {
      let body: Uint8Array;
      try {
        body = await deps.readFile(candidate);
      } catch (error) {
        if (isNotAFile(error)) continue;
        deps.onError?.(error);
        return plain(500, 'Internal Server Error');
      }
      const headers: Record<string, string> = { ...baseHeaders, 'Content-Type': contentTypeFor(candidate) };
      if (candidate.endsWith('.html')) headers['Cache-Control'] = 'no-cache';
      return new Response(method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
    }
    return plain(404, 'Not Found');
  };
}
