import { DeskFailure, type DeskErrorCode } from '../../src-shared/contract';

export const keychainErrorCodes = [
  'keychain_unavailable',
  'keychain_locked',
  'keychain_timeout',
  'keychain_error',
] as const satisfies readonly DeskErrorCode[];
export type KeychainErrorCode = (typeof keychainErrorCodes)[number];

/** `load` is opening the native keytar module; the others are CredentialStore calls. */
export type KeychainOperation = 'load' | 'get' | 'set' | 'delete';

/** Platforms whose wording differs; anything else gets the Linux (Secret Service) advice. */
export type KeychainPlatform = 'linux' | 'darwin' | 'win32';

/**
 * A keychain failure a coordinator can act on: `message` says what went wrong and what to install,
 * start or unlock. `detail` is the system's own (redacted) wording, kept for support.
 *
 * Invariant: no KeychainError ever carries the secret — not in message, detail or cause. The raw
 * native error is deliberately not attached as `cause`, because a logger would print it whole.
 */
export class KeychainError extends Error {
  readonly code: KeychainErrorCode;
  readonly operation: KeychainOperation;
  readonly detail: string | undefined;

  constructor(
    code: KeychainErrorCode,
    message: string,
    options: { operation: KeychainOperation; detail?: string | undefined },
  ) {
    super(message);
    this.name = 'KeychainError';
    this.code = code;
    this.operation = options.operation;
    this.detail = options.detail;
  }
}

/** What crosses IPC: the code and the actionable message, never the system detail. */
export function toDeskFailure(err: unknown): DeskFailure {
  if (err instanceof DeskFailure) return err;
  if (err instanceof KeychainError) return new DeskFailure(err.code, err.message);
  return new DeskFailure(
    'keychain_error',
    'The OS keychain reported an unexpected error. Try again; if it keeps failing, restart Screening Desk.',
  );
}

