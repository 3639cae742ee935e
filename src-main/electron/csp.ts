import {
  PRODUCTION_CSP_DIRECTIVES,
  RENDERER_CSP,
  serializeCsp,
  type CspDirectives,
} from '../../src-shared/security/csp';

export { PRODUCTION_CSP_DIRECTIVES, serializeCsp, type CspDirectives };

/**
 * `electron-vite dev` only. Vite's React refresh preamble is an inline script, its CSS arrives as
 * inline <style>, and HMR uses a WebSocket; those are the only relaxations, so CSP violations in styles, images and the rest
 * still surface during development instead of first appearing in a packaged build.
 */
export function devServerCspDirectives(devServerUrl: string): CspDirectives {
  const ws = new URL(devServerUrl);
  ws.protocol = 'ws:';
  return {
    ...PRODUCTION_CSP_DIRECTIVES,
    'script-src': ["'self'", "'unsafe-inline'"],
    // Vite's dev server injects CSS as <style> elements.
    'style-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", ws.origin],
  };
}

/** The production policy, defined once in src-shared for the shell, the preview and index.html. */
export const PRODUCTION_CSP = RENDERER_CSP;

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
