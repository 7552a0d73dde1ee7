/**
 * Electron main process: wiring only. Decisions live in security.ts, ipc.ts,
 * token-store.ts, app-protocol.ts and menu.ts, which are unit-tested.
 */
import { BrowserWindow, Menu, type WebContents, app, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { createIpcHandlers, registerIpcHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
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

const logError = (error: unknown): void => console.error('[main]', error);

// Lets tests and side-by-side installs keep their own data (and single-instance lock).
if (process.env.EPLAN_USER_DATA_DIR) app.setPath('userData', path.resolve(process.env.EPLAN_USER_DATA_DIR));

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let mainWindow: BrowserWindow | null = null;

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

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: APP_NAME,
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    show: false,
    webPreferences: secureWebPreferences(PRELOAD_PATH),
  });
  window.once('ready-to-show', () => window.show());
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
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });

  app
    .whenReady()
    .then(() => {
      hardenSession();
      registerAppProtocol();
      registerIpc();
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          buildMenuTemplate({ appName: APP_NAME, isDev, isMac: process.platform === 'darwin', onAbout: showAbout }),
        ),
      );
      mainWindow = createMainWindow();
    })
    .catch((error: unknown) => {
      logError(error);
      app.exit(1);
    });
}
