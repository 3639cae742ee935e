import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, createAppOrigin, resolveAppLocation } from './app-origin';

describe('resolveAppLocation', () => {
  it('uses the bundle when packaged, even if a dev server URL is set', () => {
    expect(
      resolveAppLocation({
        isPackaged: true,
        rendererDir: '/app/out/renderer',
        devServerUrl: 'http://localhost:5173',
      }),
    ).toEqual({ kind: 'bundle', rendererDir: '/app/out/renderer' });
  });

  it('uses the dev server in an unpackaged app', () => {
    expect(
      resolveAppLocation({
        isPackaged: false,
        rendererDir: '/r',
        devServerUrl: 'http://localhost:5173/',
      }),
    ).toEqual({ kind: 'dev-server', url: 'http://localhost:5173/' });
  });

  it.each(['https://evil.example/', 'http://10.0.0.5:5173/', 'file:///etc/passwd', 'not a url'])(
    'refuses a non-loopback dev server URL %s',
    (devServerUrl) => {
      expect(() =>
        resolveAppLocation({ isPackaged: false, rendererDir: '/r', devServerUrl }),
      ).toThrow(/loopback/);
    },
  );
});

describe('createAppOrigin', () => {
  const bundle = createAppOrigin({ kind: 'bundle', rendererDir: '/r' });
  const dev = createAppOrigin({ kind: 'dev-server', url: 'http://localhost:5173/' });

  it('loads app://desk/index.html from the bundle', () => {
    expect(bundle.entryUrl).toBe(APP_ENTRY_URL);
    expect(APP_ENTRY_URL).toBe('app://desk/index.html');
  });

  it.each([
    ['app://desk/index.html', true],
    ['app://desk/index.html#/settings', true],
    ['app://desk/assets/index.js', true],
    ['app://other/index.html', false],
    ['file:///work/out/renderer/index.html', false],
    ['https://desk/index.html', false],
    ['http://localhost:5173/', false],
    ['garbage', false],
  ])('bundle: %s is app URL → %s', (url, expected) => {
    expect(bundle.isAppUrl(url)).toBe(expected);
  });

  it.each([
    ['http://localhost:5173/', true],
    ['http://localhost:5173/src/main.tsx', true],
    ['http://localhost:5174/', false],
    ['http://127.0.0.1:5173/', false],
    ['app://desk/index.html', false],
  ])('dev server: %s is app URL → %s', (url, expected) => {
    expect(dev.isAppUrl(url)).toBe(expected);
  });
});
