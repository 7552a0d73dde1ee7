import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, type PlatformBridge } from '../../shared/platform/bridge';

const electronBridge: PlatformBridge = {
  kind: 'electron',
  appVersion: async () => '9.9.9',
  saveFile: async () => ({ ok: false, code: 'CANCELLED' }),
  storeToken: async () => undefined,
  readToken: async () => null,
  clearToken: async () => undefined,
  defaultServerUrl: async () => 'http://127.0.0.1:8787',
  openExternal: async () => true,
  setLanguage: async () => undefined,
  reportError: async () => undefined,
  setUpdateServer: async () => undefined,
  updateState: async () => ({ status: 'idle' }),
  installUpdate: async () => false,
  onUpdateState: () => () => undefined,
};

const globals = globalThis as { [BRIDGE_GLOBAL]?: unknown };

beforeEach(() => vi.resetModules());
afterEach(() => {
  delete globals[BRIDGE_GLOBAL];
});

describe('getPlatform', () => {
  it('uses the bridge the Electron preload exposed', async () => {
    globals[BRIDGE_GLOBAL] = electronBridge;
    const { getPlatform } = await import('./index');
    expect(getPlatform()).toBe(electronBridge);
    await expect(getPlatform().appVersion()).resolves.toBe('9.9.9');
  });

  it('falls back to the browser platform, once', async () => {
    const { getPlatform } = await import('./index');
    const platform = getPlatform();
    expect(platform.kind).toBe('browser');
    expect(getPlatform()).toBe(platform);
  });

  it('ignores something on the global that is not a bridge', async () => {
    globals[BRIDGE_GLOBAL] = 'not a bridge';
    const { getPlatform } = await import('./index');
    expect(getPlatform().kind).toBe('browser');
  });

  it('can be replaced in tests', async () => {
    const { getPlatform, setPlatformForTesting } = await import('./index');
    setPlatformForTesting(electronBridge);
    expect(getPlatform()).toBe(electronBridge);
    setPlatformForTesting(null);
    expect(getPlatform().kind).toBe('browser');
  });
});

describe('platformErrorCode', () => {
  it('reads the code from the property or the message', async () => {
    const { platformErrorCode } = await import('./index');
    expect(platformErrorCode(Object.assign(new Error('x'), { code: 'ENCRYPTION_UNAVAILABLE' }))).toBe('ENCRYPTION_UNAVAILABLE');
    expect(platformErrorCode(new Error('ENCRYPTION_UNAVAILABLE: OS encryption is not available'))).toBe(
      'ENCRYPTION_UNAVAILABLE',
    );
    expect(platformErrorCode(new Error('plain failure'))).toBeNull();
    expect(platformErrorCode('INVALID_REQUEST: x')).toBeNull();
    expect(platformErrorCode(null)).toBeNull();
  });
});