export function normalisePlatform(platform: string): KeychainPlatform {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

const whatFailed: Record<KeychainOperation, string> = {
  load: 'Could not open the OS keychain',
  get: 'Could not read the secret from the OS keychain',
  set: 'Could not save the secret in the OS keychain',
  delete: 'Could not remove the secret from the OS keychain',
};

const SERVER_SETUP =
  'On a server or in a container, run it under `dbus-run-session` with GNOME Keyring unlocked ' +
  '(`sudo apt install dbus gnome-keyring`).';

interface Rule {
  platforms: readonly KeychainPlatform[];
  pattern: RegExp;
  code: KeychainErrorCode;
  reason: string;
  advice: string;
}

/**
 * Known failure texts, first match wins (so the specific ones come before the broad ones). The
 * Linux texts are the ones libsecret/GDBus produce and were observed on Debian 12; see
 * ../shared/design/TOOLCHAIN.md ("The OS keychain in tests").
 */
const rules: readonly Rule[] = [
  {
    platforms: ['linux'],
    pattern: /autolaunch D-Bus|X11 \$DISPLAY|Cannot spawn a message bus|DBUS_SESSION_BUS_ADDRESS/i,
    code: 'keychain_unavailable',
    reason: 'no D-Bus session bus is running, so the Secret Service cannot be reached',
    advice: `Start Screening Desk from a desktop session (GNOME, KDE, …). ${SERVER_SETUP}`,
  },
  {
    platforms: ['linux'],
    pattern: /org\.freedesktop\.secrets|not provided by any \.service files|ServiceUnknown/i,
    code: 'keychain_unavailable',
    reason: 'no Secret Service provider is running',
    advice:
      'Install and start GNOME Keyring (`sudo apt install gnome-keyring`), or enable the Secret ' +
      "Service integration in KeePassXC's settings, then try again.",
  },
  {
    platforms: ['linux'],
    pattern: /locked|not unlocked|cannot unlock/i,
    code: 'keychain_locked',
    reason: 'the keyring is locked',
    advice:
      'Unlock your login keyring (in Passwords and Keys / Seahorse, or open the KeePassXC ' +
      'database), then try again.',
  },
  {
    platforms: ['linux'],
    pattern: /Object does not exist at path .*collection|no such collection|default collection/i,
    code: 'keychain_locked',
    reason:
      'the keyring has no unlocked default collection (the login keyring is missing or locked)',
    advice:
      'Open Passwords and Keys (Seahorse) and create or unlock the "Login" keyring, or make an ' +
      'unlocked keyring the default, then try again.',
  },
  {
    platforms: ['linux'],
    pattern: /dismissed|cancell?ed/i,
    code: 'keychain_locked',
    reason: "the keyring's unlock prompt was dismissed",
    advice: 'Try again and unlock the keyring when it asks for its password.',
  },
  {
    platforms: ['linux'],
    pattern:
      /Could not connect|Connection refused|No such file or directory|Failed to connect|Connection reset|Broken pipe|disconnected|connection.*closed/i,
    code: 'keychain_unavailable',
    reason:
      'the D-Bus session bus cannot be reached (DBUS_SESSION_BUS_ADDRESS points to a bus that is ' +
      'not running)',
    advice:
      'Log out and back in (or restart the desktop session) so that the session bus and the ' +
      `keyring run again. ${SERVER_SETUP}`,
  },
  {
    platforms: ['linux'],
    pattern: /Timeout was reached|timed out/i,
    code: 'keychain_timeout',
    reason: 'the Secret Service did not answer',
    advice:
      'The keyring may be waiting for its password prompt: unlock it (Passwords and Keys / ' +
      'KeePassXC), then try again.',
  },
  {
    platforms: ['darwin'],
    pattern: /User interaction is not allowed|interaction not allowed/i,
    code: 'keychain_locked',
    reason: 'the macOS keychain is locked and cannot ask you to unlock it',
    advice: 'Unlock the login keychain in Keychain Access, then try again.',
  },
  {
    platforms: ['darwin'],
    pattern: /cancell?ed|denied|not authori[sz]ed|passphrase .* not correct/i,
    code: 'keychain_locked',
    reason: 'access to the macOS keychain was refused',
    advice:
      'Try again and choose "Allow" or "Always Allow" when macOS asks, or unlock the login ' +
      'keychain in Keychain Access.',
  },
  {
    platforms: ['darwin'],
    pattern: /No keychain|default keychain|keychain could not be found/i,
    code: 'keychain_unavailable',
    reason: 'macOS found no default keychain',
    advice:
      'Open Keychain Access and create or reset the login keychain (Keychain Access › Settings › ' +
      'Reset Default Keychains), then try again.',
  },
  {
    platforms: ['win32'],
    pattern: /stub received bad data|too long|too large/i,
    code: 'keychain_error',
    reason: 'Windows Credential Manager rejected the secret (it is probably too long)',
    advice: 'Check that you pasted only the key itself, then try again.',
  },
  {
    platforms: ['win32'],
    pattern: /RPC server is unavailable|service .*not .*(running|started)|Credential Manager/i,
    code: 'keychain_unavailable',
    reason: 'Windows Credential Manager is not available',
    advice:
      'Make sure the "Credential Manager" service (VaultSvc) is running (services.msc), then try ' +
      'again.',
  },
];

const genericAdvice: Record<KeychainPlatform, { reason: string; advice: string }> = {
  linux: {
    reason: 'the Secret Service reported an error',
    advice:
      'Check that your keyring (GNOME Keyring or KeePassXC) is running and unlocked, then try again.',
  },
  darwin: {
    reason: 'the macOS keychain refused the request',
    advice: 'Check in Keychain Access that the login keychain is unlocked, then try again.',
  },
  win32: {
    reason: 'Windows Credential Manager refused the request',
    advice: 'Try again; if it keeps failing, restart the "Credential Manager" service.',
  },
};

/** The system's wording, made safe to show and log: one line, bounded, the secret cut out. */
export function redactDetail(raw: unknown, secret?: string): string {
  let text =
    raw instanceof Error
      ? raw.message
      : typeof raw === 'string'
        ? raw
        : raw == null
          ? ''
          : safeString(raw);
  if (secret) text = text.split(secret).join('[redacted]');
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return '';
  }
}

