import { describe, expect, it, vi } from 'vitest';
import { createAppOrigin } from './app-origin';
import { PRODUCTION_CSP, type ResponseHeaders } from './csp';
import {
  hardenSession,
  type HardenableSession,
  type HeadersReceivedDetails,
} from './session-security';

function fakeSession() {
  const state: {
    protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
    onHeadersReceived?: (
      details: HeadersReceivedDetails,
      callback: (response: { responseHeaders?: ResponseHeaders }) => void,
    ) => void;
    requestHandler?: (
      contents: unknown,
      permission: string,
      cb: (granted: boolean) => void,
    ) => void;
    checkHandler?: (contents: unknown, permission: string) => boolean;
    deviceHandler?: (details: unknown) => boolean;
  } = { protocolHandlers: new Map() };
  const session: HardenableSession = {
    protocol: { handle: (scheme, handler) => void state.protocolHandlers.set(scheme, handler) },
    webRequest: { onHeadersReceived: (listener) => void (state.onHeadersReceived = listener) },
    setPermissionRequestHandler: (h) => void (state.requestHandler = h),
    setPermissionCheckHandler: (h) => void (state.checkHandler = h),
    setDevicePermissionHandler: (h) => void (state.deviceHandler = h),
  };
  const headersFor = (url: string, responseHeaders?: ResponseHeaders) => {
    let result: { responseHeaders?: ResponseHeaders } | undefined;
    state.onHeadersReceived?.({ url, responseHeaders }, (r) => (result = r));
    return result;
  };
  return { session, state, headersFor };
}

describe('hardenSession', () => {
  it('serves the bundle over app:// with the CSP', () => {
    const { session, state } = fakeSession();
    hardenSession(session, {
      origin: createAppOrigin({ kind: 'bundle', rendererDir: '/r' }),
      csp: PRODUCTION_CSP,
    });
    expect([...state.protocolHandlers.keys()]).toEqual(['app']);
  });

  it('puts the CSP on app responses and leaves other responses alone', () => {
    const { session, state, headersFor } = fakeSession();
    hardenSession(session, {
      origin: createAppOrigin({ kind: 'dev-server', url: 'http://localhost:5173/' }),
      csp: 'the-policy',
    });
    expect(state.protocolHandlers.size).toBe(0);
    expect(headersFor('http://localhost:5173/', { 'content-security-policy': ['*'] })).toEqual({
      responseHeaders: { 'Content-Security-Policy': ['the-policy'] },
    });
    expect(headersFor('https://api.stackone.com/x', { a: ['b'] })).toEqual({});
  });

  it('denies every permission request, check and device access', () => {
    const { session, state } = fakeSession();
    const denied: string[] = [];
    hardenSession(session, {
      origin: createAppOrigin({ kind: 'bundle', rendererDir: '/r' }),
      csp: PRODUCTION_CSP,
      onPermissionDenied: (p) => denied.push(p),
    });
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'hid']) {
      const callback = vi.fn();
      state.requestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(state.checkHandler?.({}, permission)).toBe(false);
    }
    expect(state.deviceHandler?.({ deviceType: 'usb' })).toBe(false);
    expect(denied).toEqual(['media', 'notifications', 'geolocation', 'clipboard-read', 'hid']);
  });
});
