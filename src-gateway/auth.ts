import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time string equality (hashing first makes the lengths equal). */
export function secretEquals(received: string, expected: string): boolean {
  if (expected === '') return false;
  const a = createHash('sha256').update(received).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function matchesAny(
  received: string | null | undefined,
  expected: readonly string[],
): boolean {
  if (typeof received !== 'string') return false;
  let ok = false;
  // No early exit: the time taken does not reveal which secret matched.
  for (const secret of expected) if (secretEquals(received, secret)) ok = true;
  return ok;
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/** Username and password of `Authorization: Basic ...`, or null. */
export function basicCredentials(
  header: string | undefined,
): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * The credential StackOne uses to call the packages endpoint. Accepted as a bearer token, or in
 * HTTP Basic either as the username with an empty password (StackOne's own API-key convention) or
 * as the password: what StackOne sends to a provider endpoint is not documented.
 */
export function packagesCredentialOk(
  header: string | undefined,
  tokens: readonly string[],
): boolean {
  const bearer = bearerToken(header);
  if (bearer !== null) return matchesAny(bearer, tokens);
  const basic = basicCredentials(header);
  if (basic === null) return false;
  return basic.password === ''
    ? matchesAny(basic.username, tokens)
    : matchesAny(basic.password, tokens);
}
