import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * Emits sw.js: a service worker that precaches the built app so the browser
 * fallback opens and reloads with no network (the desktop app serves the same
 * files from app:// and needs none). The sync API (/v1) is never cached.
 */
export function offlineServiceWorker(): Plugin {
  return {
    name: 'eplan-offline-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      // Browsers that run this app all take woff2; the .woff twins are never fetched.
      const files = Object.keys(bundle).filter((file) => !file.endsWith('.map') && !file.endsWith('.woff'));
      const version = createHash('sha256').update(files.sort().join('\n')).digest('hex').slice(0, 12);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(version, files) });
    },
  };
}

function serviceWorkerSource(version: string, files: string[]): string {
  return `// Generated at build time by renderer/sw-plugin.ts.
const CACHE = 'eplan-app-${version}';
const FILES = ${JSON.stringify(['./', ...files.filter((file) => file !== 'index.html'), 'index.html'])};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('eplan-app-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/v1/')) return;
  if (request.mode === 'navigate') {
    // The newest app when online; the cached one when not.
    event.respondWith(fetch(request).catch(() => caches.match('index.html', { cacheName: CACHE, ignoreVary: true })));
    return;
  }
  // ignoreVary: the server varies on Origin (CORS), which module scripts send and precaching does not.
  event.respondWith(caches.match(request, { cacheName: CACHE, ignoreVary: true }).then((hit) => hit || fetch(request)));
});
`;
}
