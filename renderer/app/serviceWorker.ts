/**
 * In the browser fallback, a service worker keeps the app itself available
 * offline; the desktop app loads it from app:// and has no need of one.
 */
export function registerOfflineServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  if (location.protocol !== 'https:' && location.protocol !== 'http:') return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch((error: unknown) => {
      console.warn('Offline support is unavailable: the service worker did not register', error);
    });
  });
}
