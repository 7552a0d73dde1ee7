import { describe, expect, it, vi } from 'vitest';
import { IPC, type UpdateState } from '../shared/platform/bridge';
import { isPlatformError } from './errors';
import {
  MAX_SAVE_FILE_BYTES,
  createIpcHandlers,
  registerIpcHandlers,
  type IpcDeps,
  type IpcEventLike,
  type SaveDialogOptionsLike,
} from './ipc';
import type { TokenStore } from './token-store';

const appEvent: IpcEventLike = { senderFrame: { url: 'app://renderer/index.html' } };

function makeDeps(overrides: Partial<IpcDeps> = {}) {
  let stored: string | null = null;
  const tokenStore: TokenStore = {
    store: vi.fn(async (token: string) => {
      stored = token;
    }),
    read: vi.fn(async () => stored),
    clear: vi.fn(async () => {
      stored = null;
    }),
  };
  const deps = {
    app: { getVersion: () => '1.2.3', getPath: () => '/home/officer/Downloads' },
    dialog: {
      showSaveDialog: vi.fn(async (options: SaveDialogOptionsLike) => ({
        canceled: false,
        filePath: `/chosen/${options.defaultPath.split('/').pop() ?? ''}`,
      })),
    },
    fs: { writeFile: vi.fn(async () => undefined) },
    shell: { openExternal: vi.fn(async () => undefined) },
    tokenStore,
    defaultServerUrl: 'http://127.0.0.1:8787',
    onLanguage: vi.fn(),
    log: { write: vi.fn(async () => undefined) },
    updates: {
      setServer: vi.fn((url: string) => url.startsWith('http')),
      state: vi.fn((): UpdateState => ({ status: 'ready', version: '0.2.0' })),
      install: vi.fn(() => true),
    },
    onError: vi.fn(),
    ...overrides,
  } satisfies IpcDeps;
  return { deps, handlers: createIpcHandlers(deps) };
}

