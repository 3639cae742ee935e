import { timingSafeEqual } from 'node:crypto';

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * The preview's guard (see preview-protocol.ts). The per-run token is a bearer token the page sends
 * itself; cookies are never read, because a browser hands 127.0.0.1's cookies to pages of every
 * port. Host, Origin and Sec-Fetch-Site are checked too, so a web page in another tab, or served by
 * another local port, cannot reach the desk through DNS rebinding or a cross-origin request.
 *
 * Every check takes the raw header and answers false for anything it does not understand: a
 * malformed header is a refusal, never an exception.
 */
export class PreviewSessionAuth {
  constructor(
    private readonly token: string,
    private readonly allowedHosts: () => readonly string[],
  ) {}

  hostAllowed(host: string | undefined): boolean {
    return typeof host === 'string' && this.allowedHosts().includes(host.toLowerCase());
  }

  /**
   * Absent headers pass (a non-browser client, or a same-origin GET); present ones must name this
   * origin. `Sec-Fetch-Site: same-site` is what a page on another port of the same host gets.
   */
  originAllowed(origin: string | undefined, fetchSite: string | undefined): boolean {
    if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')
      return false;
    if (origin === undefined) return true;
    return this.allowedHosts().some((h) => origin.toLowerCase() === `http://${h}`);
  }

  tokenMatches(candidate: unknown): boolean {
    return typeof candidate === 'string' && safeEqual(candidate, this.token);
  }

  /** `Authorization: Bearer <token>`, or the events stream's query parameter where allowed. */
  isAuthenticated(authorization: string | undefined, queryToken?: unknown): boolean {
    const bearer = /^Bearer ([\x21-\x7e]+)$/i.exec(authorization ?? '')?.[1];
    return this.tokenMatches(bearer) || this.tokenMatches(queryToken);
  }
}
