/** Types for scripts/electron.mjs. */
export type ElectronBinary = { available: true; path: string } | { available: false; reason: string };

export function findElectronBinary(options?: { env?: Record<string, string | undefined> }): ElectronBinary;
