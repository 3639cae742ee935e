import type { SecretKind } from '../../src-shared/contract';

/**
 * Where secrets live. The only production implementation is the OS keychain (keytar); there is
 * deliberately no plaintext fallback. Implementations throw `KeychainError` (see keychain-error.ts)
 * with a message a coordinator can act on.
 */
export interface CredentialStore {
  get(workspaceId: string, kind: SecretKind): Promise<string | null>;
  set(workspaceId: string, kind: SecretKind, value: string): Promise<void>;
  /** Resolves true when something was deleted. */
  delete(workspaceId: string, kind: SecretKind): Promise<boolean>;
}

/** The keychain service name; one account per workspace and secret kind. */
export const KEYCHAIN_SERVICE = 'screening-desk';

export function keychainAccount(workspaceId: string, kind: SecretKind): string {
  return `${workspaceId}/${kind}`;
}
