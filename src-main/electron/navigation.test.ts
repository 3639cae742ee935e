import { describe, expect, it, vi } from 'vitest';
import { createAppOrigin } from './app-origin';
import { decideWindowOpen, isAllowedNavigation, isSafeExternalUrl } from './navigation';

describe('isSafeExternalUrl', () => {
  it.each(['https://www.linkedin.com/in/someone', 'https://results.example.com/r/1?x=2#y'])(
    'accepts %s',
    (url) => expect(isSafeExternalUrl(url)).toBe(true),
  );
  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'mailto:a@example.com',
    'smb://host/share',
    'app://desk/index.html',
    'https://user:pass@example.com/',
    'https://bank.example@evil.example/',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isSafeExternalUrl(url)).toBe(false));
});

describe('decideWindowOpen', () => {
  it('always denies a new window, and hands a safe https link to the OS', () => {
    const openExternal = vi.fn(() => Promise.resolve());
    expect(decideWindowOpen('https://example.com/a', openExternal)).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/a');
  });

  it.each(['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://desk/x'])(
    'denies %s without opening anything',
    (url) => {
      const openExternal = vi.fn(() => Promise.resolve());
      expect(decideWindowOpen(url, openExternal)).toEqual({ action: 'deny' });
      expect(openExternal).not.toHaveBeenCalled();
    },
  );

  it('reports a failed openExternal instead of leaving a rejected promise', async () => {
    const failure = new Error('no browser');
    const onError = vi.fn();
    decideWindowOpen('https://example.com/', () => Promise.reject(failure), onError);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(failure));
  });
});

describe('isAllowedNavigation', () => {
  const origin = createAppOrigin({ kind: 'bundle', rendererDir: '/r' });
  it('allows only the app itself', () => {
    expect(isAllowedNavigation('app://desk/index.html', origin)).toBe(true);
    expect(isAllowedNavigation('https://example.com/', origin)).toBe(false);
    expect(isAllowedNavigation('file:///work/out/renderer/index.html', origin)).toBe(false);
  });
});
