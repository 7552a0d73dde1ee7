import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PLATFORM_DATABASE_NAME, createBrowserPlatform, isHttpUrl } from './browser';
import { platformErrorCode } from './errors';

interface FakeAnchor {
  href: string;
  download: string;
  rel: string;
  style: { display: string };
  click: ReturnType<typeof vi.fn>;
  remove: ReturnType<typeof vi.fn>;
}

function fakeWindow(href = 'http://127.0.0.1:8787/app/') {
  const url = new URL(href);
  const anchors: FakeAnchor[] = [];
  const timers: Array<() => void> = [];
  const win = {
    location: { protocol: url.protocol, origin: url.origin },
    open: vi.fn(() => null),
    setTimeout: vi.fn((fn: () => void) => {
      timers.push(fn);
      return 1;
    }),
    document: {
      createElement: vi.fn(() => {
        const anchor: FakeAnchor = { href: '', download: '', rel: '', style: { display: '' }, click: vi.fn(), remove: vi.fn() };
        anchors.push(anchor);
        return anchor;
      }),
      body: { appendChild: vi.fn() },
    },
  };
  return { win, anchors, timers, asWindow: win as unknown as Window };
}

/** A fresh, isolated IndexedDB for each platform under test. */
const isolatedDb = () => ({ indexedDB: new IDBFactory(), IDBKeyRange });

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('browser platform basics', () => {
  it('is the browser kind', () => {
    expect(createBrowserPlatform().kind).toBe('browser');
  });

  it('reports 0.0.0 without a build version, and the build version when set', async () => {
    await expect(createBrowserPlatform().appVersion()).resolves.toBe('0.0.0');
    vi.stubEnv('VITE_APP_VERSION', '0.1.0');
    await expect(createBrowserPlatform().appVersion()).resolves.toBe('0.1.0');
  });

  it('uses the page origin as the default server when served over http(s)', async () => {
    for (const [href, expected] of [
      ['http://127.0.0.1:8787/laos/1', 'http://127.0.0.1:8787'],
      ['https://eplan.example.go.th/', 'https://eplan.example.go.th'],
      ['file:///C:/eplan/index.html', null],
      ['app://renderer/index.html', null],
    ] as const) {
      const platform = createBrowserPlatform({ window: fakeWindow(href).asWindow });
      await expect(platform.defaultServerUrl()).resolves.toBe(expected);
    }
  });
});

describe('desktop-only parts', () => {
  it('updates come with the server: unsupported here, nothing to install, no events', async () => {
    const platform = createBrowserPlatform();
    await platform.setUpdateServer('https://sync.example');
    await expect(platform.updateState()).resolves.toEqual({ status: 'unsupported' });
    await expect(platform.installUpdate()).resolves.toBe(false);
    const listener = vi.fn();
    platform.onUpdateState(listener)();
    expect(listener).not.toHaveBeenCalled();
    await expect(platform.setLanguage('en')).resolves.toBeUndefined();
  });

  it('reports errors to the console', async () => {
    const console = { error: vi.fn() };
    await createBrowserPlatform({ console }).reportError({ message: 'Boom', stack: 'Error: Boom\n at X', componentStack: '\n at Page' });
    expect(console.error).toHaveBeenCalledWith('[eplan] Boom', 'Error: Boom\n at X', 'component stack:\n at Page');
  });
});

describe('openExternal', () => {
  it('opens http(s) links in a new tab without opener', async () => {
    const { win, asWindow } = fakeWindow();
    const platform = createBrowserPlatform({ window: asWindow });
    await expect(platform.openExternal('https://www.dla.go.th/')).resolves.toBe(true);
    expect(win.open).toHaveBeenCalledWith('https://www.dla.go.th/', '_blank', 'noopener');
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'https://u:p@example.com/', 'relative/path'])(
    'refuses %s',
    async (url) => {
      const { win, asWindow } = fakeWindow();
      await expect(createBrowserPlatform({ window: asWindow }).openExternal(url)).resolves.toBe(false);
      expect(win.open).not.toHaveBeenCalled();
    },
  );

  it('isHttpUrl refuses non-strings', () => {
    expect(isHttpUrl(undefined)).toBe(false);
    expect(isHttpUrl(42)).toBe(false);
  });
});

