/**
 * The renderer's only door to the desktop: the Electron preload's bridge when
 * present, otherwise the browser fallback.
 */
import { BRIDGE_GLOBAL, type PlatformBridge } from '../../shared/platform/bridge';
import { createBrowserPlatform } from './browser';

export type { PlatformBridge, SaveFileRequest, SaveFileResult } from '../../shared/platform/bridge';
export { platformErrorCode, type PlatformErrorCode } from './errors';
export { createBrowserPlatform } from './browser';

declare global {
  interface Window {
    [BRIDGE_GLOBAL]?: PlatformBridge;
  }
}

let current: PlatformBridge | null = null;

function exposedBridge(): PlatformBridge | null {
  const candidate: unknown = (globalThis as { [BRIDGE_GLOBAL]?: unknown })[BRIDGE_GLOBAL];
  if (typeof candidate !== 'object' || candidate === null) return null;
  const kind = (candidate as { kind?: unknown }).kind;
  return kind === 'electron' || kind === 'browser' ? (candidate as PlatformBridge) : null;
}

export function getPlatform(): PlatformBridge {
  current ??= exposedBridge() ?? createBrowserPlatform();
  return current;
}

/** Replaces the bridge (e.g. with a fake) in tests; null restores detection. */
export function setPlatformForTesting(bridge: PlatformBridge | null): void {
  current = bridge;
}
