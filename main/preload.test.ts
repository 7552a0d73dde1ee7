import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, IPC, type PlatformBridge } from '../shared/platform/bridge';
// vi.mock below is hoisted above this import, so the preload sees the fake electron.
import { PRELOAD_BRIDGE_GLOBAL, PRELOAD_IPC, preloadBridge } from './preload';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn() },
}));
vi.mock('electron', () => electron);


describe('preload', () => {
  beforeEach(() => {
    electron.ipcRenderer.invoke.mockReset();
  });

  it('inlines exactly the shared IPC constants', () => {
    expect(PRELOAD_IPC).toEqual(IPC);
    expect(PRELOAD_BRIDGE_GLOBAL).toBe(BRIDGE_GLOBAL);
  });

  it('exposes the bridge under the shared global name', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledWith(BRIDGE_GLOBAL, preloadBridge);
    expect(preloadBridge.kind).toBe('electron');
  });

  it('calls the matching channel for every bridge method', async () => {
    electron.ipcRenderer.invoke.mockResolvedValue('value');
    const data = new Uint8Array([1]);
    const calls: Array<[keyof typeof IPC, () => Promise<unknown>, unknown[]]> = [
      ['appVersion', () => preloadBridge.appVersion(), []],
      ['saveFile', () => preloadBridge.saveFile({ suggestedName: 'a.csv', mimeType: 'text/csv', data }), [
        { suggestedName: 'a.csv', mimeType: 'text/csv', data },
      ]],
      ['storeToken', () => preloadBridge.storeToken('t'), ['t']],
      ['readToken', () => preloadBridge.readToken(), []],
      ['clearToken', () => preloadBridge.clearToken(), []],
      ['defaultServerUrl', () => preloadBridge.defaultServerUrl(), []],
      ['openExternal', () => preloadBridge.openExternal('https://x.example/'), ['https://x.example/']],
    ];
    for (const [name, call, args] of calls) {
      await call();
      expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC[name], ...args);
    }
    const bridgeMethods = Object.keys(preloadBridge).filter((key) => key !== 'kind');
    expect(bridgeMethods.sort()).toEqual(Object.keys(IPC).sort());
  });

  it('turns Electron’s remote error message back into "CODE: detail"', async () => {
    electron.ipcRenderer.invoke.mockImplementation(async () => {
      throw new Error(
        "Error invoking remote method 'platform:store-token': PlatformError: ENCRYPTION_UNAVAILABLE: OS encryption is not available",
      );
    });
    const error = (await preloadBridge.storeToken('t').catch((e: unknown) => e)) as Error & { code?: string };
    expect(error.message).toBe('ENCRYPTION_UNAVAILABLE: OS encryption is not available');
    expect(error.code).toBe('ENCRYPTION_UNAVAILABLE');
  });

  it('keeps other errors as they are', async () => {
    electron.ipcRenderer.invoke.mockRejectedValue(new Error('something odd'));
    await expect(preloadBridge.readToken()).rejects.toThrow('something odd');
  });

  it('satisfies the PlatformBridge type', () => {
    const bridge: PlatformBridge = preloadBridge;
    expect(bridge).toBeDefined();
  });
});
