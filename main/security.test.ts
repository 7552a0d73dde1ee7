import { describe, expect, it, vi } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  createWindowOpenHandler,
  decideWindowOpen,
  isAllowedNavigation,
  isAllowedPermission,
  isSafeExternalUrl,
  isTrustedSenderUrl,
  parseServerUrl,
  secureWebPreferences,
} from './security';

function cspDirectives(): Map<string, string> {
  return new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name ?? '', values.join(' ')];
    }),
  );
}

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer', () => {
    expect(secureWebPreferences('/app/preload.js')).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: '/app/preload.js',
    });
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = cspDirectives();

  it('allows scripts only from the app itself', () => {
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).not.toContain('unsafe-inline');
  });

  it('allows inline styles (emotion), data fonts and blob images', () => {
    expect(directives.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(directives.get('font-src')).toBe("'self' data:");
    expect(directives.get('img-src')).toBe("'self' data: blob:");
  });

  it('connects only to itself, a local sync server or https', () => {
    expect(directives.get('connect-src')).toBe("'self' http://127.0.0.1:* http://localhost:* https:");
  });

  it('forbids plugins, base rewriting and framing', () => {
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'self'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
  });
});

describe('isAllowedNavigation', () => {
  it('allows pages of the app origin', () => {
    expect(isAllowedNavigation('app://renderer/index.html')).toBe(true);
    expect(isAllowedNavigation('app://renderer/laos/123?tab=2#x')).toBe(true);
    expect(isAllowedNavigation('APP://RENDERER/index.html', APP_ORIGIN)).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:8787/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://other/index.html',
    'app://renderer.evil.com/index.html',
    'about:blank',
    'not a url',
    '',
  ])('blocks %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('compares against the given origin', () => {
    expect(isAllowedNavigation('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
  });
});

describe('isTrustedSenderUrl', () => {
  it('trusts only frames of the app', () => {
    expect(isTrustedSenderUrl('app://renderer/index.html')).toBe(true);
    expect(isTrustedSenderUrl('https://evil.example/')).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
    expect(isTrustedSenderUrl(null)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each(['https://www.dla.go.th/', 'http://example.com/path?q=1', 'https://xn--12c1bij4d.com/'])('allows %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'file:///C:/Windows/System32/calc.exe',
    'data:text/html,hi',
    'ftp://example.com/',
    'smb://server/share',
    'mailto:someone@example.com',
    'app://renderer/index.html',
    'https://user:pass@example.com/',
    'https://user@example.com/',
    '//example.com',
    'example.com',
    '',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('refuses non-strings and huge URLs', () => {
    expect(isSafeExternalUrl(42)).toBe(false);
    expect(isSafeExternalUrl({ href: 'https://x' })).toBe(false);
    expect(isSafeExternalUrl(`https://example.com/${'a'.repeat(9000)}`)).toBe(false);
  });
});

describe('window opening', () => {
  it('always denies, opening only safe links externally', () => {
    expect(decideWindowOpen('https://example.com/')).toEqual({ action: 'deny', openExternally: true });
    expect(decideWindowOpen('javascript:alert(1)')).toEqual({ action: 'deny', openExternally: false });
    expect(decideWindowOpen('file:///etc/passwd')).toEqual({ action: 'deny', openExternally: false });
    expect(decideWindowOpen('app://renderer/index.html')).toEqual({ action: 'deny', openExternally: false });
  });

  it('hands safe links to the shell and nothing else', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    const handler = createWindowOpenHandler(shell);
    expect(handler({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://a:b@example.com/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/help');
  });

  it('reports a failing shell instead of throwing', async () => {
    const failure = new Error('no browser');
    const onError = vi.fn();
    const handler = createWindowOpenHandler({ openExternal: () => Promise.reject(failure) }, onError);
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(failure));
  });
});

describe('permissions', () => {
  it('grants only clipboard writes to the app', () => {
    expect(isAllowedPermission('clipboard-sanitized-write', 'app://renderer/index.html')).toBe(true);
    expect(isAllowedPermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    for (const permission of ['geolocation', 'media', 'notifications', 'openExternal', 'clipboard-read']) {
      expect(isAllowedPermission(permission, 'app://renderer/index.html')).toBe(false);
    }
  });
});

describe('parseServerUrl', () => {
  it('accepts http(s) URLs without a trailing slash', () => {
    expect(parseServerUrl('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
    expect(parseServerUrl(' https://eplan.example.go.th ')).toBe('https://eplan.example.go.th');
  });

  it('ignores missing or unsafe values', () => {
    expect(parseServerUrl(undefined)).toBeNull();
    expect(parseServerUrl('')).toBeNull();
    expect(parseServerUrl('file:///tmp')).toBeNull();
    expect(parseServerUrl('javascript:alert(1)')).toBeNull();
  });
});
