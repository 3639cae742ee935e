import { describe, expect, it } from 'vitest';
import {
  PRODUCTION_CSP,
  PRODUCTION_CSP_DIRECTIVES,
  devServerCspDirectives,
  serializeCsp,
  withCspHeader,
} from './csp';

function parse(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('production CSP', () => {
  const policy = parse(PRODUCTION_CSP);

  it('contains no unsafe-* source, wildcard or remote scheme', () => {
    expect(PRODUCTION_CSP).not.toMatch(/unsafe-/);
    expect(PRODUCTION_CSP).not.toMatch(/\*|https?:|ws:|blob:/);
  });

  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ])('%s is %j', (directive, sources) => {
    expect(policy.get(directive)).toEqual(sources);
  });
});

describe('dev server CSP', () => {
  it('differs from production only in script-src (refresh preamble), style-src (injected CSS) and connect-src (HMR socket)', () => {
    const dev = devServerCspDirectives('http://localhost:5173/');
    expect(dev['script-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev['connect-src']).toEqual(["'self'", 'ws://localhost:5173']);
    const { 'script-src': _s, 'style-src': _st, 'connect-src': _c, ...rest } = dev;
    const {
      'script-src': _ps,
      'style-src': _pst,
      'connect-src': _pc,
      ...prodRest
    } = PRODUCTION_CSP_DIRECTIVES;
    expect(rest).toEqual(prodRest);
    expect(serializeCsp(rest)).not.toMatch(/unsafe-/);
  });
});

describe('withCspHeader', () => {
  it('replaces any CSP the response carried, whatever its casing, and keeps other headers', () => {
    const headers = withCspHeader(
      {
        'content-security-policy': ['script-src *'],
        'Content-Security-Policy-Report-Only': ['default-src *'],
        'Content-Type': ['text/html'],
      },
      PRODUCTION_CSP,
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [PRODUCTION_CSP],
    });
  });

  it('adds the CSP when the response had no headers', () => {
    expect(withCspHeader(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});
