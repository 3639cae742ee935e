/**
 * TEST-ONLY credential stores. Secrets held here live in process memory and vanish on exit; the
 * product never uses them, because secrets live only in the OS keychain and there is deliberately
 * no plaintext fallback (see ARCHITECTURE.md, "credentials"). Use them in unit tests of modules that
 * depend on a CredentialStore.
 */
import type { SecretKind } from '../../src-shared/contract';
import { keychainAccount, type CredentialStore } from './credential-store';
import {
  classifyKeychainFailure,
  keychainTimeout,
  type KeychainError,
  type KeychainErrorCode,
} from './keychain-error';

export interface EphemeralCredentialStore extends CredentialStore {
  /** How many secrets are held. */
  readonly size: number;
}

export function createEphemeralCredentialStoreForTests(
  initial: Iterable<
    readonly [workspaceId: string, kind: SecretKind, origin: string, value: string]
  > = [],
): EphemeralCredentialStore {
  const secrets = new Map<string, string>();
  for (const [workspaceId, kind, origin, value] of initial) {
    secrets.set(keychainAccount(workspaceId, kind, origin), value);
  }
  return {
    get size() {
      return secrets.size;
    },
    async get(workspaceId, kind, origin) {
      return secrets.get(keychainAccount(workspaceId, kind, origin)) ?? null;
    },
    async set(workspaceId, kind, origin, value) {
      if (value.length === 0) throw new TypeError('An empty secret cannot be stored');
      secrets.set(keychainAccount(workspaceId, kind, origin), value);
    },
    async delete(workspaceId, kind, origin) {
      return secrets.delete(keychainAccount(workspaceId, kind, origin));
    },
  };
}

export type CredentialOperation = 'get' | 'set' | 'delete';

/** One call as the wrapper saw it; the value of `set` is deliberately not recorded. */
export interface CredentialCall {
  operation: CredentialOperation;
  workspaceId: string;
  kind: SecretKind;
  /** False when the call was failed by injection. */
  ok: boolean;
}

export interface CredentialStoreFaults {
  /**
   * Fail the matching calls with the same KeychainError the keytar store would produce for this
   * code (Linux wording). `times` limits how many calls fail; by default every call fails until
   * `heal()`. Later `fail` calls replace earlier ones.
   */
  fail(
    code: KeychainErrorCode,
    options?: { operations?: readonly CredentialOperation[]; times?: number },
  ): void;
  heal(): void;
  readonly calls: readonly CredentialCall[];
}

/** Realistic system texts per code, as libsecret reports them (see keychain-error.ts). */
const sampleSystemText: Record<Exclude<KeychainErrorCode, 'keychain_timeout'>, string> = {
  keychain_unavailable: 'The name org.freedesktop.secrets was not provided by any .service files',
  keychain_locked: 'Cannot create an item in a locked collection',
  keychain_error: 'Unexpected error from the Secret Service',
};

export function injectedKeychainError(
  code: KeychainErrorCode,
  operation: CredentialOperation,
): KeychainError {
  if (code === 'keychain_timeout') {
    return keychainTimeout(operation, 4000, { platform: 'linux', queued: false });
  }
  return classifyKeychainFailure(new Error(sampleSystemText[code]), {
    operation,
    platform: 'linux',
  });
}

/** Wraps a store (usually the ephemeral one) so tests can make the keychain fail on demand. */
export function withFailureInjection(
  store: CredentialStore,
): CredentialStore & CredentialStoreFaults {
  let fault:
    | { code: KeychainErrorCode; operations: readonly CredentialOperation[]; remaining: number }
    | undefined;
  const calls: CredentialCall[] = [];

  function intercept(operation: CredentialOperation, workspaceId: string, kind: SecretKind) {
    const failing = fault && fault.remaining > 0 && fault.operations.includes(operation);
    calls.push({ operation, workspaceId, kind, ok: !failing });
    if (!fault || !failing) return undefined;
    fault.remaining -= 1;
    return injectedKeychainError(fault.code, operation);
  }

  return {
    calls,
    fail(code, options = {}) {
      fault = {
        code,
        operations: options.operations ?? ['get', 'set', 'delete'],
        remaining: options.times ?? Number.POSITIVE_INFINITY,
      };
    },
    heal() {
      fault = undefined;
    },
    async get(workspaceId, kind, origin) {
      const err = intercept('get', workspaceId, kind);
      if (err) throw err;
      return store.get(workspaceId, kind, origin);
    },
    async set(workspaceId, kind, origin, value) {
      const err = intercept('set', workspaceId, kind);
      if (err) throw err;
      return store.set(workspaceId, kind, origin, value);
    },
    async delete(workspaceId, kind, origin) {
      const err = intercept('delete', workspaceId, kind);
      if (err) throw err;
      return store.delete(workspaceId, kind, origin);
    },
  };
}
