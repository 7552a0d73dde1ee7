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

/**
 * The desktop app's self-update, as the renderer shows it (main/updates.ts
 * drives it). 'unsupported': the web version, or a desktop app not installed
 * from an installer; 'idle': waiting for the sync server's address.
 */
export type UpdateState =
  | { status: 'unsupported' }
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'upToDate'; checkedAt: string }
  | { status: 'downloading'; version: string; percent: number }
  | { status: 'ready'; version: string }
  | { status: 'failed'; code: 'UPDATE_FAILED'; at: string };

/** A renderer error for the desktop's log file (main/log.ts). */
export interface ErrorReport {
  message: string;
  stack?: string;
  /** React's component stack, when an error boundary caught it. */
  componentStack?: string;
}

export const APP_LANGUAGES = ['th', 'en'] as const;
export type AppLanguage = (typeof APP_LANGUAGES)[number];

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
  /** The app's language, for the desktop's menus. */
  setLanguage(language: AppLanguage): Promise<void>;
  /** Writes a renderer error to the desktop's log file (the console in the browser). */
  reportError(report: ErrorReport): Promise<void>;
  /** The sync server the user signed in to: its /updates/ folder is the update feed. */
  setUpdateServer(serverUrl: string): Promise<void>;
  updateState(): Promise<UpdateState>;
  /** Restarts into a downloaded update; false when none is ready. Only on the user's word. */
  installUpdate(): Promise<boolean>;
  /** Calls back on every update state change; returns the unsubscribe. */
  onUpdateState(listener: (state: UpdateState) => void): () => void;
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
  setLanguage: 'platform:set-language',
  reportError: 'platform:report-error',
  setUpdateServer: 'platform:set-update-server',
  updateState: 'platform:update-state',
  installUpdate: 'platform:install-update',
} as const;

/** Channels main sends on, to the app window (the preload turns them into callbacks). */
export const IPC_EVENTS = {
  onUpdateState: 'platform:update-state-changed',
} as const;

/** Name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'eplanPlatform';
