import { createHash } from 'node:crypto';

/**
 * StackOne authenticates with HTTP Basic: the project API key as the user name and an EMPTY
 * password, i.e. `Basic base64("<key>:")` (API-NOTES §1). The header value is built per request and
 * never stored on an object that could end up in a log or an error.
 */
export function basicAuthHeader(apiKey: string): string {
  return `Basic ${Buffer.from(`${apiKey}:`, 'utf8').toString('base64')}`;
}

/**
 * A stable, non-reversible name for an API key, used as the key of module-level registries (the
 * request budget) so that the key itself never sits in a Map whose contents a debugger or a log
 * might print.
 */
export function apiKeyFingerprint(apiKey: string): string {
  return createHash('sha256').update(`stackone-api-key:${apiKey}`).digest('hex').slice(0, 16);
}