describe('saveFile', () => {
  it('downloads through a temporary <a download> and an object URL', async () => {
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:http://127.0.0.1/abc');
    const revokeObjectURL = vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    const { win, anchors, timers, asWindow } = fakeWindow();
    const platform = createBrowserPlatform({ window: asWindow });

    const result = await platform.saveFile({
      suggestedName: 'checklist-2568.csv',
      mimeType: 'text/csv;charset=utf-8',
      data: new TextEncoder().encode('a,b\n1,2\n'),
    });

    expect(result).toEqual({ ok: true, path: 'checklist-2568.csv' });
    const blob = createObjectURL.mock.calls[0]?.[0] as Blob;
    expect(blob.type).toBe('text/csv;charset=utf-8');
    await expect(blob.text()).resolves.toBe('a,b\n1,2\n');
    const anchor = anchors[0];
    expect(anchor).toMatchObject({ href: 'blob:http://127.0.0.1/abc', download: 'checklist-2568.csv', rel: 'noopener' });
    expect(win.document.body.appendChild).toHaveBeenCalledWith(anchor);
    expect(anchor?.click).toHaveBeenCalledOnce();
    expect(anchor?.remove).toHaveBeenCalledOnce();
    expect(revokeObjectURL).not.toHaveBeenCalled();
    timers.forEach((run) => run());
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:http://127.0.0.1/abc');
  });

  it.each([
    ['no data', { suggestedName: 'a.csv', mimeType: 'text/csv' }],
    ['data as an array', { suggestedName: 'a.csv', mimeType: 'text/csv', data: [1, 2] }],
    ['an empty name', { suggestedName: ' ', mimeType: 'text/csv', data: new Uint8Array() }],
    ['nothing', null],
  ])('refuses %s', async (_label, request) => {
    const { anchors, asWindow } = fakeWindow();
    const result = await createBrowserPlatform({ window: asWindow }).saveFile(request as never);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    expect(anchors).toHaveLength(0);
  });

  it('reports a failed download as WRITE_FAILED', async () => {
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
      throw new Error('blocked');
    });
    const { asWindow } = fakeWindow();
    const result = await createBrowserPlatform({ window: asWindow }).saveFile({
      suggestedName: 'a.csv',
      mimeType: 'text/csv',
      data: new Uint8Array([1]),
    });
    expect(result).toEqual({ ok: false, code: 'WRITE_FAILED', message: 'blocked' });
  });
});

describe('device token in IndexedDB', () => {
  it('is null at first, then stored, replaced and cleared', async () => {
    const platform = createBrowserPlatform({ dexieOptions: isolatedDb() });
    await expect(platform.readToken()).resolves.toBeNull();
    await platform.storeToken('token-1');
    await expect(platform.readToken()).resolves.toBe('token-1');
    await platform.storeToken('token-2');
    await expect(platform.readToken()).resolves.toBe('token-2');
    await platform.clearToken();
    await expect(platform.readToken()).resolves.toBeNull();
    await platform.clearToken();
  });

  it('survives a reload (a new platform over the same database)', async () => {
    const dexieOptions = isolatedDb();
    await createBrowserPlatform({ dexieOptions }).storeToken('kept');
    await expect(createBrowserPlatform({ dexieOptions }).readToken()).resolves.toBe('kept');
  });

  it('lives in its own database, eplan-platform', async () => {
    const platform = createBrowserPlatform();
    await platform.storeToken('global-token');
    const names = (await indexedDB.databases()).map((info) => info.name);
    expect(names).toContain(PLATFORM_DATABASE_NAME);
    await platform.clearToken();
  });

  it.each([[''], [42], [null], ['x'.repeat(9000)]])('rejects token %j with INVALID_REQUEST', async (token) => {
    const platform = createBrowserPlatform({ dexieOptions: isolatedDb() });
    const error = await platform.storeToken(token as string).catch((e: unknown) => e);
    expect(platformErrorCode(error)).toBe('INVALID_REQUEST');
    await expect(platform.readToken()).resolves.toBeNull();
  });
});
