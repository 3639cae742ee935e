import type { SecretKind } from '../../src-shared/contract';
import { KEYCHAIN_SERVICE, keychainAccount, type CredentialStore } from './credential-store';
import {
  classifyKeychainFailure,
  keychainTimeout,
  keytarLoadFailure,
  type KeychainOperation,
} from './keychain-error';

/** The part of keytar this store uses (keytar's own typings match it); tests inject a fake. */
export interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarCredentialStoreOptions {
  /** Upper bound for each call, including any wait behind an earlier call. Default 4000 ms. */
  timeoutMs?: number;
  /** A keytar-like module, or a loader for one (a loader that throws simulates a missing libsecret). */
  keytar?: KeytarModule | (() => KeytarModule | Promise<KeytarModule>);
  /** Chooses the advice wording in error messages; defaults to `process.platform`. */
  platform?: string;
}

export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 4000;

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux) behind
 * the CredentialStore interface, service `screening-desk`, one account per workspace and kind.
 *
 * Two guarantees beyond keytar's:
 * - Every call settles within `timeoutMs` with a value or a KeychainError, because libsecret can
 *   wait forever on D-Bus (a locked keyring under xvfb opens a prompt nobody can see).
 * - Native calls run one at a time. A timed-out native call cannot be cancelled: it keeps a libuv
 *   thread-pool thread (4 by default, shared with fs, dns and crypto) until it returns, so a hung
 *   keyring must block at most one of them. Serialising also keeps writes in order: a call queued
 *   behind a hung one is dropped, never started, once its own deadline passes, so a late start can
 *   never overwrite a newer value; and the late result of a timed-out call is ignored.
 *
 * keytar is loaded on first use, so a machine without libsecret starts fine and gets a clear
 * `keychain_unavailable` error when a secret is needed.
 *
 * A native call that never returns also blocks the end of the process: `process.exit()` hangs
 * (libuv joins its thread pool at exit; observed with a D-Bus socket that never answers). See
 * `hasHungCall()`.
 */
export interface KeytarCredentialStore extends CredentialStore {
  /**
   * True while a keychain call that timed out has not returned. The process then cannot exit
   * normally: after closing everything else, the shell has to end it with SIGKILL.
   */
  hasHungCall(): boolean;
}

export function createKeytarCredentialStore(
  options: KeytarCredentialStoreOptions = {},
): KeytarCredentialStore {
  const timeoutMs = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  const platform = options.platform ?? process.platform;
  const source = options.keytar ?? loadKeytar;
  let loaded: Promise<KeytarModule> | undefined;

  function keytar(): Promise<KeytarModule> {
    loaded ??= (async () => {
      try {
        return typeof source === 'function' ? await source() : source;
      } catch (err) {
        throw keytarLoadFailure(err, platform);
      }
    })();
    return loaded;
  }

  /** Settles when the native call started last has settled; never rejects. */
  let previous: Promise<void> = Promise.resolve();
  let hung = false;

  function run<T>(
    operation: KeychainOperation,
    call: (k: KeytarModule) => Promise<T>,
    secret?: string,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      let started = false;
      const timer = setTimeout(() => {
        if (started) hung = true;
        settled = true;
        reject(keychainTimeout(operation, timeoutMs, { platform, queued: !started }));
      }, timeoutMs);

      const done = previous.then(async () => {
        if (settled) return;
        try {
          const k = await keytar();
          if (settled) return;
          started = true;
          let value: T;
          try {
            value = await call(k);
          } finally {
            hung = false;
          }
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(value);
        } catch (err) {
          // A rejection after the timeout fired lands here too and is dropped on purpose.
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(classifyKeychainFailure(err, { operation, platform, secret }));
        }
      });
      previous = done;
    });
  }

  return {
    hasHungCall: () => hung,
    get(workspaceId: string, kind: SecretKind, origin: string) {
      const account = keychainAccount(workspaceId, kind, origin);
      return run('get', (k) => k.getPassword(KEYCHAIN_SERVICE, account)).then((v) => v ?? null);
    },
    set(workspaceId: string, kind: SecretKind, origin: string, value: string) {
      // The contract rejects empty secrets before this point; keytar would throw a less clear error.
      if (value.length === 0)
        return Promise.reject(new TypeError('An empty secret cannot be stored'));
      const account = keychainAccount(workspaceId, kind, origin);
      return run('set', (k) => k.setPassword(KEYCHAIN_SERVICE, account, value), value);
    },
    delete(workspaceId: string, kind: SecretKind, origin: string) {
      const account = keychainAccount(workspaceId, kind, origin);
      return run('delete', (k) => k.deletePassword(KEYCHAIN_SERVICE, account)).then(Boolean);
    },
  };
}

/**
 * keytar is an optional dependency: `npm install` carries on where its native build fails (no
 * libsecret, no compiler), and the first keychain call then gets keytarLoadFailure's advice. The
 * specifier is a variable so that neither the type-check nor the bundler needs the package present.
 * keytar is CommonJS; the namespace's `default` is its module.exports.
 */
const KEYTAR_MODULE = 'keytar';
async function loadKeytar(): Promise<KeytarModule> {
  const mod = (await import(KEYTAR_MODULE)) as KeytarModule & { default?: KeytarModule };
  return mod.default ?? mod;
}
