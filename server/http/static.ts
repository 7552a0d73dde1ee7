import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isUpdatesPath } from './updates';

/** The renderer loads nothing from elsewhere; anything else is an injection. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // MUI (emotion) injects <style> tags at runtime.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Serves the built renderer from `root`, with the security headers its pages need. */
export function registerStatic(app: FastifyInstance, root: string): void {
  app.register(fastifyStatic, {
    root,
    // Vite puts content-hashed files under /assets, so they never change.
    setHeaders: (reply, filePath) => {
      if (/[\\/]assets[\\/]/.test(filePath)) {
        reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    const contentType = String(reply.getHeader('content-type') ?? '');
    if (contentType.startsWith('text/html')) {
      reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      reply.header('X-Frame-Options', 'DENY');
      reply.header('Referrer-Policy', 'no-referrer');
      // The page must be revalidated so a new build is picked up at once.
      reply.header('Cache-Control', 'no-cache');
    }
    return payload;
  });
}

/**
 * Client-side routes (/records/123) get index.html so a reload works; API
 * paths, the update feed and missing files (/assets/x.js) stay 404, so a
 * broken asset is not answered with HTML.
 */
export function isSpaRoute(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '/';
  if (path === '/v1' || path.startsWith('/v1/') || isUpdatesPath(path)) return false;
  const lastSegment = path.split('/').at(-1) ?? '';
  return !lastSegment.includes('.');
}

export function sendIndexHtml(reply: FastifyReply): FastifyReply {
  return reply.type('text/html; charset=utf-8').sendFile('index.html');
}
