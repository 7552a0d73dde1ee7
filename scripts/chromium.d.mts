/** Types for scripts/chromium.mjs. */
export type FoundChromium = { kind: 'CHROMIUM_PATH' | 'system' | 'playwright'; path: string } | { kind: 'none'; reason: string };

export function findChromium(options?: { env?: Record<string, string | undefined> }): FoundChromium;
export function chromiumPath(options?: { env?: Record<string, string | undefined> }): string | undefined;
