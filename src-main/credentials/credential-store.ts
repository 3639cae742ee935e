import { DeskFailure, type SecretKind } from '../../src-shared/contract';

/**
 * Where secrets live. Each secret is stored for one origin (`https://api.stackone.com`): the origin
 * of the workspace URL it is sent to (see `secretUrlField` in the contract). It is part of the
 * keychain account, so a secret saved for one origin is simply not found for another.
 * The only production implementation is the OS keychain (keytar); there is
 * deliberately no plaintext fallback. Implementations throw `KeychainError` (see keychain-error.ts)
 * with a message a coordinator can act on.
 */
export interface CredentialStore {
  get(workspaceId: string, kind: SecretKind, origin: string): Promise<string | null>;
  set(workspaceId: string, kind: SecretKind, origin: string, value: string): Promise<void>;
  /** Resolves true when something was deleted. */
  delete(workspaceId: string, kind: SecretKind, origin: string): Promise<boolean>;
}

/** The keychain service name; one account per workspace, secret kind and origin. */
export const KEYCHAIN_SERVICE = 'screening-desk';

export function keychainAccount(workspaceId: string, kind: SecretKind, origin: string): string {
  return `${workspaceId}/${kind}@${origin}`;
}

/** A secret as read from the store, with the origin it was saved for. */
export interface BoundSecret {
  value: string;
  origin: string;
}

/** The origin a URL's secret is bound to; null for a missing or unparsable URL. */
export function secretOrigin(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * The secret's value for a request to `url`, or an error when `url` is on another origin than the
 * one the secret was saved for. Every place that puts a secret into a request goes through here.
 */
export function secretFor(secret: BoundSecret, url: string): string {
  if (secretOrigin(url) !== secret.origin) {
    throw new DeskFailure(
      'conflict',
      `The stored secret was saved for ${secret.origin} and is never sent to another address. Enter it again for this address in Settings.`,
    );
  }
  return secret.value;
}
