import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, IPC, IPC_EVENTS, type PlatformBridge } from '../shared/platform/bridge';
// vi.mock below is hoisted above this import, so the preload sees the fake electron.
import { PRELOAD_BRIDGE_GLOBAL, PRELOAD_IPC, PRELOAD_IPC_EVENTS, preloadBridge } from './preload';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));
vi.mock('electron', () => electron);


describe('preload', () => {
  beforeEach(() => {
    electron.ipcRenderer.invoke.mockReset();
  });

  it('inlines exactly the shared IPC constants', () => {
    expect(PRELOAD_IPC).toEqual(IPC);
    expect(PRELOAD_IPC_EVENTS).toEqual(IPC_EVENTS);
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
      ['setLanguage', () => preloadBridge.setLanguage('en'), ['en']],
      ['reportError', () => preloadBridge.reportError({ message: 'm', stack: 's' }), [{ message: 'm', stack: 's' }]],
      ['setUpdateServer', () => preloadBridge.setUpdateServer('https://s.example'), ['https://s.example']],
      ['updateState', () => preloadBridge.updateState(), []],
      ['installUpdate', () => preloadBridge.installUpdate(), []],
    ];
    for (const [name, call, args] of calls) {
      await call();
      expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC[name], ...args);
    }
    const bridgeMethods = Object.keys(preloadBridge).filter((key) => key !== 'kind');
    expect(bridgeMethods.sort()).toEqual([...Object.keys(IPC), ...Object.keys(IPC_EVENTS)].sort());
  });

  it('forwards update states from main to a listener, without the IPC event, until unsubscribed', () => {
    const listener = vi.fn();
    const unsubscribe = preloadBridge.onUpdateState(listener);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls.at(-1) as [string, (event: unknown, state: unknown) => void];
    expect(channel).toBe(IPC_EVENTS.onUpdateState);
    forward({ sender: 'ipc internals' }, { status: 'downloading', version: '0.2.0', percent: 5 });
    expect(listener).toHaveBeenCalledWith({ status: 'downloading', version: '0.2.0', percent: 5 });
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(IPC_EVENTS.onUpdateState, forward);
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
