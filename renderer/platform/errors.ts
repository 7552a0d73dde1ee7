/**
 * Bridge errors carry their code at the start of the message ("CODE: detail"),
 * because Electron forwards only an error's message from the main process.
 */
export type PlatformErrorCode =
  | 'INVALID_REQUEST'
  | 'UNTRUSTED_SENDER'
  | 'ENCRYPTION_UNAVAILABLE'
  | 'TOKEN_STORE_FAILED';

export function platformError(code: PlatformErrorCode, detail: string): Error & { code: PlatformErrorCode } {
  return Object.assign(new Error(`${code}: ${detail}`), { code });
}

/** The code of an error thrown by a bridge call, or null if it has none. */
export function platformErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && /^[A-Z][A-Z_]+$/.test(code)) return code;
  if (typeof message !== 'string') return null;
  return /^([A-Z][A-Z_]{2,}): /.exec(message)?.[1] ?? null;
}
