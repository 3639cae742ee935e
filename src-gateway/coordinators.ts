import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Coordinator } from '../src-shared/gateway';
import { matchesAny } from './auth';
import type { GatewayStore } from './store/store';

/**
 * Named coordinators' tokens: 32 random bytes, shown once when created and stored only as their
 * SHA-256. A token that random cannot be guessed from its hash, so a plain hash (not a slow KDF)
 * is enough, and it can be looked up by index.
 */

const TOKEN_PREFIX = 'sdc_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a coordinator and answers their token (the only time it exists in clear). */
export async function addCoordinator(
  store: GatewayStore,
  name: string,
  now = new Date(),
): Promise<{ coordinator: Coordinator; token: string }> {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 100) {
    throw new Error('a coordinator name must have 1 to 100 characters');
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const coordinator = { id: randomUUID(), name: trimmed };
  await store.addCoordinator({
    ...coordinator,
    tokenHash: hashToken(token),
    createdAt: now.toISOString(),
  });
  return { coordinator, token };
}

/** Who a bearer token is: `shared` (the feed token), a coordinator, or null (refused). */
export type Identity = { coordinator: Coordinator | null };

export async function identify(
  store: GatewayStore,
  token: string | null,
  sharedTokens: readonly string[],
): Promise<Identity | null> {
  if (token === null) return null;
  // Both are checked, always: the time taken does not tell which kind of token was sent.
  const shared = matchesAny(token, sharedTokens);
  // Looked up by hash: what the lookup's timing could reveal is about the hash, which does not
  // help to guess the token (so no constant-time compare is needed here).
  const found = await store.coordinatorByTokenHash(hashToken(token));
  if (shared) return { coordinator: null };
  return found === null ? null : { coordinator: found };
}
