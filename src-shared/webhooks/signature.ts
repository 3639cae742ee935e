/**
 * Webhook signatures, shared by the sandbox (which signs) and the gateway (which verifies), so the
 * two can never drift apart.
 *
 * Assumed scheme (API-NOTES §7, third-party and unconfirmed by StackOne): header
 * `x-stackone-signature` = base64url(HMAC-SHA256(secret, raw request body)). Because the exact
 * encoding is unconfirmed, verification accepts hex, base64 and base64url, with or without a
 * `sha256=` prefix, and checks against every configured secret (two during a rotation).
 *
 * Web Crypto only: this module runs in every runtime and imports nothing from Node. A verifier in
 * Node may pass its own `hmac` (node:crypto's is several times cheaper per body than Web Crypto's,
 * which matters on the gateway's busy event loop); the scheme stays here.
 */

export const SIGNATURE_HEADER = 'x-stackone-signature';

const encoder = new TextEncoder();

function toBytes(body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (typeof body === 'string') return encoder.encode(body);
  const copy = new Uint8Array(body.byteLength);
  copy.set(body);
  return copy;
}

// Importing a key costs far more than signing with it; a gateway verifies thousands of bodies with
// the same one or two secrets. Bounded, since the secrets in play are few.
type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
const keyCache = new Map<string, Promise<HmacKey>>();
const KEY_CACHE_LIMIT = 16;

function hmacKey(secret: string): Promise<HmacKey> {
  let key = keyCache.get(secret);
  if (!key) {
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    key = crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    keyCache.set(secret, key);
  }
  return key;
}

async function hmacSha256(secret: string, body: string | Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), toBytes(body)));
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes a signature in any of the accepted encodings; null when it is none of them. */
export function decodeSignature(header: string): Uint8Array | null {
  let value = header.trim();
  if (/^sha256=/i.test(value)) value = value.slice(7).trim();
  if (value.length === 0) return null;
  if (/^[0-9a-f]{64}$/i.test(value)) {
    const out = new Uint8Array(32);
    for (let i = 0; i < 32; i++) out[i] = parseInt(value.slice(i * 2, i * 2 + 2), 16);
    return out;
  }
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return null;
  const std = value.replace(/-/g, '+').replace(/_/g, '/');
  const padded = std + '='.repeat((4 - (std.length % 4)) % 4);
  try {
    const binary = atob(padded);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** Compares in time independent of where the first difference is. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** The header value the sandbox sends: base64url, no prefix (the scheme we assume StackOne uses). */
export async function signWebhook(body: string | Uint8Array, secret: string): Promise<string> {
  return toBase64Url(await hmacSha256(secret, body));
}

/** HMAC-SHA256 of a body under a secret. */
export type Hmac = (secret: string, body: string | Uint8Array) => Uint8Array | Promise<Uint8Array>;

export interface VerifyOptions {
  /** The exact bytes received; re-serialised JSON would not match. */
  rawBody: string | Uint8Array;
  /** The signature header's value, if any. */
  signature: string | null | undefined;
  /** Current and previous secret during a rotation; empty strings are ignored. */
  secrets: readonly string[];
  /** The HMAC to use; Web Crypto's by default. */
  hmac?: Hmac;
}

/** True when the signature matches the body under any of the secrets. */
export async function verifyWebhookSignature({
  rawBody,
  signature,
  secrets,
  hmac = hmacSha256,
}: VerifyOptions): Promise<boolean> {
  if (!signature) return false;
  const received = decodeSignature(signature);
  if (!received) return false;
  let ok = false;
  // Check every secret (no early exit), so timing does not reveal which secret matched.
  for (const secret of secrets) {
    if (!secret) continue;
    const expected = await hmac(secret, rawBody);
    if (constantTimeEqual(expected, received)) ok = true;
  }
  return ok;
}
