/**
 * Security decisions for the Electron main process, kept free of the
 * `electron` module so they can be unit-tested in plain Node.
 * Follows Electron's security checklist: isolated, sandboxed renderer, a
 * strict CSP, no navigation away from the app, no new windows.
 */

/** Custom scheme and host that serve the built renderer (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // MUI/emotion injects <style> tags at runtime.
  ['style-src', "'self' 'unsafe-inline'"],
  ['font-src', "'self' data:"],
  ['img-src', "'self' data: blob:"],
  // The sync server: the local one started by `npm start`, or a real one over https.
  ['connect-src', "'self' http://127.0.0.1:* http://localhost:* https:"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

export interface SecureWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  preload: string;
}

export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    preload: preloadPath,
  };
}

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * `protocol//host` of a URL. WHATWG `URL.origin` is "null" for non-special
 * schemes such as app:, so compare scheme and host ourselves.
 */
export function originOf(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** Only navigation within the app's own origin is allowed; everything else is blocked. */
export function isAllowedNavigation(url: string, appOrigin: string = APP_ORIGIN): boolean {
  const target = originOf(url);
  const app = originOf(appOrigin);
  return target !== null && app !== null && target === app;
}

/** IPC is answered only for frames showing the app itself. */
export function isTrustedSenderUrl(url: string | null | undefined, appOrigin: string = APP_ORIGIN): boolean {
  return typeof url === 'string' && isAllowedNavigation(url, appOrigin);
}

/** An http(s) link without credentials may be handed to the user's browser. */
export function isSafeExternalUrl(url: unknown): url is string {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return parsed.hostname !== '';
}

export interface WindowOpenDecision {
  action: 'deny';
  openExternally: boolean;
}

/** New windows are never created; safe external links go to the system browser instead. */
export function decideWindowOpen(url: string): WindowOpenDecision {
  return { action: 'deny', openExternally: isSafeExternalUrl(url) };
}

export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** Handler for `webContents.setWindowOpenHandler`. */
export function createWindowOpenHandler(
  shell: ExternalOpener,
  onError: (error: unknown) => void = () => undefined,
): (details: { url: string }) => { action: 'deny' } {
  return ({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) shell.openExternal(url).catch(onError);
    return { action: 'deny' };
  };
}

// Writing to the clipboard from a user gesture is all the app needs.
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isAllowedPermission(permission: string, requestingUrl: string, appOrigin: string = APP_ORIGIN): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAllowedNavigation(requestingUrl, appOrigin);
}

/** The sync server URL given via EPLAN_SERVER_URL, if it is a plain http(s) URL. */
export function parseServerUrl(value: string | undefined): string | null {
  if (!value || !isSafeExternalUrl(value.trim())) return null;
  return value.trim().replace(/\/+$/, '');
}
