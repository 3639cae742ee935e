/**
 * The renderer's Content-Security-Policy. The production policy has no `unsafe-*` source anywhere:
 * every script and style comes from the bundle, the renderer talks to main only through the preload
 * bridge (so `connect-src` needs nothing beyond the app itself), and nothing may frame or be framed.
 */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

export const PRODUCTION_CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * `electron-vite dev` only. Vite's React refresh preamble is an inline script and HMR uses a
 * WebSocket; those are the only two relaxations, so CSP violations in styles, images and the rest
 * still surface during development instead of first appearing in a packaged build.
 */
export function devServerCspDirectives(devServerUrl: string): CspDirectives {
  const ws = new URL(devServerUrl);
  ws.protocol = 'ws:';
  return {
    ...PRODUCTION_CSP_DIRECTIVES,
    'script-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", ws.origin],
  };
}

export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

export const PRODUCTION_CSP = serializeCsp(PRODUCTION_CSP_DIRECTIVES);

export type ResponseHeaders = Record<string, string[]>;

/**
 * Replaces whatever CSP the response carried (header names are case-insensitive, and a server could
 * send a weaker policy under another casing) with ours.
 */
export function withCspHeader(headers: ResponseHeaders | undefined, csp: string): ResponseHeaders {
  const result: ResponseHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') {
      continue;
    }
    result[name] = value;
  }
  result['Content-Security-Policy'] = [csp];
  return result;
}
