import { RENDERER_CSP } from '../../src-shared/security/csp';

/** Headers on every preview response: the shell's CSP plus the usual hardening for a local server. */
export const previewSecurityHeaders: Record<string, string> = {
  'content-security-policy': RENDERER_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
