/**
 * The device token, encrypted with the OS keychain via Electron safeStorage
 * and kept in a file under userData. Never written in plaintext.
 */
import { PlatformError } from './errors';

/** The part of Electron's `safeStorage` the store needs. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** The part of `fs.promises` the store needs. */
export interface TokenFileSystem {
  readFile(path: string): Promise<Buffer>;
  writeFile(path: string, data: Uint8Array, options: { mode: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

export interface TokenStore {
  store(token: string): Promise<void>;
  /** The stored token, or null when there is none or it can no longer be decrypted. */
  read(): Promise<string | null>;
  clear(): Promise<void>;
}

export interface TokenStoreDeps {
  safeStorage: SafeStorageLike;
  fs: TokenFileSystem;
  /** e.g. path.join(app.getPath('userData'), TOKEN_FILE_NAME) */
  filePath: string;
  onError?: (error: unknown) => void;
}

export const TOKEN_FILE_NAME = 'device-token.bin';

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

export function createTokenStore({ safeStorage, fs, filePath, onError = () => undefined }: TokenStoreDeps): TokenStore {
  return {
    async store(token) {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new PlatformError('ENCRYPTION_UNAVAILABLE', 'OS encryption is not available; the token was not stored');
      }
      try {
        const encrypted = safeStorage.encryptString(token);
        // Write-then-rename so a crash never leaves a half-written token.
        const tempPath = `${filePath}.tmp`;
        await fs.writeFile(tempPath, encrypted, { mode: 0o600 });
        await fs.rename(tempPath, filePath);
      } catch (error) {
        onError(error);
        throw new PlatformError('TOKEN_STORE_FAILED', 'the token could not be written');
      }
    },

    async read() {
      let encrypted: Buffer;
      try {
        encrypted = await fs.readFile(filePath);
      } catch (error) {
        if (!isMissingFile(error)) onError(error);
        return null;
      }
      if (!safeStorage.isEncryptionAvailable()) return null;
      try {
        return safeStorage.decryptString(encrypted);
      } catch (error) {
        // Keychain changed or file corrupted: the officer must log in again.
        onError(error);
        return null;
      }
    },

    async clear() {
      try {
        await fs.rm(filePath, { force: true });
      } catch (error) {
        onError(error);
        throw new PlatformError('TOKEN_STORE_FAILED', 'the token could not be removed');
      }
    },
  };
}
