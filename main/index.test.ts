/**
 * Wiring test for main/index.ts against a fake `electron` module (the real
 * binary is not needed): what gets registered, with which settings.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC } from '../shared/platform/bridge';
import { CONTENT_SECURITY_POLICY } from './security';

type Listener = (...args: unknown[]) => unknown;

// A 1366×768 laptop with its taskbar.
const laptop = { id: 1, workArea: { x: 0, y: 0, width: 1366, height: 728 } };

function createFakeElectron(options: { gotLock: boolean; userData: string }) {
  const appListeners = new Map<string, Listener>();
  const windows: FakeWindow[] = [];
  const handlers = new Map<string, Listener>();

  class FakeWindow {
    readonly options: Record<string, unknown>;
    readonly loadURL = vi.fn(async () => undefined);
    readonly once = vi.fn();
    readonly on = vi.fn();
    readonly webContents = { on: vi.fn(), send: vi.fn() };
    readonly getNormalBounds = () => ({ x: 10, y: 20, width: 1000, height: 700 });
    readonly isMaximized = () => false;
    readonly maximize = vi.fn();
    readonly show = vi.fn();
    constructor(windowOptions: Record<string, unknown>) {
      this.options = windowOptions;
      windows.push(this);
    }
    static getAllWindows = () => windows;
  }

  const electron = {
    app: {
      isPackaged: false,
      setPath: vi.fn(),
      getPath: vi.fn(() => options.userData),
      getVersion: () => '0.1.0',
      requestSingleInstanceLock: vi.fn(() => options.gotLock),
      on: vi.fn((event: string, listener: Listener) => appListeners.set(event, listener)),
      whenReady: vi.fn(() => Promise.resolve()),
      quit: vi.fn(),
      exit: vi.fn(),
    },
    BrowserWindow: FakeWindow,
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    ipcMain: { handle: vi.fn((channel: string, listener: Listener) => handlers.set(channel, listener)) },
    dialog: { showSaveDialog: vi.fn(), showMessageBox: vi.fn() },
    safeStorage: { isEncryptionAvailable: () => true, encryptString: vi.fn(), decryptString: vi.fn() },
    shell: { openExternal: vi.fn(async () => undefined), openPath: vi.fn(async () => '') },
    screen: { getAllDisplays: () => [laptop], getPrimaryDisplay: () => laptop },
    net: { isOnline: () => true },
  };
  return { electron, appListeners, windows, handlers };
}

let fake: ReturnType<typeof createFakeElectron>;

let userData: string;

async function startMain(gotLock = true): Promise<void> {
  fake = createFakeElectron({ gotLock, userData });
  vi.doMock('electron', () => fake.electron);
  await import('./index');
  await new Promise((resolve) => setTimeout(resolve, 0));
  // The window opens once the saved window state is read from disk.
  if (gotLock) await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
}

let listenersBefore: Set<unknown>;

beforeEach(async () => {
  userData = await mkdtemp(path.join(tmpdir(), 'eplan-main-'));
  listenersBefore = new Set(process.listeners('unhandledRejection'));
  vi.resetModules();
  vi.stubEnv('EPLAN_SERVER_URL', 'http://127.0.0.1:8787/');
});
afterEach(async () => {
  vi.doUnmock('electron');
  vi.unstubAllEnvs();
  await rm(userData, { recursive: true, force: true });
  // Each import of index.ts adds its handler: take those away again.
  for (const listener of process.listeners('unhandledRejection')) {
    if (!listenersBefore.has(listener)) process.off('unhandledRejection', listener);
  }
});

describe('main process wiring', () => {
  it('opens one secure window on the app:// entry', async () => {
    await startMain();
    expect(fake.windows).toHaveLength(1);
    const window = fake.windows[0];
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: expect.stringMatching(/preload\.js$/),
    });
    expect(window?.loadURL).toHaveBeenCalledWith('app://renderer/index.html');
  });

  it('registers the app:// scheme before ready and serves it after', async () => {
    await startMain();
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app' }),
    ]);
    expect(fake.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('adds the CSP to every response', async () => {
    await startMain();
    const listener = fake.electron.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]?.[0] as Listener;
    const callback = vi.fn();
    listener({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('answers every bridge channel, with the server URL from EPLAN_SERVER_URL', async () => {
    await startMain();
    expect([...fake.handlers.keys()].sort()).toEqual(Object.values(IPC).sort());
    const defaultServerUrl = fake.handlers.get(IPC.defaultServerUrl) as Listener;
    await expect(defaultServerUrl({ senderFrame: { url: 'app://renderer/index.html' } })).resolves.toBe(
      'http://127.0.0.1:8787',
    );
  });

  it('guards every web contents against navigation, new windows and webviews', async () => {
    await startMain();
    const created = fake.appListeners.get('web-contents-created') as Listener;
    const events = new Map<string, Listener>();
    const contents = {
      on: (event: string, listener: Listener) => events.set(event, listener),
      setWindowOpenHandler: vi.fn(),
    };
    created({}, contents);

    for (const event of ['will-navigate', 'will-redirect']) {
      const blocked = { preventDefault: vi.fn() };
      events.get(event)?.(blocked, 'https://evil.example/');
      expect(blocked.preventDefault).toHaveBeenCalled();
      const allowed = { preventDefault: vi.fn() };
      events.get(event)?.(allowed, 'app://renderer/laos');
      expect(allowed.preventDefault).not.toHaveBeenCalled();
    }
    const webview = { preventDefault: vi.fn() };
    events.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();

    const openHandler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as Listener;
    expect(openHandler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(fake.electron.shell.openExternal).toHaveBeenCalledWith('https://example.com/');
  });

  it('sets the application menu, and again in English when the renderer switches', async () => {
    await startMain();
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();
    const templates = () => fake.electron.Menu.buildFromTemplate.mock.calls.map((call) => call[0] as MenuItemConstructorOptions[]);
    expect(templates()[0]?.[0]?.label).toBe('ไฟล์');
    const setLanguage = fake.handlers.get(IPC.setLanguage) as Listener;
    await setLanguage({ senderFrame: { url: 'app://renderer/index.html' } }, 'en');
    expect(templates().at(-1)?.[0]?.label).toBe('File');
    await setLanguage({ senderFrame: { url: 'app://renderer/index.html' } }, 'en');
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(2);
  });

  it('opens a first window that fits the laptop, and the next where the last one was', async () => {
    await startMain();
    expect(fake.windows[0]?.options).toMatchObject({ x: 43, y: 0, width: 1280, height: 728, minWidth: 800, minHeight: 560 });
    const onClose = fake.windows[0]?.on.mock.calls.find(([event]) => event === 'close')?.[1] as Listener;
    onClose();
    const saved = JSON.parse(await readFile(path.join(userData, 'window-state.json'), 'utf8')) as { last: string };
    expect(saved.last).toBe('1:0,0,1366x728');

    vi.resetModules();
    await startMain();
    expect(fake.windows[0]?.options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700 });
  });

  it('writes renderer errors to userData/logs/main.log, and Help opens that folder', async () => {
    await writeFile(path.join(userData, 'window-state.json'), 'garbage');
    await startMain();
    const reportError = fake.handlers.get(IPC.reportError) as Listener;
    await reportError({ senderFrame: { url: 'app://renderer/index.html' } }, { message: 'Boom', stack: 'Error: Boom\n    at Page' });
    const text = await readFile(path.join(userData, 'logs', 'main.log'), 'utf8');
    expect(text).toMatch(/ERROR \[renderer\] Error: Boom\n {8}at Page/);
    const template = fake.electron.Menu.buildFromTemplate.mock.calls[0]?.[0] as MenuItemConstructorOptions[];
    const help = template.at(-1)?.submenu as MenuItemConstructorOptions[];
    (help[0]?.click as () => void)();
    expect(fake.electron.shell.openPath).toHaveBeenCalledWith(path.join(userData, 'logs'));
  });

  it('does not update itself when not installed from an installer', async () => {
    await startMain();
    const updateState = fake.handlers.get(IPC.updateState) as Listener;
    await expect(updateState({ senderFrame: { url: 'app://renderer/index.html' } })).resolves.toEqual({ status: 'unsupported' });
  });

  it('quits when another instance already runs', async () => {
    await startMain(false);
    expect(fake.electron.app.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
    expect(fake.electron.ipcMain.handle).not.toHaveBeenCalled();
  });
});
