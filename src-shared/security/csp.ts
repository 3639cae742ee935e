/**
 * The renderer's Content-Security-Policy, one definition for the Electron shell (response header),
 * the browser preview (response header) and index.html (meta tag, checked by a test). The
 * production policy has no `unsafe-*` source anywhere: every script and style comes from the bundle,
 * the renderer talks to main only through the bridge, and nothing may frame or be framed. React's
 * `style` props are set through the CSSOM, which `style-src 'self'` allows.
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

export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

export const RENDERER_CSP = serializeCsp(PRODUCTION_CSP_DIRECTIVES);
