/**
 * Errors crossing the IPC boundary. Electron forwards only an error's message
 * to the renderer, so the code leads the message: "ENCRYPTION_UNAVAILABLE: …".
 * renderer/platform `platformErrorCode()` reads it back.
 */
export type PlatformErrorCode =
  | 'INVALID_REQUEST'
  | 'UNTRUSTED_SENDER'
  | 'ENCRYPTION_UNAVAILABLE'
  | 'TOKEN_STORE_FAILED';

export class PlatformError extends Error {
  readonly code: PlatformErrorCode;

  constructor(code: PlatformErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'PlatformError';
    this.code = code;
  }
}

export function isPlatformError(error: unknown, code?: PlatformErrorCode): error is PlatformError {
  return error instanceof PlatformError && (code === undefined || error.code === code);
}
