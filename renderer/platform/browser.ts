/**
 * The platform bridge for the plain web app (served by the sync server or
 * Vite): downloads via <a download>, the device token in IndexedDB.
 * The token is not OS-encrypted here; the desktop app uses safeStorage.
 * The web app updates with its server (a reload brings the new build), has
 * no menus of its own, and logs errors to the console.
 */
import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import type { ErrorReport, PlatformBridge, SaveFileRequest, SaveFileResult, UpdateState } from '../../shared/platform/bridge';
import { platformError } from './errors';

export const PLATFORM_DATABASE_NAME = 'eplan-platform';
const DEVICE_TOKEN_KEY = 'deviceToken';
const MAX_TOKEN_LENGTH = 8192;
// Revoking right after click() can cancel the download in some browsers.
const OBJECT_URL_LIFETIME_MS = 30_000;

interface PlatformSetting {
  key: string;
  value: string;
}

class PlatformDatabase extends Dexie {
  settings!: EntityTable<PlatformSetting, 'key'>;

  constructor(name: string, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({ settings: 'key' });
  }
}

const NO_UPDATES: UpdateState = { status: 'unsupported' };

export interface BrowserPlatformOptions {
  /** Defaults to the global window, looked up only when needed. */
  window?: Window;
  /** Where reportError writes; the console by default. */
  console?: Pick<Console, 'error'>;
  databaseName?: string;
  /** e.g. { indexedDB, IDBKeyRange } from fake-indexeddb in tests. */
  dexieOptions?: DexieOptions;
}

export function isHttpUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 2048) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

function buildVersion(): string {
  // Written out in full so Vite's `define` replaces it at build time.
  const version: unknown = import.meta.env.VITE_APP_VERSION;
  return typeof version === 'string' && version !== '' ? version : '0.0.0';
}

function isValidSaveRequest(request: unknown): request is SaveFileRequest {
  if (typeof request !== 'object' || request === null) return false;
  const { suggestedName, mimeType, data } = request as Partial<SaveFileRequest>;
  return (
    typeof suggestedName === 'string' &&
    suggestedName.trim() !== '' &&
    typeof mimeType === 'string' &&
    data instanceof Uint8Array
  );
}

function downloadBlob(win: Window, request: SaveFileRequest): void {
  const { data } = request;
  const bytes = data.buffer instanceof ArrayBuffer ? (data as Uint8Array<ArrayBuffer>) : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([bytes], { type: request.mimeType }));
  const anchor = win.document.createElement('a');
  anchor.href = url;
  anchor.download = request.suggestedName;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  win.document.body.appendChild(anchor);
  try {
    anchor.click();
  } finally {
    anchor.remove();
    win.setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
  }
}

export function createBrowserPlatform(options: BrowserPlatformOptions = {}): PlatformBridge {
  const getWindow = (): Window => options.window ?? window;
  let database: PlatformDatabase | null = null;
  const db = (): PlatformDatabase =>
    (database ??= new PlatformDatabase(options.databaseName ?? PLATFORM_DATABASE_NAME, options.dexieOptions));

  return {
    kind: 'browser',

    appVersion: async () => buildVersion(),

    async saveFile(request: SaveFileRequest): Promise<SaveFileResult> {
      if (!isValidSaveRequest(request)) {
        return { ok: false, code: 'INVALID_REQUEST', message: 'suggestedName, mimeType and data (Uint8Array) are required' };
      }
      try {
        downloadBlob(getWindow(), request);
        return { ok: true, path: request.suggestedName };
      } catch (error) {
        return { ok: false, code: 'WRITE_FAILED', message: error instanceof Error ? error.message : String(error) };
      }
    },

    async storeToken(token: string) {
      if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_LENGTH) {
        throw platformError('INVALID_REQUEST', 'token must be a non-empty string');
      }
      try {
        await db().settings.put({ key: DEVICE_TOKEN_KEY, value: token });
      } catch {
        throw platformError('TOKEN_STORE_FAILED', 'the token could not be written');
      }
    },

    async readToken() {
      const setting = await db().settings.get(DEVICE_TOKEN_KEY);
      return setting?.value ?? null;
    },

    async clearToken() {
      await db().settings.delete(DEVICE_TOKEN_KEY);
    },

    async defaultServerUrl() {
      const { location } = getWindow();
      return location.protocol === 'http:' || location.protocol === 'https:' ? location.origin : null;
    },

    async openExternal(url: string) {
      if (!isHttpUrl(url)) return false;
      getWindow().open(url, '_blank', 'noopener');
      return true;
    },

    async setLanguage() {},

    async reportError(report: ErrorReport) {
      const details = [report.stack, report.componentStack && `component stack:${report.componentStack}`].filter(Boolean);
      (options.console ?? console).error(`[eplan] ${report.message}`, ...details);
    },

    async setUpdateServer() {},
    updateState: async () => NO_UPDATES,
    installUpdate: async () => false,
    onUpdateState: () => () => undefined,
  };
}
