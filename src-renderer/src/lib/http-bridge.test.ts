import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeskCallError } from '../../../src-shared/contract';
import { call, setDesk } from './desk';
import { createHttpBridge, takePreviewToken, type ConnectionState } from './http-bridge';

/** A scriptable EventSource: tests open it, push frames, and break it. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  closed = false;
  constructor(
    readonly url: string,
    readonly init?: EventSourceInit,
  ) {
    super();
    FakeEventSource.instances.push(this);
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.dispatchEvent(new Event('open'));
  }
  push(data: unknown, event = 'desk') {
    this.dispatchEvent(
      new MessageEvent(event, { data: typeof data === 'string' ? data : JSON.stringify(data) }),
    );
  }
  fail(readyState: number) {
    this.readyState = readyState;
    this.dispatchEvent(new Event('error'));
  }
  close() {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
}

function jsonResponse(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function setup(fetchImpl: typeof fetch = vi.fn<typeof fetch>()) {
  FakeEventSource.instances = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const bridge = createHttpBridge({
    token: 'tok en',
    fetch: fetchImpl,
    EventSource: FakeEventSource as unknown as typeof EventSource,
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    clearTimeout: () => {},
  });
  return { bridge, timers };
}

afterEach(() => setDesk(null));

describe('takePreviewToken', () => {
  function fakeWindow(href: string) {
    const store = new Map<string, string>();
    const win = {
      location: { href },
      history: {
        state: null,
        replaceState: vi.fn((_state: unknown, _unused: string, url: string) => {
          win.location.href = new URL(url, win.location.href).href;
        }),
      },
      sessionStorage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, v),
      },
    };
    return win as typeof win & Pick<Window, 'location' | 'history' | 'sessionStorage'>;
  }

  it('moves the token from the address into sessionStorage and keeps the hash route', () => {
    const win = fakeWindow('http://127.0.0.1:4780/?token=abc#/settings');
    expect(takePreviewToken(win)).toBe('abc');
    expect(win.location.href).toBe('http://127.0.0.1:4780/#/settings');
    // A reload has no token in the address; the tab still has it.
    expect(takePreviewToken(win)).toBe('abc');
    expect(win.history.replaceState).toHaveBeenCalledTimes(1);
  });

  it('has none when the page was opened without one', () => {
    expect(takePreviewToken(fakeWindow('http://127.0.0.1:4780/'))).toBeNull();
  });
});

describe('HTTP bridge: commands', () => {
  it('POSTs {input} to the command path with the session as a bearer header, no cookies', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () =>
      jsonResponse({ ok: true, value: { activeId: 'sandbox', workspaces: [] } }),
    );
    const { bridge } = setup(fetchImpl);
    const envelope = await bridge.invoke('workspaces:activate', { id: 'sandbox' });
    expect(envelope).toEqual({ ok: true, value: { activeId: 'sandbox', workspaces: [] } });
    const [url, init] = fetchImpl.mock.calls[0] ?? [];
    expect(url).toBe('/api/invoke/workspaces%3Aactivate');
    expect(init).toMatchObject({
      method: 'POST',
      credentials: 'omit',
      headers: { authorization: 'Bearer tok en' },
    });
    expect(JSON.parse(String(init?.body))).toEqual({ input: { id: 'sandbox' } });
  });

  it('passes a failed envelope through with its code, message and issues', async () => {
    const error = { code: 'keychain_locked', message: 'Unlock the keychain.', issues: [] };
    const { bridge } = setup(vi.fn<typeof fetch>(async () => jsonResponse({ ok: false, error })));
    expect(await bridge.invoke('credentials:get-status', { workspaceId: 'w' })).toEqual({
      ok: false,
      error,
    });
  });

  it('turns a network failure into an "unreachable" envelope instead of rejecting', async () => {
    const { bridge } = setup(
      vi.fn<typeof fetch>(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const envelope = await bridge.invoke('app:get-info', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'unreachable' } });
  });

  it('turns an expired session (401 text) into "unauthorized"', async () => {
    const { bridge } = setup(
      vi.fn<typeof fetch>(async () => new Response('open the URL', { status: 401 })),
    );
    expect(await bridge.invoke('app:get-info', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
  });

  it('refuses a response that is not an envelope', async () => {
    const { bridge } = setup(
      vi.fn<typeof fetch>(async () => jsonResponse({ hello: 'world' }, 502)),
    );
    expect(await bridge.invoke('app:get-info', {})).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('HTTP 502') },
    });
  });

  it('call() unwraps values, throws DeskCallError on failure and on a value of the wrong shape', async () => {
    const answers = [
      { ok: true, value: { version: '1.0.0', runtime: 'preview', platform: 'linux' } },
      { ok: false, error: { code: 'not_found', message: 'No such workspace.' } },
      { ok: true, value: { version: 1 } },
    ];
    const { bridge } = setup(vi.fn<typeof fetch>(async () => jsonResponse(answers.shift())));
    setDesk(bridge);
    expect(await call('app:get-info', {})).toEqual({
      version: '1.0.0',
      runtime: 'preview',
      platform: 'linux',
    });
    const failure = await call('workspaces:activate', { id: 'nope' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeskCallError);
    expect(failure).toMatchObject({
      code: 'not_found',
      message: 'No such workspace.',
      command: 'workspaces:activate',
    });
    await expect(call('app:get-info', {})).rejects.toMatchObject({ code: 'internal' });
  });
});

describe('HTTP bridge: events', () => {
  it('opens one stream lazily and delivers valid events to the listeners of that name', () => {
    const { bridge } = setup();
    expect(FakeEventSource.instances).toHaveLength(0);
    const workspaces = vi.fn();
    const credentials = vi.fn();
    bridge.on('workspaces:changed', workspaces);
    const off = bridge.on('credentials:changed', credentials);
    expect(FakeEventSource.instances).toHaveLength(1);
    const es = FakeEventSource.instances[0] as FakeEventSource;
    expect(es.url).toBe('/api/events?session=tok%20en');
    es.open();

    es.push({ name: 'workspaces:changed', payload: { activeId: 'ws-1' } });
    es.push({ name: 'credentials:changed', payload: { workspaceId: 'ws-1' } });
    expect(workspaces).toHaveBeenCalledExactlyOnceWith({ activeId: 'ws-1' });
    expect(credentials).toHaveBeenCalledExactlyOnceWith({ workspaceId: 'ws-1' });

    off();
    es.push({ name: 'credentials:changed', payload: { workspaceId: 'ws-2' } });
    expect(credentials).toHaveBeenCalledTimes(1);
  });

  it('drops malformed frames, unknown events and payloads that break the contract', () => {
    const { bridge } = setup();
    const listener = vi.fn();
    bridge.on('workspaces:changed', listener);
    const es = FakeEventSource.instances[0] as FakeEventSource;
    es.push('not json');
    es.push({ name: 'orders:exploded', payload: {} });
    es.push({ name: 'workspaces:changed', payload: { activeId: 42 } });
    es.push({ name: 'workspaces:changed', payload: { activeId: 'ok' } });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ activeId: 'ok' });
  });

  it('reports a dropped stream and reconnects a refused one with backoff', () => {
    const { bridge, timers } = setup();
    const states: ConnectionState[] = [];
    bridge.onConnectionChange((s) => states.push(s));
    const listener = vi.fn();
    bridge.on('workspaces:changed', listener);
    const first = FakeEventSource.instances[0] as FakeEventSource;
    first.open();

    // The browser retries a dropped stream by itself (readyState CONNECTING): just report it.
    first.fail(FakeEventSource.CONNECTING);
    expect(FakeEventSource.instances).toHaveLength(1);
    first.open();

    // A refused stream is closed for good: the bridge opens a new one after a delay, longer each time.
    first.fail(FakeEventSource.CLOSED);
    expect(first.closed).toBe(true);
    expect(timers).toHaveLength(1);
    timers[0]?.fn();
    const second = FakeEventSource.instances[1] as FakeEventSource;
    second.fail(FakeEventSource.CLOSED);
    expect(timers[1]?.ms).toBeGreaterThan(timers[0]?.ms ?? Infinity);
    timers[1]?.fn();
    const third = FakeEventSource.instances[2] as FakeEventSource;
    third.open();
    third.push({ name: 'workspaces:changed', payload: { activeId: 'sandbox' } });

    expect(listener).toHaveBeenCalledExactlyOnceWith({ activeId: 'sandbox' });
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open', 'reconnecting', 'open']);
  });

  it('close() stops the stream and any pending reconnect', () => {
    const { bridge, timers } = setup();
    bridge.on('workspaces:changed', () => {});
    const es = FakeEventSource.instances[0] as FakeEventSource;
    bridge.close();
    expect(es.closed).toBe(true);
    expect(timers).toHaveLength(0);
  });
});
