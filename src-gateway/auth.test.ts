import { describe, expect, it } from 'vitest';
import { bearerToken, matchesAny, packagesCredentialOk } from './auth';

const basic = (user: string, pass: string) =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

describe('auth helpers', () => {
  it('matches any of the rotation tokens, never an empty one', () => {
    expect(matchesAny('b', ['a', 'b'])).toBe(true);
    expect(matchesAny('c', ['a', 'b'])).toBe(false);
    expect(matchesAny('', [''])).toBe(false);
    expect(matchesAny(null, ['a'])).toBe(false);
  });

  it('reads bearer tokens', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });

  it('accepts the packages credential as bearer or in Basic, user or password', () => {
    const tokens = ['pkg-token-1'];
    expect(packagesCredentialOk('Bearer pkg-token-1', tokens)).toBe(true);
    expect(packagesCredentialOk(basic('pkg-token-1', ''), tokens)).toBe(true);
    expect(packagesCredentialOk(basic('stackone', 'pkg-token-1'), tokens)).toBe(true);
    expect(packagesCredentialOk(basic('pkg-token-1', 'wrong'), tokens)).toBe(false);
    expect(packagesCredentialOk('Bearer nope', tokens)).toBe(false);
    expect(packagesCredentialOk(undefined, tokens)).toBe(false);
  });
});
