/**
 * The one typed bridge between the renderer and the desktop.
 * The Electron preload implements it over IPC; renderer/platform/browser.ts
 * implements it with web APIs so the renderer runs as a plain web app.
 */
export interface SaveFileRequest {
  /** Suggested file name, e.g. "checklist-2568.xlsx". */
  suggestedName: string;
  /** MIME type of the content, used by the browser fallback. */
  mimeType: string;
  /** File content. */
  data: Uint8Array;
}

export type SaveFileResult =
  | { ok: true; path: string }
  | { ok: false; code: 'CANCELLED' | 'WRITE_FAILED' | 'INVALID_REQUEST'; message?: string };

export interface PlatformBridge {
  /** 'electron' inside the desktop app, 'browser' in the web fallback. */
  readonly kind: 'electron' | 'browser';
  appVersion(): Promise<string>;
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  /** Device token storage: OS-encrypted (safeStorage) on the desktop. */
  storeToken(token: string): Promise<void>;
  readToken(): Promise<string | null>;
  clearToken(): Promise<void>;
  /** Sync server URL the desktop app was started with (npm start's local server), if any. */
  defaultServerUrl(): Promise<string | null>;
  /** Opens an http(s) link in the user's browser; other schemes are refused. */
  openExternal(url: string): Promise<boolean>;
}

/** IPC channel names shared by main and preload. */
export const IPC = {
  appVersion: 'platform:app-version',
  saveFile: 'platform:save-file',
  storeToken: 'platform:store-token',
  readToken: 'platform:read-token',
  clearToken: 'platform:clear-token',
  openExternal: 'platform:open-external',
  defaultServerUrl: 'platform:default-server-url',
} as const;

/** Name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'eplanPlatform';