function compose(operation: KeychainOperation, reason: string, advice: string, detail?: string) {
  const system = detail ? ` (System message: ${detail})` : '';
  return `${whatFailed[operation]}: ${reason}. ${advice}${system}`;
}

/**
 * Turns whatever keytar rejected with into a KeychainError. `secret` is the value being stored, if
 * any: it is cut out of the system text, in case a native layer ever echoes it.
 */
export function classifyKeychainFailure(
  err: unknown,
  context: { operation: KeychainOperation; platform: string; secret?: string | undefined },
): KeychainError {
  if (err instanceof KeychainError) return err;
  const platform = normalisePlatform(context.platform);
  const detail = redactDetail(err, context.secret);
  const rule = rules.find((r) => r.platforms.includes(platform) && r.pattern.test(detail));
  const { reason, advice } = rule ?? genericAdvice[platform];
  const code = rule?.code ?? 'keychain_error';
  return new KeychainError(code, compose(context.operation, reason, advice, detail || undefined), {
    operation: context.operation,
    detail: detail || undefined,
  });
}

/**
 * keytar could not be loaded: not installed at all (it is an optional dependency, skipped by
 * `npm install` where its native build failed), a missing libsecret, or a build for another ABI.
 */
export function keytarLoadFailure(err: unknown, platform: string): KeychainError {
  const detail = redactDetail(err);
  const notInstalled =
    (err as { code?: unknown } | null)?.code === 'ERR_MODULE_NOT_FOUND' ||
    /Cannot find (package|module) 'keytar'/.test(detail);
  const linux = normalisePlatform(platform) === 'linux';
  const advice = notInstalled
    ? linux
      ? 'npm install skipped it because its native build failed. Install the build packages ' +
        '(`sudo apt-get install libsecret-1-dev pkg-config g++ make python3` on Debian/Ubuntu), ' +
        'then run `npm install` again; `npm run doctor` checks the machine.'
      : 'npm install skipped it because its native build failed: run `npm install` again and ' +
        'read its output; `npm run doctor` checks the machine.'
    : linux
      ? 'Install libsecret (`sudo apt install libsecret-1-0` on Debian/Ubuntu, `libsecret` on ' +
        'Fedora or Arch). If you run Screening Desk from source, rebuild keytar with ' +
        '`npm rebuild keytar` (it needs `libsecret-1-dev`).'
      : 'Reinstall Screening Desk. If you run it from source, rebuild keytar with `npm rebuild keytar`.';
  return new KeychainError(
    'keychain_unavailable',
    compose(
      'load',
      notInstalled
        ? 'the keychain library (keytar) is not installed'
        : 'the keychain library (keytar) could not be loaded',
      advice,
      detail || undefined,
    ),
    { operation: 'load', detail: detail || undefined },
  );
}

/**
 * The keychain did not answer in time. `queued` means the call never started, because an earlier
 * keychain call is still waiting for an answer.
 */
export function keychainTimeout(
  operation: KeychainOperation,
  timeoutMs: number,
  context: { platform: string; queued: boolean },
): KeychainError {
  const seconds = Math.round(timeoutMs / 100) / 10;
  const reason = context.queued
    ? `the OS keychain did not answer within ${seconds} s (an earlier keychain request is still waiting for an answer)`
    : `the OS keychain did not answer within ${seconds} s`;
  const advice: Record<KeychainPlatform, string> = {
    linux:
      'The keyring may be locked and waiting for its password prompt, which can be hidden or ' +
      'missing on a headless session: unlock the keyring (Passwords and Keys / KeePassXC), then ' +
      'try again.',
    darwin:
      'macOS may be waiting for you to unlock the keychain or allow access: answer the Keychain ' +
      'dialog, then try again.',
    win32: 'Try again; if it keeps happening, restart the "Credential Manager" service.',
  };
  return new KeychainError(
    'keychain_timeout',
    compose(operation, reason, advice[normalisePlatform(context.platform)]),
    { operation },
  );
}