const goodRequest = () => ({
  suggestedName: 'checklist-2568.xlsx',
  mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  data: new Uint8Array([1, 2, 3]),
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('createIpcHandlers', () => {
  it('has a handler for every bridge channel', () => {
    const { handlers } = makeDeps();
    expect(Object.keys(handlers).sort()).toEqual(Object.values(IPC).sort());
  });

  it('registers each handler with ipcMain', () => {
    const { handlers } = makeDeps();
    const ipcMain = { handle: vi.fn() };
    registerIpcHandlers(ipcMain, handlers);
    expect(ipcMain.handle).toHaveBeenCalledTimes(Object.values(IPC).length);
    expect(ipcMain.handle).toHaveBeenCalledWith(IPC.saveFile, handlers[IPC.saveFile]);
  });

  it.each([
    { senderFrame: { url: 'https://evil.example/' } },
    { senderFrame: { url: 'file:///tmp/x.html' } },
    { senderFrame: null },
    {},
  ])('refuses senders outside the app (%o)', async (event) => {
    const { deps, handlers } = makeDeps();
    for (const channel of Object.values(IPC)) {
      const error = await rejection(handlers[channel](event));
      expect(isPlatformError(error, 'UNTRUSTED_SENDER')).toBe(true);
    }
    expect(deps.tokenStore.read).not.toHaveBeenCalled();
  });
});

describe('appVersion and defaultServerUrl', () => {
  it('answer from the injected app and configuration', async () => {
    const { handlers } = makeDeps();
    await expect(handlers[IPC.appVersion](appEvent)).resolves.toBe('1.2.3');
    await expect(handlers[IPC.defaultServerUrl](appEvent)).resolves.toBe('http://127.0.0.1:8787');
  });

  it('answer null when no server URL was given', async () => {
    const { handlers } = makeDeps({ defaultServerUrl: null });
    await expect(handlers[IPC.defaultServerUrl](appEvent)).resolves.toBeNull();
  });

  it('reject unexpected arguments', async () => {
    const { handlers } = makeDeps();
    const error = await rejection(handlers[IPC.appVersion](appEvent, 'extra'));
    expect(isPlatformError(error, 'INVALID_REQUEST')).toBe(true);
  });
});

describe('saveFile', () => {
  it('asks where to save, in Downloads by default, and writes the bytes', async () => {
    const { deps, handlers } = makeDeps();
    const request = goodRequest();
    await expect(handlers[IPC.saveFile](appEvent, request)).resolves.toEqual({
      ok: true,
      path: '/chosen/checklist-2568.xlsx',
    });
    const options = vi.mocked(deps.dialog.showSaveDialog).mock.calls[0]?.[0];
    expect(options?.defaultPath).toMatch(/Downloads[/\\]checklist-2568\.xlsx$/);
    expect(options?.filters[0]).toEqual({ name: 'XLSX', extensions: ['xlsx'] });
    expect(deps.fs.writeFile).toHaveBeenCalledWith('/chosen/checklist-2568.xlsx', request.data);
  });

  it('sanitizes the suggested name to a plain file name', async () => {
    const { deps, handlers } = makeDeps();
    await handlers[IPC.saveFile](appEvent, { ...goodRequest(), suggestedName: '../../etc/รายงาน:2568?.csv' });
    const options = vi.mocked(deps.dialog.showSaveDialog).mock.calls[0]?.[0];
    expect(options?.defaultPath).toMatch(/Downloads[/\\]รายงาน_2568_\.csv$/);
  });

  it('reports a cancelled dialog without writing', async () => {
    const { deps, handlers } = makeDeps({
      dialog: { showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })) },
    });
    await expect(handlers[IPC.saveFile](appEvent, goodRequest())).resolves.toEqual({ ok: false, code: 'CANCELLED' });
    expect(deps.fs.writeFile).not.toHaveBeenCalled();
  });

  it('reports a write failure with the error code only', async () => {
    const { handlers } = makeDeps({
      fs: { writeFile: vi.fn(async () => Promise.reject(Object.assign(new Error('EACCES: /secret'), { code: 'EACCES' }))) },
    });
    await expect(handlers[IPC.saveFile](appEvent, goodRequest())).resolves.toEqual({
      ok: false,
      code: 'WRITE_FAILED',
      message: 'EACCES',
    });
  });

  it('reports a failing dialog as a write failure', async () => {
    const { handlers } = makeDeps({ dialog: { showSaveDialog: vi.fn(() => Promise.reject(new Error('x'))) } });
    await expect(handlers[IPC.saveFile](appEvent, goodRequest())).resolves.toMatchObject({
      ok: false,
      code: 'WRITE_FAILED',
    });
  });

  const oversized = { length: 0, byteLength: MAX_SAVE_FILE_BYTES } as unknown;
  it.each([
    ['no request', []],
    ['a string', ['hello']],
    ['data as a plain array', [{ ...goodRequest(), data: [1, 2, 3] }]],
    ['data as a string', [{ ...goodRequest(), data: 'AAEC' }]],
    ['an empty name', [{ ...goodRequest(), suggestedName: '  ' }]],
    ['a name too long', [{ ...goodRequest(), suggestedName: `${'a'.repeat(300)}.csv` }]],
    ['a bad MIME type', [{ ...goodRequest(), mimeType: 'text/html\r\nX-Evil: 1' }]],
    ['an unknown field', [{ ...goodRequest(), path: '/etc/passwd' }]],
    ['two arguments', [goodRequest(), goodRequest()]],
    ['a fake oversized buffer', [{ ...goodRequest(), data: oversized }]],
  ])('rejects %s as INVALID_REQUEST', async (_label, args) => {
    const { deps, handlers } = makeDeps();
    const result = await handlers[IPC.saveFile](appEvent, ...(args as unknown[]));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    expect(deps.dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(deps.fs.writeFile).not.toHaveBeenCalled();
  });

  it('rejects data of 200 MB or more', async () => {
    const { deps, handlers } = makeDeps();
    const huge = new Uint8Array(new ArrayBuffer(MAX_SAVE_FILE_BYTES));
    const result = await handlers[IPC.saveFile](appEvent, { ...goodRequest(), data: huge });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_REQUEST', message: expect.stringContaining('200 MB') });
    expect(deps.fs.writeFile).not.toHaveBeenCalled();
  });

  it('accepts Buffer data (IPC may deliver one)', async () => {
    const { handlers } = makeDeps();
    const result = await handlers[IPC.saveFile](appEvent, { ...goodRequest(), data: Buffer.from('x') });
    expect(result).toMatchObject({ ok: true });
  });
});

describe('token channels', () => {
  it('store, read and clear through the token store', async () => {
    const { handlers } = makeDeps();
    await expect(handlers[IPC.readToken](appEvent)).resolves.toBeNull();
    await handlers[IPC.storeToken](appEvent, 'tok_0123456789.abc-XYZ');
    await expect(handlers[IPC.readToken](appEvent)).resolves.toBe('tok_0123456789.abc-XYZ');
    await handlers[IPC.clearToken](appEvent);
    await expect(handlers[IPC.readToken](appEvent)).resolves.toBeNull();
  });

  it.each([[''], ['has space'], ['line\nbreak'], ['x'.repeat(9000)], [42], [null], [{ token: 'x' }]])(
    'reject token %j',
    async (token) => {
      const { deps, handlers } = makeDeps();
      const error = await rejection(handlers[IPC.storeToken](appEvent, token));
      expect(isPlatformError(error, 'INVALID_REQUEST')).toBe(true);
      expect((error as Error).message).toMatch(/^INVALID_REQUEST: /);
      expect(deps.tokenStore.store).not.toHaveBeenCalled();
    },
  );

  it('pass the store’s coded error through', async () => {
    const { PlatformError } = await import('./errors');
    const { handlers } = makeDeps({
      tokenStore: {
        store: () => Promise.reject(new PlatformError('ENCRYPTION_UNAVAILABLE', 'no keychain')),
        read: async () => null,
        clear: async () => undefined,
      },
    });
    const error = await rejection(handlers[IPC.storeToken](appEvent, 'token'));
    expect(isPlatformError(error, 'ENCRYPTION_UNAVAILABLE')).toBe(true);
  });
});

