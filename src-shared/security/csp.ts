/**
 * The renderer's Content-Security-Policy, enforced by the Electron shell (response header) and by the
 * browser preview: no inline or eval'd script, no `unsafe-*`, no remote origins, nothing framed.
 * React's `style` props are set through the CSSOM, which `style-src 'self'` allows.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
