import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron.mjs';

describe('findElectronBinary', () => {
  let dir: string;
  let fakeBinary: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'eplan-electron-'));
    fakeBinary = path.join(dir, 'electron');
    await writeFile(fakeBinary, '#!/bin/sh\n');
    await chmod(fakeBinary, 0o755);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('honours ELECTRON_PATH', () => {
    expect(findElectronBinary({ env: { ELECTRON_PATH: fakeBinary } })).toEqual({ available: true, path: fakeBinary });
  });

  it('explains a wrong ELECTRON_PATH', () => {
    const found = findElectronBinary({ env: { ELECTRON_PATH: path.join(dir, 'missing') } });
    expect(found.available).toBe(false);
    if (!found.available) expect(found.reason).toContain('ELECTRON_PATH');
    expect(findElectronBinary({ env: { ELECTRON_PATH: dir } }).available).toBe(false);
  });

  it('answers either a path that exists or a human reason', () => {
    const found = findElectronBinary({ env: {} });
    if (found.available) {
      expect(path.isAbsolute(found.path)).toBe(true);
    } else {
      expect(found.reason).toMatch(/Electron/);
      expect(found.reason).toMatch(/ELECTRON_PATH/);
      // Not Electron's own message, which reads as a broken install.
      expect(found.reason).not.toMatch(/failed to install correctly/);
    }
  });
});