describe('openExternal', () => {
  it('opens http(s) links', async () => {
    const { deps, handlers } = makeDeps();
    await expect(handlers[IPC.openExternal](appEvent, 'https://www.dla.go.th/')).resolves.toBe(true);
    expect(deps.shell.openExternal).toHaveBeenCalledWith('https://www.dla.go.th/');
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'https://u:p@example.com/'])(
    'refuses %s',
    async (url) => {
      const { deps, handlers } = makeDeps();
      await expect(handlers[IPC.openExternal](appEvent, url)).resolves.toBe(false);
      expect(deps.shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it('rejects non-string and oversized arguments', async () => {
    const { handlers } = makeDeps();
    for (const bad of [42, { url: 'https://x' }, `https://example.com/${'a'.repeat(3000)}`]) {
      const error = await rejection(handlers[IPC.openExternal](appEvent, bad));
      expect(isPlatformError(error, 'INVALID_REQUEST')).toBe(true);
    }
  });

  it('answers false when the shell fails', async () => {
    const { handlers } = makeDeps({ shell: { openExternal: vi.fn(() => Promise.reject(new Error('no browser'))) } });
    await expect(handlers[IPC.openExternal](appEvent, 'https://example.com/')).resolves.toBe(false);
  });
});

describe('setLanguage', () => {
  it('passes th or en on to the menus', async () => {
    const { deps, handlers } = makeDeps();
    await handlers[IPC.setLanguage](appEvent, 'th');
    expect(deps.onLanguage).toHaveBeenCalledWith('th');
  });

  it.each([['fr'], [''], [null], [['th']]])('rejects %j', async (language) => {
    const { deps, handlers } = makeDeps();
    const error = await rejection(handlers[IPC.setLanguage](appEvent, language));
    expect(isPlatformError(error, 'INVALID_REQUEST')).toBe(true);
    expect(deps.onLanguage).not.toHaveBeenCalled();
  });
});

describe('reportError', () => {
  it('writes the message, stack and component stack to the log as the renderer', async () => {
    const { deps, handlers } = makeDeps();
    await handlers[IPC.reportError](appEvent, {
      message: 'Cannot read x',
      stack: 'TypeError: Cannot read x\n    at Page',
      componentStack: '\n    at Page\n    at Layout',
    });
    expect(deps.log.write).toHaveBeenCalledWith(
      'error',
      'renderer',
      'TypeError: Cannot read x\n    at Page\ncomponent stack:\n    at Page\n    at Layout',
    );
    await handlers[IPC.reportError](appEvent, { message: 'no stack' });
    expect(deps.log.write).toHaveBeenLastCalledWith('error', 'renderer', 'no stack');
  });

  it.each([
    ['a string', 'boom'],
    ['no message', { stack: 'x' }],
    ['an unknown field', { message: 'x', path: '/etc' }],
    ['a huge stack', { message: 'x', stack: 'y'.repeat(30_000) }],
  ])('rejects %s', async (_label, report) => {
    const { deps, handlers } = makeDeps();
    const error = await rejection(handlers[IPC.reportError](appEvent, report));
    expect(isPlatformError(error, 'INVALID_REQUEST')).toBe(true);
    expect(deps.log.write).not.toHaveBeenCalled();
  });
});

describe('updates', () => {
  it('points the updater at the signed-in server, reads its state and installs on request', async () => {
    const { deps, handlers } = makeDeps();
    await handlers[IPC.setUpdateServer](appEvent, 'https://sync.province.go.th');
    expect(deps.updates.setServer).toHaveBeenCalledWith('https://sync.province.go.th');
    await expect(handlers[IPC.updateState](appEvent)).resolves.toEqual({ status: 'ready', version: '0.2.0' });
    await expect(handlers[IPC.installUpdate](appEvent)).resolves.toBe(true);
    expect(deps.updates.install).toHaveBeenCalledOnce();
  });

  it.each([[''], [42], ['x'.repeat(3000)], ['file:///etc/passwd']])('rejects server %j', async (url) => {
    const { handlers } = makeDeps();
    const error = await rejection(handlers[IPC.setUpdateServer](appEvent, url));
    expect(isPlatformError(error, 'INVALID_REQUEST')).toBe(true);
  });

  it('rejects arguments to installUpdate and updateState', async () => {
    const { deps, handlers } = makeDeps();
    expect(isPlatformError(await rejection(handlers[IPC.installUpdate](appEvent, true)), 'INVALID_REQUEST')).toBe(true);
    expect(isPlatformError(await rejection(handlers[IPC.updateState](appEvent, 1)), 'INVALID_REQUEST')).toBe(true);
    expect(deps.updates.install).not.toHaveBeenCalled();
  });

  it('is unsupported where the app cannot update itself', async () => {
    const { handlers } = makeDeps({ updates: null });
    await expect(handlers[IPC.setUpdateServer](appEvent, 'https://sync.example')).resolves.toBeUndefined();
    await expect(handlers[IPC.updateState](appEvent)).resolves.toEqual({ status: 'unsupported' });
    await expect(handlers[IPC.installUpdate](appEvent)).resolves.toBe(false);
  });
});
