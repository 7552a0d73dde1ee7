/**
 * Preload for the sandboxed renderer: exposes the PlatformBridge over IPC.
 * A sandboxed preload can require only 'electron', so this file imports
 * nothing else at runtime: shared constants are inlined and type-checked
 * against shared/platform/bridge.ts (preload.test.ts checks the values).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type {
  AppLanguage,
  BRIDGE_GLOBAL,
  ErrorReport,
  IPC,
  IPC_EVENTS,
  PlatformBridge,
  SaveFileRequest,
  SaveFileResult,
  UpdateState,
} from '../shared/platform/bridge';

export const PRELOAD_IPC = {
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
} as const satisfies typeof IPC;

export const PRELOAD_IPC_EVENTS = {
  onUpdateState: 'platform:update-state-changed',
} as const satisfies typeof IPC_EVENTS;

export const PRELOAD_BRIDGE_GLOBAL: typeof BRIDGE_GLOBAL = 'eplanPlatform';

const CODED_MESSAGE = /\b([A-Z][A-Z_]{2,}): (.*)$/s;

/**
 * Electron prefixes errors from main with "Error invoking remote method …";
 * keep just "CODE: detail" so the renderer can read the code.
 */
function toCodedError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const match = CODED_MESSAGE.exec(message);
  if (!match) return new Error(message);
  const coded = new Error(`${match[1]}: ${match[2]}`) as Error & { code?: string };
  coded.code = match[1];
  return coded;
}

async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  try {
    return (await ipcRenderer.invoke(channel, ...args)) as T;
  } catch (error) {
    throw toCodedError(error);
  }
}

export const preloadBridge: PlatformBridge = {
  kind: 'electron',
  appVersion: () => invoke<string>(PRELOAD_IPC.appVersion),
  saveFile: (request: SaveFileRequest) =>
    invoke<SaveFileResult>(PRELOAD_IPC.saveFile, {
      suggestedName: request.suggestedName,
      mimeType: request.mimeType,
      data: request.data,
    }),
  storeToken: (token: string) => invoke<void>(PRELOAD_IPC.storeToken, token),
  readToken: () => invoke<string | null>(PRELOAD_IPC.readToken),
  clearToken: () => invoke<void>(PRELOAD_IPC.clearToken),
  defaultServerUrl: () => invoke<string | null>(PRELOAD_IPC.defaultServerUrl),
  openExternal: (url: string) => invoke<boolean>(PRELOAD_IPC.openExternal, url),
  setLanguage: (language: AppLanguage) => invoke<void>(PRELOAD_IPC.setLanguage, language),
  reportError: (report: ErrorReport) =>
    invoke<void>(PRELOAD_IPC.reportError, {
      message: report.message,
      ...(report.stack === undefined ? {} : { stack: report.stack }),
      ...(report.componentStack === undefined ? {} : { componentStack: report.componentStack }),
    }),
  setUpdateServer: (serverUrl: string) => invoke<void>(PRELOAD_IPC.setUpdateServer, serverUrl),
  updateState: () => invoke<UpdateState>(PRELOAD_IPC.updateState),
  installUpdate: () => invoke<boolean>(PRELOAD_IPC.installUpdate),
  onUpdateState(listener: (state: UpdateState) => void) {
    // The renderer never sees the IPC event itself, only the state.
    const forward = (_event: unknown, state: UpdateState) => listener(state);
    ipcRenderer.on(PRELOAD_IPC_EVENTS.onUpdateState, forward);
    return () => {
      ipcRenderer.removeListener(PRELOAD_IPC_EVENTS.onUpdateState, forward);
    };
  },
};

contextBridge.exposeInMainWorld(PRELOAD_BRIDGE_GLOBAL, preloadBridge);
