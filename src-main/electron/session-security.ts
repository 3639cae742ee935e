import type { AppOrigin } from './app-origin';
import { createAppProtocolHandler } from './app-protocol';
import { withCspHeader, type ResponseHeaders } from './csp';
import { denyAllPermissions, type PermissionSession } from './permissions';
import { APP_SCHEME } from './app-origin';

export interface HeadersReceivedDetails {
  url: string;
  responseHeaders?: ResponseHeaders;
}

/** The part of Electron's Session that the hardening uses (kept small so tests can fake it). */
export interface HardenableSession extends PermissionSession {
  protocol: {
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
  };
  webRequest: {
    onHeadersReceived(
      listener: (
        details: HeadersReceivedDetails,
        callback: (response: { responseHeaders?: ResponseHeaders }) => void,
      ) => void,
    ): void;
  };
}

/**
 * Serves the renderer bundle (with the CSP on every response), adds the CSP to the dev server's
 * responses, and refuses all permissions. Call once per session, after `app.whenReady()`.
 */
export function hardenSession(
  session: HardenableSession,
  options: { origin: AppOrigin; csp: string; onPermissionDenied?: (permission: string) => void },
): void {
  const { origin, csp } = options;
  if (origin.location.kind === 'bundle') {
    session.protocol.handle(
      APP_SCHEME,
      createAppProtocolHandler({ rendererDir: origin.location.rendererDir, csp }),
    );
  }
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!origin.isAppUrl(details.url)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });
  denyAllPermissions(session, options.onPermissionDenied);
}
