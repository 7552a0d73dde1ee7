import { describe, expect, it } from 'vitest';
import { chromiumPath, findChromium } from './chromium.mjs';

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, and says so when it points nowhere', () => {
    expect(findChromium({ env: { CHROMIUM_PATH: process.execPath } })).toEqual({ kind: 'CHROMIUM_PATH', path: process.execPath });
    expect(chromiumPath({ env: { CHROMIUM_PATH: process.execPath } })).toBe(process.execPath);
    const missing = findChromium({ env: { CHROMIUM_PATH: '/nowhere/chromium' } });
    expect(missing).toEqual({ kind: 'none', reason: expect.stringContaining('/nowhere/chromium') });
    expect(chromiumPath({ env: { CHROMIUM_PATH: '/nowhere/chromium' } })).toBeUndefined();
  });

  it('without CHROMIUM_PATH finds a system or Playwright browser, or names what it looked for', () => {
    const found = findChromium({ env: {} });
    if (found.kind === 'none') expect(found.reason).toMatch(/CHROMIUM_PATH.*\/usr\/bin\/chromium.*Playwright/);
    else expect(found.path).not.toBe('');
  });
});
