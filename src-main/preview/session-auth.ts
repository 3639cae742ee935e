import { timingSafeEqual } from 'node:crypto';
import { PREVIEW_SESSION_COOKIE } from '../../src-shared/contract/preview-protocol';

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name)
      return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/**
 * The preview's guard: the per-run token arrives once in the URL, becomes an HttpOnly SameSite=Strict
 * cookie, and every later request must carry it (or an Authorization bearer). Host and Origin are
 * checked too, so a web page in another tab cannot reach the desk through DNS rebinding or CSRF.
 */
export class PreviewSessionAuth {
  constructor(
    private readonly token: string,
    private readonly allowedHosts: () => readonly string[],
  ) {}

  hostAllowed(host: string | undefined): boolean {
    return host !== undefined && this.allowedHosts().includes(host.toLowerCase());
  }

  originAllowed(origin: string | undefined): boolean {
    if (origin === undefined) return true;
    return this.allowedHosts().some((h) => origin.toLowerCase() === `http://${h}`);
  }

  tokenMatches(candidate: string | null | undefined): boolean {
    return typeof candidate === 'string' && safeEqual(candidate, this.token);
  }

  isAuthenticated(headers: { cookie?: string; authorization?: string }): boolean {
    const bearer = headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
    return (
      this.tokenMatches(readCookie(headers.cookie, PREVIEW_SESSION_COOKIE)) ||
      this.tokenMatches(bearer)
    );
  }

  sessionCookie(): string {
    return `${PREVIEW_SESSION_COOKIE}=${encodeURIComponent(this.token)}; HttpOnly; SameSite=Strict; Path=/`;
  }
}
