/**
 * Electron main process: wiring only. Decisions live in security.ts, ipc.ts,
 * token-store.ts, app-protocol.ts, menu.ts, log.ts, window-state.ts and
 * updates.ts, which are unit-tested.
 */
import { BrowserWindow, Menu, type WebContents, app, dialog, ipcMain, net, protocol, safeStorage, screen, session, shell } from 'electron';
import { promises as fs, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { now } from '../shared/clock';
import { IPC_EVENTS, type AppLanguage, type UpdateState } from '../shared/platform/bridge';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { createIpcHandlers, registerIpcHandlers } from './ipc';
import { createLog } from './log';
import { buildMenuTemplate } from './menu';
import { type UpdateController, type UpdaterLike, createUpdateController } from './updates';
import {
  MIN_WINDOW_SIZE,
  WINDOW_STATE_FILE_NAME,
  parseWindowState,
  rememberPlacement,
  restorePlacement,
  type WindowState,
} from './window-state';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  createWindowOpenHandler,
  isAllowedNavigation,
  isAllowedPermission,
  parseServerUrl,
  secureWebPreferences,
} from './security';
import { TOKEN_FILE_NAME, createTokenStore } from './token-store';

const APP_NAME = 'e-plan field companion';
// Built layout (scripts/build-main.mjs): dist/main/index.js, dist/main/preload.js, dist/renderer/.
const PRELOAD_PATH = path.join(__dirname, 'preload.js');
const RENDERER_DIR = path.resolve(__dirname, '..', 'renderer');
const isDev = !app.isPackaged;

// Lets tests and side-by-side installs keep their own data (and single-instance lock).
if (process.env.EPLAN_USER_DATA_DIR) app.setPath('userData', path.resolve(process.env.EPLAN_USER_DATA_DIR));

// userData/logs: the file support asks for (Help > Open log folder). The console only if the disk refuses.
const log = createLog({
  fs,
  dir: path.join(app.getPath('userData'), 'logs'),
  now,
  onWriteError: (error) => console.error('[log]', error),
});
const logError = (error: unknown): void => void log.error('main', error);
process.on('unhandledRejection', logError);
const WINDOW_STATE_PATH = path.join(app.getPath('userData'), WINDOW_STATE_FILE_NAME);

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let mainWindow: BrowserWindow | null = null;
let language: AppLanguage = 'th';
let updates: UpdateController | null = null;

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  ses.setPermissionRequestHandler((webContents, permission, callback) =>
    callback(isAllowedPermission(permission, webContents.getURL())),
  );
  ses.setPermissionCheckHandler((webContents, permission) =>
    isAllowedPermission(permission, webContents?.getURL() ?? ''),
  );
}

function registerAppProtocol(): void {
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ rootDir: RENDERER_DIR, readFile: (file) => fs.readFile(file), onError: logError }),
  );
}

function setMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        appName: APP_NAME,
        language,
        isDev,
        isMac: process.platform === 'darwin',
        onAbout: showAbout,
        onOpenLogFolder: () => void shell.openPath(log.dir).then((failure) => failure && logError(failure)),
      }),
    ),
  );
}

/** Installed apps only: an unpacked build (npm start) has no installer to update. */
async function startUpdates(): Promise<void> {
  if (!app.isPackaged) return;
  const { autoUpdater } = await import('electron-updater');
  // Its own console logging would bypass our log file.
  autoUpdater.logger = null;
  updates = createUpdateController({
    updater: autoUpdater as unknown as UpdaterLike,
    isOnline: () => net.isOnline(),
    now,
    timers: { setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
    onChange: (state: UpdateState) => mainWindow?.webContents.send(IPC_EVENTS.onUpdateState, state),
    log: (level, message) => void log.write(level, 'updates', message),
  });
}

function registerIpc(): void {
  const tokenStore = createTokenStore({
    safeStorage,
    fs,
    filePath: path.join(app.getPath('userData'), TOKEN_FILE_NAME),
    onError: logError,
  });
  const handlers = createIpcHandlers({
    app,
    dialog: {
      showSaveDialog: (options) =>
        mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
    },
    fs: { writeFile: (filePath, data) => fs.writeFile(filePath, data) },
    shell,
    tokenStore,
    defaultServerUrl: parseServerUrl(process.env.EPLAN_SERVER_URL),
    onLanguage: (next) => {
      if (next === language) return;
      language = next;
      setMenu();
    },
    log,
    get updates() {
      return updates;
    },
    onError: logError,
  });
  registerIpcHandlers(ipcMain, handlers);
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: APP_NAME,
    message: APP_NAME,
    detail: `Version ${app.getVersion()}\nElectron ${process.versions.electron}`,
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

/** Applied to every web contents the app ever creates. */
function guardWebContents(contents: WebContents): void {
  const blockForeignNavigation = (event: { preventDefault(): void }, url: string) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeignNavigation);
  contents.on('will-redirect', blockForeignNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(createWindowOpenHandler(shell, logError));
}

async function readWindowState(): Promise<WindowState> {
  return parseWindowState(await fs.readFile(WINDOW_STATE_PATH, 'utf8').catch(() => null));
}

/** Remembers where the window was, for these displays; written at once, as the app is closing. */
function saveWindowState(window: BrowserWindow, state: WindowState): void {
  const next = rememberPlacement(state, screen.getAllDisplays(), { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  try {
    writeFileSync(WINDOW_STATE_PATH, JSON.stringify(next));
  } catch (error) {
    logError(error);
  }
}

function createMainWindow(state: WindowState): BrowserWindow {
  const placement = restorePlacement(state, screen.getAllDisplays(), screen.getPrimaryDisplay());
  const window = new BrowserWindow({
    title: APP_NAME,
    ...placement.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    webPreferences: secureWebPreferences(PRELOAD_PATH),
  });
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => saveWindowState(window, state));
  window.webContents.on('render-process-gone', (_event, details) => logError(`renderer gone: ${details.reason}`));
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void readWindowState().then((state) => (mainWindow = createMainWindow(state)));
  });

  app
    .whenReady()
    .then(async () => {
      hardenSession();
      registerAppProtocol();
      registerIpc();
      setMenu();
      // Before the window: the renderer may name its server as soon as it loads.
      await startUpdates().catch(logError);
      mainWindow = createMainWindow(await readWindowState());
      void log.info('main', `started ${app.getVersion()}`);
    })
    .catch((error: unknown) => {
      logError(error);
      app.exit(1);
    });
}
