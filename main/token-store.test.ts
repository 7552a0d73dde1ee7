import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isPlatformError } from './errors';
import { TOKEN_FILE_NAME, createTokenStore, type SafeStorageLike } from './token-store';

/** Stands in for the OS keychain: reversible, but never the plaintext bytes. */
function fakeSafeStorage(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`enc:${Buffer.from(text, 'utf8').toString('base64')}`),
    decryptString: (encrypted) => {
      const text = encrypted.toString('utf8');
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided');
      return Buffer.from(text.slice(4), 'base64').toString('utf8');
    },
  };
}

describe('token store', () => {
  let dir: string;
  let filePath: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eplan-token-'));
    filePath = path.join(dir, TOKEN_FILE_NAME);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads null before anything is stored', async () => {
    const store = createTokenStore({ safeStorage: fakeSafeStorage(), fs, filePath });
    await expect(store.read()).resolves.toBeNull();
  });

  it('stores the token encrypted and reads it back', async () => {
    const store = createTokenStore({ safeStorage: fakeSafeStorage(), fs, filePath });
    await store.store('device-token-abc.123');
    const onDisk = await readFile(filePath, 'utf8');
    expect(onDisk).not.toContain('device-token-abc.123');
    expect(onDisk.startsWith('enc:')).toBe(true);
    await expect(store.read()).resolves.toBe('device-token-abc.123');
    if (process.platform !== 'win32') expect((await stat(filePath)).mode & 0o777).toBe(0o600);
  });

  it('replaces an earlier token and leaves no temporary file', async () => {
    const store = createTokenStore({ safeStorage: fakeSafeStorage(), fs, filePath });
    await store.store('first');
    await store.store('second');
    await expect(store.read()).resolves.toBe('second');
    await expect(stat(`${filePath}.tmp`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('clears the token, and clearing twice is fine', async () => {
    const store = createTokenStore({ safeStorage: fakeSafeStorage(), fs, filePath });
    await store.store('token');
    await store.clear();
    await store.clear();
    await expect(store.read()).resolves.toBeNull();
  });

  it('refuses to store when OS encryption is unavailable, writing nothing', async () => {
    const store = createTokenStore({ safeStorage: fakeSafeStorage(false), fs, filePath });
    const error = await store.store('secret-token').catch((e: unknown) => e);
    expect(isPlatformError(error, 'ENCRYPTION_UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toMatch(/^ENCRYPTION_UNAVAILABLE: /);
    await expect(stat(filePath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads null when the stored token can no longer be decrypted', async () => {
    await fs.writeFile(filePath, 'garbage');
    const onError = vi.fn();
    const store = createTokenStore({ safeStorage: fakeSafeStorage(), fs, filePath, onError });
    await expect(store.read()).resolves.toBeNull();
    expect(onError).toHaveBeenCalledOnce();
  });

  it('reads null when encryption became unavailable', async () => {
    await createTokenStore({ safeStorage: fakeSafeStorage(), fs, filePath }).store('token');
    const store = createTokenStore({ safeStorage: fakeSafeStorage(false), fs, filePath });
    await expect(store.read()).resolves.toBeNull();
  });

  it('reports a write failure with a code', async () => {
    const store = createTokenStore({
      safeStorage: fakeSafeStorage(),
      fs: { ...fs, writeFile: () => Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' })) },
      filePath,
      onError: () => undefined,
    });
    const error = await store.store('token').catch((e: unknown) => e);
    expect(isPlatformError(error, 'TOKEN_STORE_FAILED')).toBe(true);
  });
});
