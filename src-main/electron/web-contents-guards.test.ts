import { describe, expect, it, vi } from 'vitest';
import { createAppOrigin } from './app-origin';
import {
  guardWebContents,
  installWebContentsGuards,
  type GuardableContents,
  type NavigationEvent,
  type PreventableEvent,
} from './web-contents-guards';

type Listener = (event: NavigationEvent & PreventableEvent) => void;

function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler: typeof windowOpenHandler) {
      windowOpenHandler = handler;
    },
  };
  return {
    contents: contents as GuardableContents,
    emit(event: string, url = '') {
      const preventDefault = vi.fn();
      for (const listener of listeners.get(event) ?? []) listener({ url, preventDefault });
      return preventDefault.mock.calls.length > 0;
    },
    open(url: string) {
      if (!windowOpenHandler) throw new Error('no window open handler');
      return windowOpenHandler({ url });
    },
  };
}

const origin = createAppOrigin({ kind: 'bundle', rendererDir: '/r' });

describe('guardWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    '%s: refuses any URL but the app',
    (event) => {
      const fake = fakeContents();
      guardWebContents(fake.contents, { origin, openExternal: vi.fn() });
      expect(fake.emit(event, 'https://evil.example/')).toBe(true);
      expect(fake.emit(event, 'file:///etc/passwd')).toBe(true);
      expect(fake.emit(event, 'app://desk/index.html')).toBe(false);
    },
  );

  it('refuses to attach any webview', () => {
    const fake = fakeContents();
    guardWebContents(fake.contents, { origin, openExternal: vi.fn() });
    expect(fake.emit('will-attach-webview')).toBe(true);
  });

  it('denies every window.open and opens only https links externally', () => {
    const fake = fakeContents();
    const openExternal = vi.fn(() => Promise.resolve());
    guardWebContents(fake.contents, { origin, openExternal });
    expect(fake.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(fake.open('app://desk/index.html')).toEqual({ action: 'deny' });
    expect(fake.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/');
  });
});

describe('installWebContentsGuards', () => {
  it('guards every webContents the app creates', () => {
    let created: ((event: unknown, contents: GuardableContents) => void) | undefined;
    const app = {
      on: (_event: 'web-contents-created', listener: typeof created) => (created = listener),
    };
    installWebContentsGuards(app, { origin, openExternal: vi.fn() });
    const fake = fakeContents();
    created?.({}, fake.contents);
    expect(fake.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.open('http://example.com/')).toEqual({ action: 'deny' });
  });
});
